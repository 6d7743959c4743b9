/**
 * A bounded cache of the traffic model's per-minute core values (demand, requests, instances) of each
 * service, in typed arrays by hour. Monitoring asks for the same minutes over and over: every metric
 * of a page (request counts, latencies, instances) reads the same minutes of every service, each
 * minute also needs the one before it (cold starts), and a portal refreshing its snapshots asks for
 * nearly the same window again a minute later. At 10,000 services × 1,440 minutes that recomputation,
 * not the portal, was what a benchmark measured.
 *
 * Values are a pure function of (service, minute, configuration history, traffic profile), so a cached
 * value equals a recomputed one bit for bit (Float64Array; determinism does not depend on what is cached). Only the
 * services of projects without demand sources are cached: load-balancer routes and queue state can
 * change the demand of past-the-edit minutes in ways the history length does not capture.
 */
import type { SandboxRunService } from '../world';

const MINUTES_PER_BLOCK = 60;
const MINUTE_MS = 60_000;
/** Columns per minute: demandRps, requests, instances. NaN marks a minute not computed yet. */
const COLUMNS = 3;
/**
 * Upper bound on cached hour blocks across services (1.4 KB each: ~430 MB), enough for a day of
 * minutes of 10,000 services plus some; past it the whole cache starts over (a generation bump).
 */
export const MAX_CACHED_BLOCKS = 300_000;

/** The cached core of one minute. */
export interface CachedLoad {
  demandRps: number;
  requests: number;
  instances: number;
}

interface ServiceCache {
  generation: number;
  /**
   * The history (array and length) and traffic profile the cached values were computed with: an edit
   * appends to the history, and a test or scenario replaces the profile object (profiles are replaced,
   * never changed in place); either empties the service's cache.
   */
  history: SandboxRunService['history'];
  historyLength: number;
  traffic: SandboxRunService['traffic'];
  blocks: Map<number, Float64Array>;
}

const caches = new WeakMap<SandboxRunService, ServiceCache>();
let generation = 0;
let blocks = 0;

function cacheOf(service: SandboxRunService): ServiceCache {
  let cache = caches.get(service);
  if (
    !cache ||
    cache.generation !== generation ||
    cache.history !== service.history ||
    cache.historyLength !== service.history.length ||
    cache.traffic !== service.traffic
  ) {
    if (cache && cache.generation === generation) blocks -= cache.blocks.size;
    cache = {
      generation,
      history: service.history,
      historyLength: service.history.length,
      traffic: service.traffic,
      blocks: new Map(),
    };
    caches.set(service, cache);
  }
  return cache;
}

/** The cached core of `service`'s minute starting at `minuteStartMs`, or undefined. Writes into `out`. */
export function cachedLoad(
  service: SandboxRunService,
  minuteStartMs: number,
  out: CachedLoad,
): boolean {
  const minute = minuteStartMs / MINUTE_MS;
  const block = cacheOf(service).blocks.get(
    Math.floor(minute / MINUTES_PER_BLOCK),
  );
  if (!block) return false;
  const at =
    (minute - Math.floor(minute / MINUTES_PER_BLOCK) * MINUTES_PER_BLOCK) *
    COLUMNS;
  const demandRps = block[at]!;
  if (Number.isNaN(demandRps)) return false;
  out.demandRps = demandRps;
  out.requests = block[at + 1]!;
  out.instances = block[at + 2]!;
  return true;
}

/** Remembers the core of a computed minute. */
export function storeLoad(
  service: SandboxRunService,
  minuteStartMs: number,
  load: CachedLoad,
): void {
  const cache = cacheOf(service);
  const minute = minuteStartMs / MINUTE_MS;
  const index = Math.floor(minute / MINUTES_PER_BLOCK);
  let block = cache.blocks.get(index);
  if (!block) {
    if (blocks >= MAX_CACHED_BLOCKS) {
      generation++;
      blocks = 0;
      return storeLoad(service, minuteStartMs, load);
    }
    block = new Float64Array(MINUTES_PER_BLOCK * COLUMNS).fill(Number.NaN);
    cache.blocks.set(index, block);
    blocks++;
  }
  const at = (minute - index * MINUTES_PER_BLOCK) * COLUMNS;
  block[at] = load.demandRps;
  block[at + 1] = load.requests;
  block[at + 2] = load.instances;
}
