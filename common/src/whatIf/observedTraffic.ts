import type { ScalingSettings } from '../types/cloudRun';

/**
 * One minute of a Cloud Run service as Cloud Monitoring measured it (docs/what-if.md): the input of
 * the what-if replay.
 */
export interface ObservedMinute {
  /** Start of the minute, epoch ms (a multiple of 60,000). */
  startMs: number;
  /** Requests that arrived in the minute, every response code, 429 included (`request_count`). */
  requests: number;
  /** Of those, requests answered 429 because no instance had room. */
  refused: number;
  /** Mean latency of the minute's requests, ms (`request_latencies`); null when none was measured. */
  meanLatencyMs: number | null;
  /** Instances, active and idle, during the minute (`container/instance_count`); null without a point. */
  instances: number | null;
}

/** What the replay needs to know about a service: its settings, its container and its week. */
export interface ObservedTraffic {
  /** Scaling in force while the traffic was measured (the service's current settings). */
  settings: ScalingSettings;
  /** vCPU of the container, e.g. 1, 2, 0.5. */
  cpu: number;
  /** Memory of the container, GiB. */
  memoryGiB: number;
  /** true = request-based billing (CPU only during requests); false = instance-based. */
  cpuIdle: boolean;
  /** Consecutive minutes, oldest first (missing minutes filled with zero requests). */
  minutes: ObservedMinute[];
  /**
   * true when the service's callers retry a 429 (a Cloud Tasks queue's target): its refused requests
   * are attempts at work that came back later, so the replay takes the served requests as the demand
   * (docs/what-if.md, "Retried work").
   */
  refusalsRetried?: boolean;
}

/** Milliseconds in a minute, the replay's step. */
export const MINUTE_MS = 60_000;
