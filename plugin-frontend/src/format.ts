import { MISSING } from '@gcp-serverless/common';

/** Shown where a figure is unknown (Monitoring had no data or its panel failed); one constant, from common. */
export { MISSING };

/** A number with a fixed count of decimals, or {@link MISSING}. */
export function formatNumber(
  value: number | null | undefined,
  digits = 0,
): string {
  if (value === null || value === undefined || !Number.isFinite(value))
    return MISSING;
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** A 0..1 ratio as a percentage with two decimals ("1.25 %"), or {@link MISSING}. */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio))
    return MISSING;
  return `${(ratio * 100).toFixed(2)} %`;
}

/** Requests per second with two decimals below 100 and none above, or {@link MISSING}. */
export function formatRate(value: number | null | undefined): string {
  if (value === null || value === undefined) return MISSING;
  return formatNumber(value, Math.abs(value) < 100 ? 2 : 0);
}
