import type { BudgetWithSpend } from '../types/budgets';

/** A threshold rule of a budget and whether the spend it watches has crossed it. */
export interface BudgetThresholdStatus {
  /** Fraction of the amount (0.5 = 50 %). */
  percent: number;
  spendBasis: 'CURRENT_SPEND' | 'FORECASTED_SPEND';
  /** The spend it is compared with (actual or forecast), or null when unknown. */
  spend: number | null;
  crossed: boolean;
}

/** What the budgets page flags on a budget. */
export interface BudgetStatus {
  /** The forecast to period end is above the amount. */
  forecastOver: boolean;
  /** Forecast − amount when over, else 0. */
  forecastOverBy: number;
  /** Actual spend is already above the amount. */
  actualOver: boolean;
  thresholds: BudgetThresholdStatus[];
}

/**
 * Flags of a budget against its spend: forecast over the amount, actual over, and each threshold rule
 * crossed by the spend it watches (actual for CURRENT_SPEND, forecast for FORECASTED_SPEND), as
 * Cloud Billing's own alerts would (docs/costs-and-budgets.md).
 */
export function budgetStatus(b: BudgetWithSpend): BudgetStatus {
  const { actual, forecast } = b.spend;
  const amount = b.amount;
  const over = (v: number | null) =>
    amount !== null && amount > 0 && v !== null && v > amount;
  return {
    forecastOver: over(forecast),
    forecastOverBy: over(forecast) ? forecast! - amount! : 0,
    actualOver: over(actual),
    thresholds: b.thresholds.map(t => {
      const spend = t.spendBasis === 'FORECASTED_SPEND' ? forecast : actual;
      return {
        ...t,
        spend,
        crossed:
          amount !== null &&
          amount > 0 &&
          spend !== null &&
          spend >= amount * t.percent,
      };
    }),
  };
}
