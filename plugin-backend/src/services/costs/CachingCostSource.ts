import type { CostSourceInfo } from '@gcp-serverless/common';
import type { CostSource, DailyCosts } from './CostSource';

/** How long an answer of the billing export is reused, ms: the export itself lags by hours. */
export const COST_CACHE_TTL_MS = 5 * 60_000;

/**
 * Reuses the answers of a cost source for a few minutes, keyed by its arguments, and shares one
 * in-flight query between concurrent callers. The billing export is refreshed by Google a few
 * times a day, so a BigQuery query per page load (the index, the budgets page, the costs page)
 * would cost seconds and money for the same rows. Failures are not kept.
 */
export class CachingCostSource implements CostSource {
  private readonly entries = new Map<
    string,
    { at: number; value: Promise<DailyCosts> }
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

  dailyCosts(
    projectIds: readonly string[],
    fromDay: string,
    toDay: string,
  ): Promise<DailyCosts> {
    const key = `${[...projectIds].sort().join(',')}|${fromDay}|${toDay}`;
    const now = this.wallClock();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const value = this.inner.dailyCosts(projectIds, fromDay, toDay);
    this.entries.set(key, { at: now, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    for (const [k, e] of this.entries)
      if (now - e.at >= this.ttlMs) this.entries.delete(k);
    return value;
  }
}
