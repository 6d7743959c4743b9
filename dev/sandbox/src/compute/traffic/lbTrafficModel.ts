/**
 * What a load balancer did in one minute: each request class's demand (a share of a Cloud Run
 * profile) goes where the URL map in force at the minute's start sends it; Cloud CDN answers the share
 * its cache mode and TTLs allow (cdnCacheModel.ts); the rest reaches the origin and gets the origin's
 * answer — for a Cloud Run service, that service's own response mix of the minute (429s when it is at
 * max instances included) and latency. Pure in (project state, minute) like the Cloud Run model.
 */
import { hashString, hashUnit, stochasticRound } from '../../traffic/hash';
import {
  minuteSample,
  type MinuteSample,
} from '../../traffic/SandboxTrafficModel';
import { splitCounts } from '../../traffic/responses';
import type { SandboxProject } from '../../world';
import { computeSnapshotAt } from '../computeState';
import type { RequestClass, SandboxLoadBalancer } from '../computeTypes';
import { cacheOutcome } from './cdnCacheModel';
import { routesFor, type ClassRoute, type ClassTarget } from './lbRouting';
import { profileDemandRps } from './profileDemand';

const MINUTE_MS = 60_000;
/** cache_result label values. */
export type CacheResult = 'HIT' | 'MISS' | 'PARTIAL_HIT' | 'DISABLED';

/** Requests of one class and destination that ended the same way in a minute. */
export interface LbRow {
  route: ClassRoute;
  target: ClassTarget;
  cacheResult: CacheResult;
  /** HTTP status returned to the client. */
  responseCode: number;
  count: number;
  /** Log-normal median and sigma of the total latency, ms. */
  totalLatency: { median: number; sigma: number };
  /** Of the backend latency (requests that reached the origin), or null. */
  backendLatency: { median: number; sigma: number } | null;
}

/** Latency at the edge of a cache hit, ms (model constant). */
const EDGE_LATENCY = { median: 12, sigma: 0.5 };
/** A Cloud Storage origin (through an internet NEG or a backend bucket), ms (model constant). */
const STORAGE_LATENCY = { median: 40, sigma: 0.5 };
/** What the proxy adds to the backend's latency, ms. */
const PROXY_OVERHEAD_MS = 15;

/** A class's demand in the minute, requests per second (before routing). */
export function classDemandRps(
  project: SandboxProject,
  requestClass: RequestClass,
  minuteStartMs: number,
): number {
  const service = project.services.get(requestClass.demand.service);
  return service
    ? requestClass.demand.share *
        profileDemandRps(project, service, minuteStartMs)
    : 0;
}

/** The origin's response codes as shares, from a Cloud Run sample or the class's storage 404 share. */
function originMix(
  sample: MinuteSample | null,
  requestClass: RequestClass,
  target: ClassTarget,
): Array<[code: number, share: number]> {
  if (target.cloudRunService !== null) {
    if (!sample) return [[503, 1]];
    const total = sample.responses.reduce((sum, r) => sum + r.count, 0);
    return total > 0
      ? sample.responses.map(r => [r.code, r.count / total])
      : [[200, 1]];
  }
  const notFound = requestClass.origin404Share ?? 0;
  return notFound > 0
    ? [
        [200, 1 - notFound],
        [404, notFound],
      ]
    : [[200, 1]];
}

function backendRows(
  project: SandboxProject,
  route: ClassRoute,
  target: ClassTarget,
  requestClass: RequestClass,
  requests: number,
  rps: number,
  minuteStartMs: number,
  samples: Map<string, MinuteSample | null>,
): LbRow[] {
  let sample: MinuteSample | null = null;
  if (target.cloudRunService !== null) {
    if (!samples.has(target.cloudRunService)) {
      const service = project.services.get(target.cloudRunService);
      samples.set(
        target.cloudRunService,
        service &&
          (target.backendScope === 'global' ||
            service.region === target.backendScope)
          ? minuteSample(project, service, minuteStartMs)
          : null,
      );
    }
    sample = samples.get(target.cloudRunService)!;
  }
  const backend =
    target.cloudRunService === null
      ? STORAGE_LATENCY
      : sample
      ? { median: sample.latencyMedianMs, sigma: sample.latencySigma }
      : { median: 2, sigma: 0.3 };
  const total = {
    median: backend.median + PROXY_OVERHEAD_MS,
    sigma: backend.sigma,
  };
  const mix = originMix(sample, requestClass, target);
  const counts = splitCounts(
    requests,
    mix.map(([, share]) => share),
  );
  const cache = target.cdnPolicy
    ? cacheOutcome(requestClass.caching, target.cdnPolicy, rps)
    : null;
  const rows: LbRow[] = [];
  const push = (
    cacheResult: CacheResult,
    responseCode: number,
    count: number,
    hit: boolean,
  ) => {
    if (count > 0)
      rows.push({
        route,
        target,
        cacheResult,
        responseCode,
        count,
        totalLatency: hit ? EDGE_LATENCY : total,
        backendLatency: hit ? null : backend,
      });
  };
  mix.forEach(([code], i) => {
    const n = counts[i]!;
    if (!cache) return push('DISABLED', code, n, false);
    const ratio =
      code === 200 ? cache.hitRatio : code === 404 ? cache.negativeHitRatio : 0;
    const hits = Math.round(n * ratio);
    const partial =
      code === 200
        ? Math.round(hits * (requestClass.caching.rangeShare ?? 0))
        : 0;
    push('HIT', code, hits - partial, true);
    push('PARTIAL_HIT', 206, partial, true);
    push('MISS', code, n - hits, false);
  });
  return rows;
}

/** Every row of `lb` in the minute starting at `minuteStartMs`. */
export function lbMinute(
  project: SandboxProject,
  lb: SandboxLoadBalancer,
  minuteStartMs: number,
): LbRow[] {
  const start = Math.floor(minuteStartMs / MINUTE_MS) * MINUTE_MS;
  if (!project.compute) return [];
  const routes = routesFor(computeSnapshotAt(project.compute, start), lb);
  const samples = new Map<string, MinuteSample | null>();
  const rows: LbRow[] = [];
  lb.classes.forEach((requestClass, i) => {
    const route = routes[i]!;
    const rps = classDemandRps(project, requestClass, start);
    const stream = hashString(
      `${project.projectId}/${lb.urlMap}/${requestClass.id}`,
    );
    route.targets.forEach((target, t) => {
      const targetRps = rps * target.weight;
      const requests = stochasticRound(
        targetRps * 60,
        hashUnit(17, stream, start / MINUTE_MS, t),
      );
      if (requests <= 0) return;
      if (
        target.kind === 'redirect' ||
        target.kind === 'none' ||
        target.status !== undefined
      ) {
        rows.push({
          route,
          target,
          cacheResult: 'DISABLED',
          responseCode: target.status ?? 404,
          count: requests,
          totalLatency: { median: 3, sigma: 0.3 },
          backendLatency: null,
        });
        return;
      }
      rows.push(
        ...backendRows(
          project,
          route,
          target,
          requestClass,
          requests,
          targetRps,
          start,
          samples,
        ),
      );
    });
  });
  return rows;
}
