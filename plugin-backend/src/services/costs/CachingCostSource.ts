import type {
  CostBreakdown,
  CostReportDays,
  CostSourceInfo,
} from '@gcp-serverless/common';
import type { CostSource, ProjectDailyCosts } from './CostSource';

/** How long an answer of the billing export is reused, ms: the export itself lags by hours. */
export const COST_CACHE_TTL_MS = 5 * 60_000;

/**
 * Reuses the answers of a cost source for a few minutes, keyed by its arguments, and shares one
 * in-flight query between concurrent callers. The billing export is refreshed by Google a few
 * times a day, so a BigQuery query per page load (the index, the budgets page, the costs page)
 * would cost seconds and money for the same rows. Each method's answers are kept apart (a key
 * names the method). Failures are not kept.
 */
export class CachingCostSource implements CostSource {
  private readonly entries = new Map<
    string,
    { at: number; value: Promise<CostBreakdown | ProjectDailyCosts> }
  >();
  private readonly inner: CostSource;
  private readonly ttlMs: number;
  private readonly wallClock: () => number;

  constructor(
    inner: CostSource,
    ttlMs: number = COST_CACHE_TTL_MS,
    wallClock: () => number = Date.now,
  ) {
    this.inner = inner;
    this.ttlMs = ttlMs;
    this.wallClock = wallClock;
  }

  get info(): CostSourceInfo {
    return this.inner.info;
  }

  breakdown(
    projectId: string,
    days: CostReportDays,
    resource: string | null,
  ): Promise<CostBreakdown> {
    // The range's start, its look-back and the filter change the answer as much as the days do.
    return this.cached(
      `breakdown|${days.previousStart}|${days.rangeStart}|${
        days.resourceDaysFrom
      }|${resource ?? ''}`,
      [projectId],
      days.fromDay,
      days.toDay,
      () => this.inner.breakdown(projectId, days, resource),
    );
  }

  projectDailyCosts(
    projectIds: readonly string[],
    fromDay: string,
    toDay: string,
  ): Promise<ProjectDailyCosts> {
    return this.cached('projectDailyCosts', projectIds, fromDay, toDay, () =>
      this.inner.projectDailyCosts(projectIds, fromDay, toDay),
    );
  }

  private cached<T extends CostBreakdown | ProjectDailyCosts>(
    method: string,
    projectIds: readonly string[],
    fromDay: string,
    toDay: string,
    query: () => Promise<T>,
  ): Promise<T> {
    const key = `${method}|${[...projectIds]
      .sort()
      .join(',')}|${fromDay}|${toDay}`;
    const now = this.wallClock();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value as Promise<T>;
    const value = query();
    this.entries.set(key, { at: now, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    for (const [k, e] of this.entries)
      if (now - e.at >= this.ttlMs) this.entries.delete(k);
    return value;
  }
}
