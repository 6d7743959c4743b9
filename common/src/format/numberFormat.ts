/** How many decimals a number is shown with (Intl.NumberFormat's options of the same names). */
export interface FractionDigits {
  minimumFractionDigits?: number;
  maximumFractionDigits?: number;
}

/**
 * One `Intl.NumberFormat` per set of digits, made on first use. `Number.prototype.toLocaleString`
 * builds a new formatter (and resolves its locale) on every call, ~18 µs with options in Node 20;
 * the overview formats several figures per service, so at 1,000 services that was ~40 ms of the
 * serving thread per computed overview (docs/performance.md, "Session 10").
 */
const formatters = new Map<string, Intl.NumberFormat>();

/**
 * A number as the portal shows it everywhere: US English, thousands separators ("82,000", "0.5").
 * Same text as `value.toLocaleString('en-US', digits)`.
 */
export function formatNumber(
  value: number,
  digits: FractionDigits = {},
): string {
  const key = `${digits.minimumFractionDigits ?? ''}/${
    digits.maximumFractionDigits ?? ''
  }`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-US', digits);
    formatters.set(key, formatter);
  }
  return formatter.format(value);
}
