import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { RequestHandler } from 'express';

/** Environment variable that turns on `GET /_debug/metrics` (for `npm run bench`; off by default). */
export const DEBUG_METRICS_ENV = 'GCP_SERVERLESS_DEBUG_METRICS';

/** What `GET /_debug/metrics` answers. */
export interface DebugMetrics {
  /** Event-loop delay since start or the last `?reset=1`, milliseconds (perf_hooks.monitorEventLoopDelay, 10 ms resolution). */
  eventLoopDelayMs: { p50: number; p99: number; max: number; mean: number };
  /** Resident set size now, bytes. */
  rssBytes: number;
  /** Peak resident set size of the process so far, bytes. */
  maxRssBytes: number;
  heapUsedBytes: number;
  /**
   * CPU time of the whole process (every thread: serving, computation, GC helpers) since it
   * started, user + system, milliseconds (`process.cpuUsage`): a benchmark reads it before and
   * after a request to tell the portal's own work from the round trips it waits on.
   */
  cpuMs: number;
}

/**
 * A handler that reports the portal process's event-loop delay and memory, so a benchmark in another
 * process can read them; `?reset=1` starts a new event-loop window after answering.
 */
export function debugMetricsHandler(): RequestHandler {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  return (req, res) => {
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    const body: DebugMetrics = {
      eventLoopDelayMs: {
        p50: ms(delay.percentile(50)),
        p99: ms(delay.percentile(99)),
        max: ms(delay.max),
        mean: ms(delay.mean),
      },
      rssBytes: memory.rss,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      heapUsedBytes: memory.heapUsed,
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    };
    if (req.query['reset'] === '1') delay.reset();
    res.json(body);
  };
}
