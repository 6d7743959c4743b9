/**
 * The model minutes of one Cloud Run service that an alignment plan asks for, in columns (typed arrays,
 * one row per computed minute, in plan order: periods newest first, minutes ascending within each),
 * so that a query walks numbers instead of building a sample and points per minute, and so that the
 * queries of one page share them. A portal's long-window reads (a week at 1 h alignment of every
 * service: request counts, their hourly maximum, latency distributions, instance maxima, CPU and
 * memory) ask for the very same sampled minutes; each computed them again, and those sampled minutes
 * do not go through the per-minute cache (traffic/minuteLoadCache.ts).
 *
 * Rows hold the values of `MinuteSampler.at(minute, weight)` (traffic/SandboxTrafficModel.ts) copied
 * as they are, so a value read here is bit for bit the value a sample gives. Columns are kept per
 * service and plan ({@link planSignature}), while the service's history and traffic profile stay the
 * same objects; only for projects whose demand does not follow load balancers or queues (the others'
 * past minutes follow state no key captures: their columns are built per query and not kept).
 */
import { MinuteSampler } from '../../traffic/SandboxTrafficModel';
import type { SandboxProject, SandboxRunService } from '../../world';
import type { AlignmentPlan } from '../aggregation/alignmentPlan';
import { planSignature } from '../query/answerCache';

/** Response codes in the order a minute writes their points (traffic/responses.ts): 200 first, 429 last. */
export const RESPONSE_CODES: ReadonlyArray<
  readonly [number, '2xx' | '3xx' | '4xx' | '5xx']
> = [
  [200, '2xx'],
  [301, '3xx'],
  [302, '3xx'],
  [404, '4xx'],
  [500, '5xx'],
  [503, '5xx'],
  [429, '4xx'],
];
const CODE_COUNT = RESPONSE_CODES.length;
const CODE_INDEX = new Map(
  RESPONSE_CODES.map(([code], index) => [code, index]),
);

/** A service's computed minutes of one plan, by column. */
export interface MinuteColumns {
  /** Rows: the plan's minutes, periods newest first, minutes ascending within each. */
  rows: number;
  /** Configuration version in force (index in the service's history). */
  configVersion: Int32Array;
  /** 1 when the service existed in the minute; 0 before its creation (no points at all). */
  deployed: Uint8Array;
  /** Requests per response code, `rows × RESPONSE_CODES.length`, in {@link RESPONSE_CODES} order; 0 = no point. */
  responses: Float64Array;
  served: Float64Array;
  latencyMedianMs: Float64Array;
  /** The profile's latency sigma (one traffic profile per columns). */
  latencySigma: number;
  instances: Float64Array;
  activeInstances: Float64Array;
  idleInstances: Float64Array;
  coldStarts: Float64Array;
  startupLatencyMedianMs: Float64Array;
  billableInstanceSeconds: Float64Array;
  maxConcurrencyPerInstance: Float64Array;
  cpuUtilisation: Float64Array;
  memoryUtilisation: Float64Array;
}

/** Requests of response code `codeIndex` ({@link RESPONSE_CODES}) in row `row`. */
export function responseAt(
  columns: MinuteColumns,
  row: number,
  codeIndex: number,
): number {
  return columns.responses[row * CODE_COUNT + codeIndex]!;
}

function rowsOf(plan: AlignmentPlan): number {
  let rows = 0;
  for (const period of plan.periods) rows += period.minuteStarts.length;
  return rows;
}

/** Computes the columns of `service` for `plan` from the traffic model. */
export function buildMinuteColumns(
  project: SandboxProject,
  service: SandboxRunService,
  plan: AlignmentPlan,
): MinuteColumns {
  const rows = rowsOf(plan);
  const f64 = () => new Float64Array(rows);
  const columns: MinuteColumns = {
    rows,
    configVersion: new Int32Array(rows),
    deployed: new Uint8Array(rows),
    responses: new Float64Array(rows * CODE_COUNT),
    served: f64(),
    latencyMedianMs: f64(),
    latencySigma: service.traffic.latencySigma,
    instances: f64(),
    activeInstances: f64(),
    idleInstances: f64(),
    coldStarts: f64(),
    startupLatencyMedianMs: f64(),
    billableInstanceSeconds: f64(),
    maxConcurrencyPerInstance: f64(),
    cpuUtilisation: f64(),
    memoryUtilisation: f64(),
  };
  const sampler = new MinuteSampler(project, service);
  let row = 0;
  for (const period of plan.periods) {
    for (const minuteStart of period.minuteStarts) {
      // The same call as a Monitoring source makes for a minute (cloudRunMetrics.ts).
      const sample = sampler.at(minuteStart, period.weight);
      columns.configVersion[row] = sample.configVersion;
      if (!sample.deployed) {
        row++;
        continue;
      }
      columns.deployed[row] = 1;
      columns.served[row] = sample.served;
      columns.latencyMedianMs[row] = sample.latencyMedianMs;
      columns.instances[row] = sample.instances;
      columns.activeInstances[row] = sample.activeInstances;
      columns.idleInstances[row] = sample.idleInstances;
      columns.coldStarts[row] = sample.coldStarts;
      columns.startupLatencyMedianMs[row] = sample.startupLatencyMedianMs;
      columns.billableInstanceSeconds[row] = sample.billableInstanceSeconds;
      columns.maxConcurrencyPerInstance[row] = sample.maxConcurrencyPerInstance;
      columns.cpuUtilisation[row] = sample.cpuUtilisation;
      columns.memoryUtilisation[row] = sample.memoryUtilisation;
      for (const response of sample.responses)
        columns.responses[row * CODE_COUNT + CODE_INDEX.get(response.code)!] =
          response.count;
      row++;
    }
  }
  return columns;
}

/**
 * Rows kept at most across services and plans (about 130 bytes each: ~330 MB), enough for a week at
 * 1 h alignment of 1,000 services (1 M rows) twice over, or one plan at the sampling budget of a
 * larger fleet; past it the whole store starts over.
 */
export const MAX_KEPT_ROWS = 2_500_000;

interface KeptColumns {
  history: SandboxRunService['history'];
  historyLength: number;
  traffic: SandboxRunService['traffic'];
  timeZone: string;
  generation: number;
  byPlan: Map<string, MinuteColumns>;
}

const kept = new WeakMap<SandboxRunService, KeptColumns>();
let generation = 0;
let keptRows = 0;
const signatures = new WeakMap<AlignmentPlan, string>();

/**
 * The columns of `service` for `plan`: kept ones when the service's state is the same, else computed
 * (and kept when `keep`: the service's minutes depend only on its history and traffic profile).
 */
export function minuteColumns(
  project: SandboxProject,
  service: SandboxRunService,
  plan: AlignmentPlan,
  keep: boolean,
): MinuteColumns {
  if (!keep) return buildMinuteColumns(project, service, plan);
  let signature = signatures.get(plan);
  if (signature === undefined) {
    signature = planSignature(plan);
    signatures.set(plan, signature);
  }
  let entry = kept.get(service);
  if (
    !entry ||
    entry.generation !== generation ||
    entry.history !== service.history ||
    entry.historyLength !== service.history.length ||
    entry.traffic !== service.traffic ||
    entry.timeZone !== project.timeZone
  ) {
    if (entry && entry.generation === generation)
      for (const columns of entry.byPlan.values()) keptRows -= columns.rows;
    entry = {
      history: service.history,
      historyLength: service.history.length,
      traffic: service.traffic,
      timeZone: project.timeZone,
      generation,
      byPlan: new Map(),
    };
    kept.set(service, entry);
  }
  let columns = entry.byPlan.get(signature);
  if (!columns) {
    columns = buildMinuteColumns(project, service, plan);
    if (keptRows + columns.rows > MAX_KEPT_ROWS) {
      generation++;
      keptRows = 0;
      entry.generation = generation;
      entry.byPlan.clear();
    }
    entry.byPlan.set(signature, columns);
    keptRows += columns.rows;
  }
  return columns;
}
