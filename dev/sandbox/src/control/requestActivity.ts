/**
 * What the sandbox is doing with Google calls: how many are open right now (arrived, not yet answered
 * or abandoned by their client) and how long their handlers worked, per API method — the injected
 * round trip excluded. Tests read `inFlight` to see that a client's cancelled calls end; the benchmark
 * reads `workMs` to tell the sandbox's own time apart from the portal's (`GET /_sandbox/activity`).
 */
export class RequestActivity {
  private open = 0;
  private peak = 0;
  private readonly work = new Map<string, { ms: number; maxMs: number }>();
  private readonly points = new Map<string, number>();

  /** A Google call arrived; the returned function marks it over (answered or its client gone), once. */
  opened(): () => void {
    this.open++;
    this.peak = Math.max(this.peak, this.open);
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      this.open--;
    };
  }

  /** Adds `ms` milliseconds of the sandbox's time spent on one call of `method` (handler, then writing). */
  worked(method: string, ms: number): void {
    const entry = this.work.get(method) ?? { ms: 0, maxMs: 0 };
    entry.ms += ms;
    entry.maxMs = Math.max(entry.maxMs, ms);
    this.work.set(method, entry);
  }

  /** Adds the Monitoring points one answer of `method` carried (what a client has to decode). */
  answeredPoints(method: string, points: number): void {
    this.points.set(method, (this.points.get(method) ?? 0) + points);
  }

  /** Google calls open now. */
  get inFlight(): number {
    return this.open;
  }

  /**
   * As served by `GET /_sandbox/activity`: open calls, the most open at once, per method the
   * sandbox's time (total and longest stretch), and per method the Monitoring points answered.
   */
  snapshot(): {
    inFlight: number;
    peakInFlight: number;
    workMs: Record<string, { ms: number; maxMs: number }>;
    points: Record<string, number>;
  } {
    const round = (n: number) => Math.round(n * 10) / 10;
    return {
      inFlight: this.open,
      peakInFlight: this.peak,
      workMs: Object.fromEntries(
        [...this.work]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => [k, { ms: round(v.ms), maxMs: round(v.maxMs) }]),
      ),
      points: Object.fromEntries(
        [...this.points].sort(([a], [b]) => a.localeCompare(b)),
      ),
    };
  }

  /** Zeroes the work figures, the points and the peak (open calls stay counted). */
  reset(): void {
    this.work.clear();
    this.points.clear();
    this.peak = this.open;
  }
}
