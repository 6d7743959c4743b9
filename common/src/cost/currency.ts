/**
 * Money formatting in the billing account's currency (ISO 4217 code from the budget or the export's
 * `currency` column). Intl is available in browsers and Node alike, so `common` may use it.
 */

/** An amount with the currency's usual decimals, e.g. "$1,234.50", "₩12,345", "€0.40". */
export function formatCurrency(
  amount: number,
  currency: string,
  options: { compact?: boolean } = {},
): string {
  if (!Number.isFinite(amount)) return '—';
  try {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      ...(options.compact
        ? {
            notation: 'compact',
            minimumFractionDigits: 0,
            maximumFractionDigits: 1,
          }
        : {}),
    }).format(amount);
  } catch {
    // An unknown code must not break a page: show the number with the code.
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** A unit price with enough digits to be exact, e.g. "$0.0000025", "$0.40". */
export function formatUnitPrice(price: number, currency: string): string {
  if (!Number.isFinite(price)) return '—';
  const digits =
    price === 0
      ? 2
      : Math.min(12, Math.max(2, Math.ceil(-Math.log10(Math.abs(price))) + 3));
  try {
    const text = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: digits,
    }).format(price);
    return text;
  } catch {
    return `${price} ${currency}`;
  }
}

/** A signed change, e.g. "+$12.30" or "−$4.00" (true minus sign); zero is "$0.00". */
export function formatCurrencyChange(change: number, currency: string): string {
  const abs = formatCurrency(Math.abs(change), currency);
  if (Math.abs(change) < 0.005) return formatCurrency(0, currency);
  return change > 0 ? `+${abs}` : `−${abs}`;
}

/** Rounds money to cents (or the given decimals) to keep sums of floating amounts stable. */
export function roundMoney(amount: number, decimals = 2): number {
  const f = 10 ** decimals;
  return Math.round(amount * f) / f;
}
