import { protoNumber } from '../protoValues';

/** google.type.Money as the clients return it: units may be a string, number or Long. */
export interface RawMoney {
  currencyCode?: string | null;
  units?: unknown;
  nanos?: number | null;
}

/** Money as a number of currency units (units + nanos ÷ 10⁹). */
export function moneyToNumber(money: RawMoney | null | undefined): number {
  if (!money) return 0;
  const units = protoNumber(money.units);
  return units + (money.nanos ?? 0) / 1e9;
}

/**
 * A number of currency units as Money: int64 units as a string (docs/google-apis.md §1) and nanos with the
 * same sign, rounded to the nano so 0.1 + 0.2 style errors never reach Google.
 */
export function numberToMoney(
  amount: number,
  currencyCode: string,
): { currencyCode: string; units: string; nanos: number } {
  const totalNanos = Math.round(amount * 1e9);
  const units = Math.trunc(totalNanos / 1e9);
  return {
    currencyCode,
    units: String(units),
    nanos: totalNanos - units * 1e9,
  };
}
