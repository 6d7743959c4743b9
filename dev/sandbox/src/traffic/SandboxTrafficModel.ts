/**
 * The sandbox's traffic model: what a Cloud Run service does in one minute of sandbox time. It is a
 * pure function of (service, minute) — demand from the traffic profile in the project's time zone,
 * seeded noise, and the configuration in force at that minute (`configAt`), so an edit changes only
 * the minutes after it and every query sees the same history. Nothing is stored.
 */
import type { RunServiceConfig, SandboxProject, SandboxRunService } from '../world';
import { activeInstancesFor, billableSeconds, instancesFor, utilisationOf } from './capacity';
import { expectedDemandRps } from './demand';
import { hashString, hashUnit, stochasticRound } from './hash';
import { medianLatencyMs } from './latencyShape';
import { responseCounts, type ResponseCount } from './responses';

const MINUTE_MS = 60_000;
const NOISE_CHANNEL = 1;
const ROUNDING_CHANNEL = 2;
const LATENCY_CHANNEL = 3;
/** Channels 16..21: the rounding draw of each response code (responses.ts CODES index). */
const RESPONSE_CHANNEL = 16;

/** What one service did in one minute of sandbox time. Counts are per minute, not per second. */
export interface MinuteSample {
  /** Start of the minute, epoch ms (a multiple of 60,000). */
  minuteStartMs: number;
  /**
   * false for minutes before the service was created (its first history entry): no demand, no
   * instances, and Monitoring writes no points for them.
   */
  deployed: boolean;
  /** Index in `service.history` of the configuration in force (one revision per configuration). */
  configVersion: number;
  config: RunServiceConfig;
  /** Demand including noise, requests per second. */
  demandRps: number;
  /** Requests that arrived in the minute (served + refused). */
  requests: number;
  /** Requests that reached an instance. */
  served: number;
  /** Requests refused with 429 because every instance was full (demand above max × concurrency). */
  refused: number;
  /**
   * Requests per response code, codes without requests left out. Whole numbers, except in a sample
   * that stands for several minutes (`weight` > 1), where rare codes carry their fractional share.
   */
  responses: ResponseCount[];
  /** Median latency of served requests, ms: load, queueing and per-minute noise included. */
  latencyMedianMs: number;
  /** Log-normal sigma of latency (the profile's). */
  latencySigma: number;
  /** Demand concurrency ÷ capacity concurrency of the instances running (above 1 = overloaded). */
  utilisation: number;
  /** Mean in-flight requests on the instances (Little's law: served rps × mean service time). */
  concurrentRequests: number;
  instances: number;
  activeInstances: number;
  idleInstances: number;
  /** Instances started this minute (rise in instance count since the previous minute). */
  coldStarts: number;
  /** Median container startup latency, ms. */
  startupLatencyMedianMs: number;
  /** Billable instance time of the minute, seconds. */
  billableInstanceSeconds: number;
  /** Typical highest number of simultaneous requests one active instance saw in the minute. */
  maxConcurrencyPerInstance: number;
  /** Mean CPU utilisation of the instances, 0..1. */
  cpuUtilisation: number;
  /** Mean memory utilisation of the instances, 0..1. */
  memoryUtilisation: number;
}

/** The core quantities, computed for a minute and (for cold starts) the minute before. */
interface MinuteLoad {
  deployed: boolean;
  configVersion: number;
  config: RunServiceConfig;
  demandRps: number;
  requests: number;
  /** Concurrency the demand would need at unqueued latency. */
  demandConcurrency: number;
  instances: number;
}

const streams = new WeakMap<SandboxRunService, number>();

function streamOf(service: SandboxRunService): number {
  let stream = streams.get(service);
  if (stream === undefined) {
    stream = hashString(`${service.projectId}/${service.name}`);
    streams.set(service, stream);
  }
  return stream;
}

/** Index in `service.history` of the configuration in force at `epochMs` (0 before the first). */
export function configVersionAt(service: SandboxRunService, epochMs: number): number {
  let index = 0;
  for (let i = 1; i < service.history.length; i++) {
    if (service.history[i]!.effectiveFrom <= epochMs) index = i;
    else break;
  }
  return index;
}

/** Mean of the unqueued log-normal latency, seconds: median × e^(σ²/2). */
function meanServiceSeconds(service: SandboxRunService): number {
  const { latencyP50Ms, latencySigma } = service.traffic;
  return (latencyP50Ms * Math.exp((latencySigma * latencySigma) / 2)) / 1000;
}

function loadAt(project: SandboxProject, service: SandboxRunService, minuteStartMs: number): MinuteLoad {
  const profile = service.traffic;
  const minute = minuteStartMs / MINUTE_MS;
  const configVersion = configVersionAt(service, minuteStartMs);
  const config = service.history[configVersion]!.config;
  // A service has no traffic before it exists: the first configuration is not used for earlier minutes.
  if (minuteStartMs < service.history[0]!.effectiveFrom) {
    return { deployed: false, configVersion, config, demandRps: 0, requests: 0, demandConcurrency: 0, instances: 0 };
  }
  const stream = streamOf(service);
  const noise = 1 + profile.noise * (2 * hashUnit(profile.seed, stream, minute, NOISE_CHANNEL) - 1);
  let demandRps = Math.max(0, expectedDemandRps(profile, project.timeZone, minuteStartMs) * noise);
  for (const source of project.demandSources ?? []) demandRps = Math.max(0, source.adjust(service, minuteStartMs, demandRps));
  const requests = stochasticRound(demandRps * 60, hashUnit(profile.seed, stream, minute, ROUNDING_CHANNEL));
  const demandConcurrency = (requests / 60) * meanServiceSeconds(service);
  const instances = instancesFor(demandConcurrency, config);
  return { deployed: true, configVersion, config, demandRps, requests, demandConcurrency, instances };
}

/**
 * What `service` of `project` did in the minute starting at `minuteStartMs` (floored to the minute).
 * `weight` is how many minutes the sample stands for when Monitoring samples long periods (default 1);
 * it only changes how rare response codes are rounded (responses.ts). Deterministic: the same
 * arguments and history always give the same sample.
 */
export function minuteSample(project: SandboxProject, service: SandboxRunService, minuteStartMs: number, weight = 1): MinuteSample {
  const start = Math.floor(minuteStartMs / MINUTE_MS) * MINUTE_MS;
  const load = loadAt(project, service, start);
  const previous = loadAt(project, service, start - MINUTE_MS);
  const { config, requests, instances } = load;
  const capacity = instances * config.concurrency;
  const utilisation = capacity > 0 ? load.demandConcurrency / capacity : requests > 0 ? Infinity : 0;
  // Beyond capacity the instances serve at most capacity ÷ service time; the rest is refused with 429.
  const served = utilisation > 1 ? (capacity > 0 ? Math.round(requests / utilisation) : 0) : requests;
  const refused = requests - served;
  const concurrentRequests = (served / 60) * meanServiceSeconds(service);
  const activeInstances = activeInstancesFor(concurrentRequests, instances, config);
  const perActive = activeInstances > 0 ? concurrentRequests / activeInstances : 0;
  const profile = service.traffic;
  const stream = streamOf(service);
  const minute = start / MINUTE_MS;
  const draw = (codeIndex: number) => hashUnit(profile.seed, stream, minute, RESPONSE_CHANNEL + codeIndex);
  return {
    minuteStartMs: start,
    deployed: load.deployed,
    configVersion: load.configVersion,
    config,
    demandRps: load.demandRps,
    requests,
    served,
    refused,
    responses: responseCounts(profile, served, refused, draw, weight),
    latencyMedianMs: medianLatencyMs(profile.latencyP50Ms, utilisation, hashUnit(profile.seed, stream, minute, LATENCY_CHANNEL)),
    latencySigma: profile.latencySigma,
    utilisation,
    concurrentRequests,
    instances,
    activeInstances,
    idleInstances: instances - activeInstances,
    coldStarts: Math.max(0, instances - previous.instances),
    // Bigger containers and fewer CPUs start slower; ~1 s is typical for a small Node or Go service.
    startupLatencyMedianMs: (600 + 300 * config.memoryGiB) / Math.sqrt(Math.min(Math.max(config.cpu, 0.25), 4)),
    billableInstanceSeconds: billableSeconds(config, instances, activeInstances, concurrentRequests),
    // The busiest moment of a minute exceeds the mean by about two Poisson standard deviations.
    maxConcurrencyPerInstance: activeInstances > 0 ? Math.min(config.concurrency, perActive + 2 * Math.sqrt(perActive) + 1) : 0,
    cpuUtilisation: utilisationOf(concurrentRequests, instances, config.concurrency, 0.02, 0.9),
    memoryUtilisation: utilisationOf(concurrentRequests, instances, config.concurrency, 0.2, 0.3),
  };
}
