import type {
  CostBreakdown,
  CostReportDays,
  CostRow,
  CostSourceInfo,
  ProjectDayCost,
} from '@gcp-serverless/common';

/** Daily cost rows of some projects over [fromDay, toDay) and the currency they are in. */
export interface DailyCosts {
  rows: CostRow[];
  /** ISO 4217 code, e.g. "USD". */
  currency: string;
}

/** Cost per project and UTC day of some projects over [fromDay, toDay) and the currency it is in. */
export interface ProjectDailyCosts {
  /** By day, then project. */
  rows: ProjectDayCost[];
  /** ISO 4217 code, e.g. "USD". */
  currency: string;
}

/**
 * Where actual spend comes from. Budgets hold no spend (docs/google-apis.md §6), so there are two sources:
 * the Cloud Billing export to BigQuery (billed cost, credits included) and, where no export is
 * configured, an estimate from Monitoring usage × Catalog prices, labelled as one.
 */
export interface CostSource {
  readonly info: CostSourceInfo;
  /**
   * What the costs page of one allowlisted project draws over `days`: per day and SKU family, per
   * resource and period, per day and resource (CostBreakdown), each added up where the rows are;
   * with `resource`, the day grains are that resource's alone.
   */
  breakdown(
    projectId: string,
    days: CostReportDays,
    resource: string | null,
  ): Promise<CostBreakdown>;
  /**
   * Cost per project and UTC day for [fromDay, toDay): the same spend as `breakdown` added up over
   * resources and SKU families, for budgets and the overview, which need no more (a 10,000-service
   * project's days stay a few dozen rows).
   */
  projectDailyCosts(
    projectIds: readonly string[],
    fromDay: string,
    toDay: string,
  ): Promise<ProjectDailyCosts>;
}
