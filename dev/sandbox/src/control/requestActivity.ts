/**
 * What the sandbox is doing with Google calls: how many are open right now (arrived, not yet answered
 * or abandoned by their client) and how long their handlers worked, per API method — the injected
 * round trip excluded. Tests read `inFlight` to see that a client's cancelled calls end; the benchmark
 * reads `workMs` to tell the sandbox's own time apart from the portal's, and `calls` (when each call
 * arrived and was answered) to find the longest chain of calls that waited on one another
 * (`GET /_sandbox/activity`).
 */
export class RequestActivity {
  private open = 0;
  private peak = 0;
  private readonly work = new Map<string, { ms: number; maxMs: number }>();
  private readonly points = new Map<string, number>();
  private readonly calls: ActivityCall[] = [];
  private callsDropped = 0;
  /** `performance.now()` at the last reset: the calls' times count from it. */
  private since = performance.now();

  /**
   * A Google call of `method` arrived (before any injected latency, as a real call leaves its client);
   * the returned function marks it over, once: answered (its last byte written) or abandoned by its client.
   */
  opened(method: string): (answered: boolean) => void {
    this.open++;
    this.peak = Math.max(this.peak, this.open);
    const arrivedAt = performance.now();
    let closed = false;
    return answered => {
      if (closed) return;
      closed = true;
      this.open--;
      if (arrivedAt < this.since) return; // arrived before the last reset
      if (this.calls.length >= MAX_CALLS_KEPT) {
        this.callsDropped++;
        return;
      }
      const round = (n: number) => Math.round((n - this.since) * 10) / 10;
      this.calls.push({
        method,
        arrivedMs: round(arrivedAt),
        answeredMs: round(performance.now()),
        ...(answered ? {} : { abandoned: true }),
      });
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
   * sandbox's time (total and longest stretch), per method the Monitoring points answered, and the
   * calls over since the last reset in the order they ended, their times in ms from `sinceEpochMs`.
   */
  snapshot(): {
    inFlight: number;
    peakInFlight: number;
    workMs: Record<string, { ms: number; maxMs: number }>;
    points: Record<string, number>;
    sinceEpochMs: number;
    calls: ActivityCall[];
    callsDropped: number;
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
      sinceEpochMs: round(performance.timeOrigin + this.since),
      calls: [...this.calls],
      callsDropped: this.callsDropped,
    };
  }

  /** Zeroes the work figures, the points, the calls and the peak (open calls stay counted). */
  reset(): void {
    this.work.clear();
    this.points.clear();
    this.calls.length = 0;
    this.callsDropped = 0;
    this.since = performance.now();
    this.peak = this.open;
  }
}

/** One Google call that is over: ms from the last reset to its arrival and to the end of its answer. */
export interface ActivityCall {
  method: string;
  arrivedMs: number;
  answeredMs: number;
  /** Its client left before the answer (a cancelled call): nothing waited on its answer. */
  abandoned?: true;
}

/**
 * Calls kept between resets: a bench resets before each measured request (a cold read at 10,000
 * services is hundreds of calls); a long-running sandbox that is never reset keeps ~2 MB of them.
 */
const MAX_CALLS_KEPT = 20_000;
