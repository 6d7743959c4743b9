import type {
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
   * Daily rows per project, resource and SKU family for the UTC days [fromDay, toDay), `YYYY-MM-DD`.
   * Only allowlisted projects are ever passed in.
   */
  dailyCosts(
    projectIds: readonly string[],
    fromDay: string,
    toDay: string,
  ): Promise<DailyCosts>;
  /**
   * Cost per project and UTC day for [fromDay, toDay): the same spend as `dailyCosts` added up over
   * resources and SKU families, for budgets and the overview, which need no more (a 10,000-service
   * project's days stay a few dozen rows).
   */
  projectDailyCosts(
    projectIds: readonly string[],
    fromDay: string,
    toDay: string,
  ): Promise<ProjectDailyCosts>;
}
