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
/** Float64 numbers per row: one per response code and the 11 other number columns. */
const FLOAT_COLUMNS = CODE_COUNT + 11;
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

/** A row of some kept columns. */
interface RowRef {
  columns: MinuteColumns;
  row: number;
}

/** Copies row `from` of `source` into row `to` of `target` (every column: a row is one sample). */
function copyRow(
  source: MinuteColumns,
  from: number,
  target: MinuteColumns,
  to: number,
): void {
  target.configVersion[to] = source.configVersion[from]!;
  target.deployed[to] = source.deployed[from]!;
  for (let code = 0; code < CODE_COUNT; code++)
    target.responses[to * CODE_COUNT + code] =
      source.responses[from * CODE_COUNT + code]!;
  target.served[to] = source.served[from]!;
  target.latencyMedianMs[to] = source.latencyMedianMs[from]!;
  target.instances[to] = source.instances[from]!;
  target.activeInstances[to] = source.activeInstances[from]!;
  target.idleInstances[to] = source.idleInstances[from]!;
  target.coldStarts[to] = source.coldStarts[from]!;
  target.startupLatencyMedianMs[to] = source.startupLatencyMedianMs[from]!;
  target.billableInstanceSeconds[to] = source.billableInstanceSeconds[from]!;
  target.maxConcurrencyPerInstance[to] =
    source.maxConcurrencyPerInstance[from]!;
  target.cpuUtilisation[to] = source.cpuUtilisation[from]!;
  target.memoryUtilisation[to] = source.memoryUtilisation[from]!;
}

/**
 * Computes the columns of `service` for `plan` from the traffic model; a row that `computed` finds
 * (the same minute at the same weight, computed before from the same service state) is copied.
 */
export function buildMinuteColumns(
  project: SandboxProject,
  service: SandboxRunService,
  plan: AlignmentPlan,
  computed?: (minuteStart: number, weight: number) => RowRef | undefined,
): MinuteColumns {
  const rows = rowsOf(plan);
  // Every column a view of one buffer: a buffer per column (17 per service and plan) cost more memory
  // in buffer bookkeeping than their numbers at 10,000 services (docs/performance.md). Zero-filled.
  const buffer = new ArrayBuffer(rows * (8 * FLOAT_COLUMNS + 4 + 1));
  let offset = 0;
  const f64 = (length = rows) => {
    const view = new Float64Array(buffer, offset, length);
    offset += length * 8;
    return view;
  };
  const responses = f64(rows * CODE_COUNT);
  const columns: MinuteColumns = {
    rows,
    responses,
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
    configVersion: new Int32Array(buffer, offset, rows),
    deployed: new Uint8Array(buffer, offset + rows * 4, rows),
  };
  const sampler = new MinuteSampler(project, service);
  let row = 0;
  for (const period of plan.periods) {
    for (const minuteStart of period.minuteStarts) {
      const found = computed?.(minuteStart, period.weight);
      if (found) {
        copyRow(found.columns, found.row, columns, row++);
        continue;
      }
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
  /**
   * The rows of the short plans kept here (at most {@link INDEXED_PLAN_ROWS} rows: the last hour's and
   * the last minutes' queries, the warm-up's recent minutes), by weight, then minute start, so that the
   * next short plan copies the minutes it shares with them instead of computing them again.
   */
  rowsByWeight: Map<number, Map<number, RowRef>>;
}

/**
 * Plans of at most this many rows have their rows indexed for later plans: a query over the last
 * hour or minutes ends at the portal's own now, so its plan is new every few minutes while most of
 * its minutes are the previous plan's (a week's 1,008 rows per service are not indexed: too many
 * entries for the memory they would save).
 */
export const INDEXED_PLAN_ROWS = 120;

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
      rowsByWeight: new Map(),
    };
    kept.set(service, entry);
  }
  let columns = entry.byPlan.get(signature);
  if (!columns) {
    const rowsByWeight = entry.rowsByWeight;
    columns = buildMinuteColumns(
      project,
      service,
      plan,
      rowsByWeight.size === 0
        ? undefined
        : (minuteStart, weight) => rowsByWeight.get(weight)?.get(minuteStart),
    );
    if (keptRows + columns.rows > MAX_KEPT_ROWS) {
      generation++;
      keptRows = 0;
      entry.generation = generation;
      entry.byPlan.clear();
      entry.rowsByWeight.clear();
    }
    entry.byPlan.set(signature, columns);
    keptRows += columns.rows;
    if (columns.rows <= INDEXED_PLAN_ROWS) indexRows(entry, plan, columns);
  }
  return columns;
}

/** Indexes the rows of `columns` (of `plan`) by weight and minute start, first computed first kept. */
function indexRows(
  entry: KeptColumns,
  plan: AlignmentPlan,
  columns: MinuteColumns,
): void {
  let row = 0;
  for (const period of plan.periods) {
    let byMinute = entry.rowsByWeight.get(period.weight);
    if (!byMinute) {
      byMinute = new Map();
      entry.rowsByWeight.set(period.weight, byMinute);
    }
    for (const minuteStart of period.minuteStarts) {
      if (!byMinute.has(minuteStart))
        byMinute.set(minuteStart, { columns, row });
      row++;
    }
  }
}

/** Rows kept now across services and plans (the warm-ups leave room below {@link MAX_KEPT_ROWS}). */
export function keptRowCount(): number {
  return keptRows;
}
