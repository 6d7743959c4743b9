import type { CostTotals } from '../cost/aggregate';

/** One project's month so far and forecast. */
export interface ProjectMonthCost {
  projectId: string;
  /** Month to date: gross, credits, net. */
  monthToDate: CostTotals;
  /** Forecast net spend to month end. */
  forecast: number;
}

/** Every allowlisted project's month, and the totals across them (each budget counted once). */
export interface AllProjectsMonthCost {
  /** First day of the month, `YYYY-MM-DD`. */
  monthStart: string;
  currency: string;
  projects: ProjectMonthCost[];
  total: {
    monthToDate: CostTotals;
    forecast: number;
    /** Sum of the amounts of the distinct monthly budgets (a budget covering several projects counts once); null when none. */
    budget: number | null;
  };
}
