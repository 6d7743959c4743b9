/**
 * Counts requests per API method key (`run.services.list`, `monitoring.timeSeries.list`, …), faulted
 * ones included, so tests and the benchmark can assert how many Google calls a feature costs.
 */
export class RequestCounters {
  private readonly counts = new Map<string, number>();

  /** Adds one request under `method`. */
  increment(method: string): void {
    this.counts.set(method, (this.counts.get(method) ?? 0) + 1);
  }

  /** Requests counted under `method` since the last reset (0 if none). */
  get(method: string): number {
    return this.counts.get(method) ?? 0;
  }

  /** All counts, by method key, as served by `GET /_sandbox/counters`. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(
      [...this.counts].sort(([a], [b]) => a.localeCompare(b)),
    );
  }

  /** Zeroes every count. */
  reset(): void {
    this.counts.clear();
  }
}
