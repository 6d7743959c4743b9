/**
 * The sandbox's traffic model: what a Cloud Run service does in one minute of sandbox time. It is a
 * pure function of (service, minute) — demand from the traffic profile in the project's time zone,
 * seeded noise, and the configuration in force at that minute (`configAt`), so an edit changes only
 * the minutes after it and every query sees the same history. Nothing is stored.
 */
import type {
  RunServiceConfig,
  SandboxProject,
  SandboxRunService,
} from '../world';
import {
  activeInstancesFor,
  billableSeconds,
  instancesFor,
  utilisationOf,
} from './capacity';
import { expectedDemandRps } from './demand';
import { hashString, hashUnit, stochasticRound } from './hash';
import { medianLatencyMs } from './latencyShape';
import { cachedLoad, storeLoad, type CachedLoad } from './minuteLoadCache';
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
export function configVersionAt(
  service: SandboxRunService,
  epochMs: number,
): number {
  let index = 0;
  for (let i = 1; i < service.history.length; i++) {
    if (service.history[i]!.effectiveFrom <= epochMs) index = i;
    else break;
  }
  return index;
}

const meanSeconds = new WeakMap<
  SandboxRunService,
  { profile: SandboxRunService['traffic']; seconds: number }
>();

/** Mean of the unqueued log-normal latency, seconds: median × e^(σ²/2). */
function meanServiceSeconds(service: SandboxRunService): number {
  const cached = meanSeconds.get(service);
  if (cached && cached.profile === service.traffic) return cached.seconds;
  const { latencyP50Ms, latencySigma } = service.traffic;
  const seconds =
    (latencyP50Ms * Math.exp((latencySigma * latencySigma) / 2)) / 1000;
  meanSeconds.set(service, { profile: service.traffic, seconds });
  return seconds;
}

const scratch: CachedLoad = { demandRps: 0, requests: 0, instances: 0 };

/** A MinuteLoad to be filled by {@link loadInto}. */
function emptyLoad(): MinuteLoad {
  return {
    deployed: false,
    configVersion: 0,
    config: undefined as unknown as RunServiceConfig,
    demandRps: 0,
    requests: 0,
    demandConcurrency: 0,
    instances: 0,
  };
}

/**
 * The core of a minute, written into `out` (no object per minute: at fleet scale a query computes
 * millions). `cacheable` minutes of services without demand sources go through the minute cache
 * (minuteLoadCache.ts). `out` is written only at the end: a demand source may sample other services.
 */
function loadInto(
  out: MinuteLoad,
  project: SandboxProject,
  service: SandboxRunService,
  minuteStartMs: number,
  cacheable: boolean,
): void {
  const configVersion = configVersionAt(service, minuteStartMs);
  const config = service.history[configVersion]!.config;
  out.configVersion = configVersion;
  out.config = config;
  // A service has no traffic before it exists: the first configuration is not used for earlier minutes.
  if (minuteStartMs < service.history[0]!.effectiveFrom) {
    out.deployed = false;
    out.demandRps = 0;
    out.requests = 0;
    out.demandConcurrency = 0;
    out.instances = 0;
    return;
  }
  const useCache = cacheable && !project.demandSources?.length;
  if (useCache && cachedLoad(service, minuteStartMs, scratch)) {
    out.deployed = true;
    out.demandRps = scratch.demandRps;
    out.requests = scratch.requests;
    out.demandConcurrency =
      (scratch.requests / 60) * meanServiceSeconds(service);
    out.instances = scratch.instances;
    return;
  }
  const profile = service.traffic;
  const minute = minuteStartMs / MINUTE_MS;
  const stream = streamOf(service);
  const noise =
    1 +
    profile.noise *
      (2 * hashUnit(profile.seed, stream, minute, NOISE_CHANNEL) - 1);
  let demandRps = Math.max(
    0,
    expectedDemandRps(profile, project.timeZone, minuteStartMs) * noise,
  );
  for (const source of project.demandSources ?? [])
    demandRps = Math.max(0, source.adjust(service, minuteStartMs, demandRps));
  const requests = stochasticRound(
    demandRps * 60,
    hashUnit(profile.seed, stream, minute, ROUNDING_CHANNEL),
  );
  const demandConcurrency = (requests / 60) * meanServiceSeconds(service);
  const instances = instancesFor(demandConcurrency, config);
  if (useCache)
    storeLoad(service, minuteStartMs, { demandRps, requests, instances });
  // Written again after the demand sources, which may have filled this scratch for another minute.
  out.configVersion = configVersion;
  out.config = config;
  out.deployed = true;
  out.demandRps = demandRps;
  out.requests = requests;
  out.demandConcurrency = demandConcurrency;
  out.instances = instances;
}

/**
 * Scratch loads per nesting depth: a demand source (a queue's worker, a load balancer's routes) may
 * sample another service while a sample is being filled.
 */
const loadScratch: Array<[MinuteLoad, MinuteLoad]> = [];
let fillDepth = 0;

/** The draw of a response code's rounding (a plain function: a closure per minute was measurable churn). */
function responseDraw(
  seed: number,
  stream: number,
  minute: number,
  codeIndex: number,
): number {
  return hashUnit(seed, stream, minute, RESPONSE_CHANNEL + codeIndex);
}

/**
 * What `service` of `project` did in the minute starting at `minuteStartMs` (floored to the minute).
 * `weight` is how many minutes the sample stands for when Monitoring samples long periods (default 1);
 * it only changes how rare response codes are rounded (responses.ts). `cacheable` false keeps the
 * minute out of the minute cache: callers that sample one minute an hour (the billing export) would
 * otherwise fill it with an hour block per sample and evict what Monitoring reuses. Deterministic: the
 * same arguments and history always give the same sample, cached or not.
 */
export function minuteSample(
  project: SandboxProject,
  service: SandboxRunService,
  minuteStartMs: number,
  weight = 1,
  // Every minute of a query is cacheable; the sparse samples of long periods (weight > 1) are not.
  cacheable = weight === 1,
): MinuteSample {
  const sample = new LazyResponsesSample();
  fillMinuteSample(sample, project, service, minuteStartMs, weight, cacheable);
  return sample;
}

/**
 * A reusable MinuteSample for one caller that reads each minute at once and keeps nothing of it
 * (Monitoring's aggregation): {@link MinuteSampler.at} refills the same object, so a query over
 * millions of minutes allocates none per minute. The values are those of {@link minuteSample}.
 */
export class MinuteSampler {
  private readonly sample = new LazyResponsesSample();
  private readonly project: SandboxProject;
  private readonly service: SandboxRunService;

  constructor(project: SandboxProject, service: SandboxRunService) {
    this.project = project;
    this.service = service;
  }

  /** The sample of the minute starting at `minuteStartMs`; valid until the next call. */
  at(
    minuteStartMs: number,
    weight = 1,
    cacheable = weight === 1,
  ): MinuteSample {
    fillMinuteSample(
      this.sample,
      this.project,
      this.service,
      minuteStartMs,
      weight,
      cacheable,
    );
    return this.sample;
  }
}

function fillMinuteSample(
  sample: LazyResponsesSample,
  project: SandboxProject,
  service: SandboxRunService,
  minuteStartMs: number,
  weight: number,
  cacheable: boolean,
): void {
  const pair = (loadScratch[fillDepth] ??= [emptyLoad(), emptyLoad()]);
  fillDepth++;
  try {
    fillFromLoads(
      sample,
      pair,
      project,
      service,
      minuteStartMs,
      weight,
      cacheable,
    );
  } finally {
    fillDepth--;
  }
}

function fillFromLoads(
  sample: LazyResponsesSample,
  [load, previous]: [MinuteLoad, MinuteLoad],
  project: SandboxProject,
  service: SandboxRunService,
  minuteStartMs: number,
  weight: number,
  cacheable: boolean,
): void {
  const start = Math.floor(minuteStartMs / MINUTE_MS) * MINUTE_MS;
  loadInto(load, project, service, start, cacheable);
  loadInto(previous, project, service, start - MINUTE_MS, cacheable);
  const { config, requests, instances } = load;
  const capacity = instances * config.concurrency;
  const utilisation =
    capacity > 0
      ? load.demandConcurrency / capacity
      : requests > 0
      ? Infinity
      : 0;
  // Beyond capacity the instances serve at most capacity ÷ service time; the rest is refused with 429.
  const served =
    utilisation > 1
      ? capacity > 0
        ? Math.round(requests / utilisation)
        : 0
      : requests;
  const refused = requests - served;
  const concurrentRequests = (served / 60) * meanServiceSeconds(service);
  const activeInstances = activeInstancesFor(
    concurrentRequests,
    instances,
    config,
  );
  const perActive =
    activeInstances > 0 ? concurrentRequests / activeInstances : 0;
  const profile = service.traffic;
  const stream = streamOf(service);
  const minute = start / MINUTE_MS;
  sample.reset(profile, stream, minute, weight);
  sample.minuteStartMs = start;
  sample.deployed = load.deployed;
  sample.configVersion = load.configVersion;
  sample.config = config;
  sample.demandRps = load.demandRps;
  sample.requests = requests;
  sample.served = served;
  sample.refused = refused;
  sample.latencyMedianMs = medianLatencyMs(
    profile.latencyP50Ms,
    utilisation,
    hashUnit(profile.seed, stream, minute, LATENCY_CHANNEL),
  );
  sample.latencySigma = profile.latencySigma;
  sample.utilisation = utilisation;
  sample.concurrentRequests = concurrentRequests;
  sample.instances = instances;
  sample.activeInstances = activeInstances;
  sample.idleInstances = instances - activeInstances;
  sample.coldStarts = Math.max(0, instances - previous.instances);
  // Bigger containers and fewer CPUs start slower; ~1 s is typical for a small Node or Go service.
  sample.startupLatencyMedianMs =
    (600 + 300 * config.memoryGiB) /
    Math.sqrt(Math.min(Math.max(config.cpu, 0.25), 4));
  sample.billableInstanceSeconds = billableSeconds(
    config,
    instances,
    activeInstances,
    concurrentRequests,
  );
  // The busiest moment of a minute exceeds the mean by about two Poisson standard deviations.
  sample.maxConcurrencyPerInstance =
    activeInstances > 0
      ? Math.min(config.concurrency, perActive + 2 * Math.sqrt(perActive) + 1)
      : 0;
  sample.cpuUtilisation = utilisationOf(
    concurrentRequests,
    instances,
    config.concurrency,
    0.02,
    0.9,
  );
  sample.memoryUtilisation = utilisationOf(
    concurrentRequests,
    instances,
    config.concurrency,
    0.2,
    0.3,
  );
}

/**
 * A MinuteSample whose response codes are split on first read: most metrics (instances, latencies,
 * billable time) never look at them, and splitting them for every minute of 10,000 services was a
 * measurable share of a Monitoring answer. A class, so every sample has the same shape.
 */
class LazyResponsesSample implements MinuteSample {
  minuteStartMs = 0;
  deployed = false;
  configVersion = 0;
  config!: RunServiceConfig;
  demandRps = 0;
  requests = 0;
  served = 0;
  refused = 0;
  latencyMedianMs = 0;
  latencySigma = 0;
  utilisation = 0;
  concurrentRequests = 0;
  instances = 0;
  activeInstances = 0;
  idleInstances = 0;
  coldStarts = 0;
  startupLatencyMedianMs = 0;
  billableInstanceSeconds = 0;
  maxConcurrencyPerInstance = 0;
  cpuUtilisation = 0;
  memoryUtilisation = 0;
  private split: ResponseCount[] | undefined;
  private profile!: SandboxRunService['traffic'];
  private stream = 0;
  private minute = 0;
  private weight = 1;

  /** Starts a new minute: forgets the previous minute's split response codes. */
  reset(
    profile: SandboxRunService['traffic'],
    stream: number,
    minute: number,
    weight: number,
  ): void {
    this.split = undefined;
    this.profile = profile;
    this.stream = stream;
    this.minute = minute;
    this.weight = weight;
  }

  get responses(): ResponseCount[] {
    this.split ??= responseCounts(
      this.profile,
      this.served,
      this.refused,
      codeIndex =>
        responseDraw(this.profile.seed, this.stream, this.minute, codeIndex),
      this.weight,
    );
    return this.split;
  }
}
