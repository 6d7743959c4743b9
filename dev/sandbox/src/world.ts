/**
 * The sandbox's in-memory world: projects, their Cloud Run services with the history of their
 * configuration, and the traffic profile that drives the computed metrics. Shared by the API
 * handlers (which read and change configuration) and the traffic model (which reads the
 * configuration in force at each minute, so an edit shows in later points).
 */
import type { BackingServices } from './backing';

/** Injectable time source of the sandbox, so tests can move time forward. */
export interface SandboxClock {
  /** Sandbox time, epoch milliseconds. */
  now(): number;
  /** Moves sandbox time forward by `seconds`. */
  advance(seconds: number): void;
  /** Sets sandbox time to an absolute epoch milliseconds value. */
  set(epochMs: number): void;
}

/** Configuration of a Cloud Run service that the traffic model depends on. */
export interface RunServiceConfig {
  minInstances: number;
  maxInstances: number;
  /** Effective max concurrent requests per instance (never 0: 0/unset is resolved to 80 or 1). */
  concurrency: number;
  /** vCPU of the container, e.g. 1, 2, 0.5. */
  cpu: number;
  /** Memory of the container in GiB. */
  memoryGiB: number;
  /** true = request-based billing (CPU only during requests). */
  cpuIdle: boolean;
  timeoutSeconds: number;
}

/** A configuration and the sandbox time from which it is in force. */
export interface ConfigVersion {
  /** Epoch ms from which this configuration applies. */
  effectiveFrom: number;
  config: RunServiceConfig;
  /**
   * Short name of the revision serving this configuration (`gryd-be-00002-xyz`), set by whoever creates
   * the entry (scenarios, the Run API). An edit that leaves the template alone keeps the revision.
   * Absent in hand-made worlds: Monitoring then derives a name (monitoring/metrics/cloudRunRevisions.ts).
   */
  revision?: string;
}

/** A recurring burst of traffic (e.g. avocano-shop's weekly flash sale), in the project's time zone. */
export interface TrafficEvent {
  /** 0 = Sunday … 6 = Saturday. */
  dayOfWeek: number;
  startHour: number;
  durationHours: number;
  /** Demand multiplier during the event. */
  multiplier: number;
}

/** How much traffic a service gets and how it behaves; deterministic for a given seed. */
export interface TrafficProfile {
  /** Mean demand in requests per second at the daily average. */
  baseRps: number;
  /** Amplitude of the diurnal curve, 0..1 (0.6 → peak 1.6×, trough 0.4× of baseRps). */
  diurnalAmplitude: number;
  /** Local hour (0..23) of the daily peak. */
  peakHour: number;
  /** Weekend demand as a share of weekday demand. */
  weekendFactor: number;
  /** Median request latency in ms when not overloaded. */
  latencyP50Ms: number;
  /** Log-normal sigma of latency (spread; 0.5 ≈ p95 2.3× median). */
  latencySigma: number;
  /** Share of requests answered 5xx by the application, 0..1. */
  errorRate5xx: number;
  /** Share of requests answered 4xx by the application, 0..1. */
  errorRate4xx: number;
  /** Share of requests answered 3xx, 0..1. */
  redirectRate3xx: number;
  /** Relative noise amplitude per minute, 0..1. */
  noise: number;
  events: TrafficEvent[];
  /** Seed for the deterministic noise. */
  seed: number;
}

/** A Cloud Run service of the sandbox. */
export interface SandboxRunService {
  projectId: string;
  region: string;
  name: string;
  /** The Run Admin API v2 Service resource as served (camelCase JSON, enums as names). */
  resource: Record<string, unknown>;
  /** Configuration history, oldest first; the last entry is the current configuration. */
  history: ConfigVersion[];
  traffic: TrafficProfile;
}

/**
 * A part of the world that changes the demand a Cloud Run service sees in a minute: load-balancer
 * traffic routed to it by the URL map in force, Cloud Tasks dispatches to a worker, … Sources are
 * applied in order to the demand computed from the service's own TrafficProfile (noise included).
 * Must be deterministic in (service, minute) like the rest of the model.
 */
export interface DemandSource {
  /** The service's demand in requests per second for the minute, given the demand so far. */
  adjust(
    service: SandboxRunService,
    minuteStartMs: number,
    demandRps: number,
  ): number;
}

export interface SandboxProject {
  projectId: string;
  /** IANA time zone that shapes the diurnal and weekly curves. */
  timeZone: string;
  /** Default region of the scenario. */
  region: string;
  services: Map<string, SandboxRunService>;
  /** Demand coupling between resources (empty for a project of plain Cloud Run services). */
  demandSources?: DemandSource[];
  /** Cloud Tasks queues and Memorystore for Redis instances (issue 4; absent = none). */
  backing?: BackingServices;
  /** Global load-balancing resources (compute/computeTypes.ts); absent = the project has none. */
  compute?: import('./compute/computeTypes').SandboxComputeState;
  /** Cloud Logging entries written to the project (logging/loggingTypes.ts); absent until the first write. */
  logging?: import('./logging/loggingTypes').SandboxLogging;
}

export interface SandboxWorld {
  projects: Map<string, SandboxProject>;
  /** Billing account, budgets and export cache (billing/billingState.ts); created on first use, dropped on reset. */
  billing?: import('./billing/billingState').SandboxBilling;
}

/** The configuration of a service in force at `epochMs` (the first one if `epochMs` precedes all). */
export function configAt(
  service: SandboxRunService,
  epochMs: number,
): RunServiceConfig {
  let current = service.history[0]!.config;
  for (const version of service.history) {
    if (version.effectiveFrom <= epochMs) current = version.config;
    else break;
  }
  return current;
}
