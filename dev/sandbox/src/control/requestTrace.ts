import { appendFileSync } from 'node:fs';

/**
 * An opt-in log of every Google call the sandbox answered, one JSON line each: when it arrived
 * (sandbox-independent wall clock, ISO 8601), the method key, the path with its query, the HTTP status
 * and the sandbox's own milliseconds on it (handler, then writing the answer; the injected round trip
 * excluded), and the request's JSON body when it had one (a BigQuery query's text and parameters, so a
 * replay asks the same query: perf/replayTrace.ts). Set `GCP_SANDBOX_TRACE=FILE` to write it: it says which queries a portal asked and which
 * of them cost the sandbox its time, which the per-method totals of `/_sandbox/activity` cannot.
 * Writes are synchronous (a debugging aid, not for tests).
 */
export class RequestTrace {
  private readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  /** A trace writing to `GCP_SANDBOX_TRACE` when it is set, else null. */
  static fromEnvironment(
    env: NodeJS.ProcessEnv = process.env,
  ): RequestTrace | null {
    const file = env.GCP_SANDBOX_TRACE;
    return file ? new RequestTrace(file) : null;
  }

  /** Appends one answered call. */
  record(entry: {
    method: string;
    url: string;
    status: number;
    handlerMs: number;
    writeMs: number;
    body?: unknown;
  }): void {
    appendFileSync(
      this.file,
      `${JSON.stringify({
        at: new Date().toISOString(),
        ...entry,
        handlerMs: Math.round(entry.handlerMs * 10) / 10,
        writeMs: Math.round(entry.writeMs * 10) / 10,
      })}\n`,
    );
  }
}
