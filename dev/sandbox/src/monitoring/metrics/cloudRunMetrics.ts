/**
 * Cloud Run metrics (docs/google-apis.md §7) on resource `cloud_run_revision`, computed from the traffic model.
 * Kinds follow Google's descriptors where known; the DELTA kind of the container distributions is
 * unverified. Like Cloud Run, no point is written for a label set or distribution with nothing to
 * count in a minute (e.g. no 500s, no cold starts), so series are sparse.
 */
import {
  MinuteSampler,
  type MinuteSample,
} from '../../traffic/SandboxTrafficModel';
import {
  CPU_UTILISATION_SIGMA,
  MAX_CONCURRENCY_SIGMA,
  MEMORY_UTILISATION_SIGMA,
  STARTUP_LATENCY_SIGMA,
  cpuUtilisationDistribution,
  maxConcurrencyDistribution,
  memoryUtilisationDistribution,
  requestLatencyDistribution,
  startupLatencyDistribution,
} from '../../traffic/sampleDistributions';
import {
  CONCURRENCY_BUCKETS,
  LATENCY_BUCKETS,
  RATIO_BUCKETS,
  type Distribution,
} from '../../traffic/distribution';
import type { SandboxProject, SandboxRunService } from '../../world';
import type { AlignmentPlan } from '../aggregation/alignmentPlan';
import { objectId } from '../query/answerCache';
import { revisionNameFor } from './cloudRunRevisions';
import type {
  ColumnPoints,
  ColumnSource,
  ColumnarMetricDefinition,
} from './columnPoints';
import {
  minuteColumns,
  responseAt,
  RESPONSE_CODES,
  type MinuteColumns,
} from './minuteColumns';
import {
  NO_LABELS,
  labelSet,
  type MetricDefinition,
  type MetricKind,
  type MetricLabelSet,
  type MetricPoint,
  type ResourceMinute,
  type ResourceSource,
  type ValueType,
} from './metricTypes';

export const CLOUD_RUN_REVISION = 'cloud_run_revision';

const codeLabels = new Map<number, MetricLabelSet>();
function responseLabels(code: number, codeClass: string): MetricLabelSet {
  let labels = codeLabels.get(code);
  if (!labels) {
    labels = labelSet({
      response_code: String(code),
      response_code_class: codeClass,
    });
    codeLabels.set(code, labels);
  }
  return labels;
}

const ACTIVE = labelSet({ state: 'active' });
const IDLE = labelSet({ state: 'idle' });

/** Receives the points of one minute: called once per point, in order. */
type PointSink = (
  labelSet: MetricLabelSet,
  value: number | Distribution,
) => void;

/** The points of a metric in one sample, handed to `add` one by one (no array per minute). */
type PointsOf = (sample: MinuteSample, add: PointSink) => void;

function single(value: number | Distribution | null, add: PointSink): void {
  if (value === null || value === 0) return;
  add(NO_LABELS, value);
}

/**
 * The points of a source's current minute, in point objects reused from minute to minute: the
 * aggregation reads each minute's points at once and keeps only their values.
 */
class ReusedPoints {
  readonly points: MetricPoint[] = [];
  private readonly pool: MetricPoint[] = [];
  private count = 0;
  readonly add: PointSink = (labelSet, value) => {
    let point = this.pool[this.count];
    if (point) {
      point.labelSet = labelSet;
      point.value = value;
    } else {
      point = { labelSet, value };
      this.pool.push(point);
    }
    this.points[this.count++] = point;
  };

  /** Starts a minute with no points. */
  clear(): void {
    this.count = 0;
    this.points.length = 0;
  }
}

/**
 * A service's revision labels, built once per version, not per minute, and shared by versions that
 * run the same revision (the label object is the series identity) and by the sources of every metric
 * (each metric's first query made its own 1,000 before: docs/performance.md). Kept while the service's
 * history is the same array of the same length and its fixed labels the same.
 */
interface RevisionLabels {
  history: SandboxRunService['history'];
  historyLength: number;
  fixedLabels: Readonly<Record<string, string>>;
  byVersion: Map<number, Record<string, string>>;
  byName: Map<string, Record<string, string>>;
}

const revisionLabels = new WeakMap<SandboxRunService, RevisionLabels>();

function revisionLabelsOf(
  service: SandboxRunService,
  fixedLabels: Readonly<Record<string, string>>,
): RevisionLabels {
  let labels = revisionLabels.get(service);
  if (
    !labels ||
    labels.history !== service.history ||
    labels.historyLength !== service.history.length ||
    !sameLabels(labels.fixedLabels, fixedLabels)
  ) {
    labels = {
      history: service.history,
      historyLength: service.history.length,
      fixedLabels,
      byVersion: new Map(),
      byName: new Map(),
    };
    revisionLabels.set(service, labels);
  }
  return labels;
}

function sameLabels(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): boolean {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length && keys.every(k => a[k] === b[k])
  );
}

/**
 * A Cloud Run service as a source of minutes: one resource (revision) per configuration version. The
 * minute it returns (its sample and points) is reused by its next call: read it at once. A class, its
 * parts made on first use: a cold overview makes thousands of these (docs/performance.md).
 */
class ServiceSource implements ResourceSource, ColumnSource {
  readonly fixedLabels: Readonly<Record<string, string>>;
  /**
   * A minute follows the service's history and traffic profile, unless load balancers or queues shape
   * its demand (their state is not in the version: answers and columns over such services are not
   * reused).
   */
  readonly version?: string;
  private readonly project: SandboxProject;
  private readonly service: SandboxRunService;
  private readonly pointsOf: PointsOf;
  private readonly independent: boolean;
  private revisions?: RevisionLabels;
  private sampler?: MinuteSampler;
  private points?: ReusedPoints;
  private current?: ResourceMinute;

  constructor(
    project: SandboxProject,
    service: SandboxRunService,
    pointsOf: PointsOf,
  ) {
    this.project = project;
    this.service = service;
    this.pointsOf = pointsOf;
    this.fixedLabels = {
      project_id: project.projectId,
      service_name: service.name,
      configuration_name: service.name,
      location: service.region,
    };
    this.independent = !project.demandSources?.length;
    if (this.independent)
      this.version = `${objectId(service)}.${objectId(service.history)}.${
        service.history.length
      }.${objectId(service.traffic)}`;
  }

  resourceLabels(version: number): Record<string, string> {
    const revisions = (this.revisions ??= revisionLabelsOf(
      this.service,
      this.fixedLabels,
    ));
    let revision = revisions.byVersion.get(version);
    if (!revision) {
      const name = revisionNameFor(this.service, version);
      revision = revisions.byName.get(name) ?? {
        ...this.fixedLabels,
        revision_name: name,
      };
      revisions.byName.set(name, revision);
      revisions.byVersion.set(version, revision);
    }
    return revision;
  }

  minute(minuteStartMs: number, weight = 1): ResourceMinute {
    this.sampler ??= new MinuteSampler(this.project, this.service);
    const points = (this.points ??= new ReusedPoints());
    const minute = (this.current ??= {
      resourceLabels: this.fixedLabels,
      points: [],
    });
    const sample = this.sampler.at(minuteStartMs, weight);
    const revision = this.resourceLabels(sample.configVersion);
    // No points before the service existed (not even zero instances), as in Cloud Monitoring.
    points.clear();
    if (sample.deployed) this.pointsOf(sample, points.add);
    minute.resourceLabels = revision;
    minute.points = points.points;
    return minute;
  }

  columns(plan: AlignmentPlan): MinuteColumns {
    return minuteColumns(this.project, this.service, plan, this.independent);
  }
}

function cloudRunMetric(
  name: string,
  metricKind: MetricKind,
  valueType: ValueType,
  unit: string,
  points: PointsOf,
  columnPoints: ColumnPoints,
): ColumnarMetricDefinition {
  return {
    type: `run.googleapis.com/${name}`,
    resourceType: CLOUD_RUN_REVISION,
    metricKind,
    valueType,
    unit,
    columnPoints,
    sources: project => keptSources(project, points),
  };
}

/** A service's source and the state it was made for. */
interface KeptSource {
  service: SandboxRunService;
  history: SandboxRunService['history'];
  historyLength: number;
  traffic: SandboxRunService['traffic'];
  source: ResourceSource & ColumnSource;
}

/** The sources last made per project and metric, with what they were made from. */
const keptSourceLists = new WeakMap<
  SandboxProject,
  Map<PointsOf, { demandSources: unknown; list: KeptSource[] }>
>();

/**
 * The sources of `project`'s services, one per service in the project's order: a source made for a
 * query before is kept while its service is the same object with the same history (array and length)
 * and traffic profile, and the project's demand sources are the same, since a source's version and
 * whether its minutes are kept follow from those alone (making 10,000 anew for every query cost
 * 0.26–0.39 s of a cold overview: docs/performance.md). Any other change makes that source anew.
 */
function keptSources(
  project: SandboxProject,
  pointsOf: PointsOf,
): Array<ResourceSource & ColumnSource> {
  let byMetric = keptSourceLists.get(project);
  if (!byMetric) {
    byMetric = new Map();
    keptSourceLists.set(project, byMetric);
  }
  const demandSources = project.demandSources?.length
    ? project.demandSources
    : undefined;
  let kept = byMetric.get(pointsOf);
  if (!kept || kept.demandSources !== demandSources) {
    kept = { demandSources, list: [] };
    byMetric.set(pointsOf, kept);
  }
  const before = kept.list;
  const list: KeptSource[] = [];
  const sources: Array<ResourceSource & ColumnSource> = [];
  let index = 0;
  for (const service of project.services.values()) {
    const old = before[index++];
    const entry =
      old &&
      old.service === service &&
      old.history === service.history &&
      old.historyLength === service.history.length &&
      old.traffic === service.traffic
        ? old
        : {
            service,
            history: service.history,
            historyLength: service.history.length,
            traffic: service.traffic,
            source: new ServiceSource(project, service, pointsOf),
          };
    list.push(entry);
    sources.push(entry.source);
  }
  kept.list = list;
  return sources;
}

const RESPONSE_LABEL_SETS = RESPONSE_CODES.map(([code, codeClass]) =>
  responseLabels(code, codeClass),
);

/**
 * A distribution metric's column points: one log-normal per row with `count` values (no point unless
 * positive), as sampleDistributions.ts builds them from a sample.
 */
function distributionColumns(
  bucketOptions: Distribution['bucketOptions'],
  count: (c: MinuteColumns, row: number) => number,
  median: (c: MinuteColumns, row: number) => number,
  sigma: (c: MinuteColumns, row: number) => number,
): ColumnPoints {
  return {
    kind: 'distribution',
    labelSets: [NO_LABELS],
    bucketOptions,
    count,
    median,
    sigma,
  };
}

/** A numeric metric without metric labels: no point when the value is 0 (as `single`). */
function singleNumberColumns(
  value: (c: MinuteColumns, row: number) => number,
): ColumnPoints {
  return {
    kind: 'number',
    labelSets: [NO_LABELS],
    value: (c, row) => {
      const v = value(c, row);
      return v === 0 ? null : v;
    },
  };
}

/** The Cloud Run metrics the sandbox serves, by metric type. */
export const CLOUD_RUN_METRICS: ReadonlyMap<string, MetricDefinition> = new Map(
  [
    cloudRunMetric(
      'request_count',
      'DELTA',
      'INT64',
      '1',
      (s, add) => {
        for (const r of s.responses)
          add(responseLabels(r.code, r.codeClass), r.count);
      },
      {
        kind: 'number',
        labelSets: RESPONSE_LABEL_SETS,
        value: (c, row, index) => {
          const count = responseAt(c, row, index);
          return count > 0 ? count : null;
        },
      },
    ),
    // Real request_latencies also carry response code labels; one series per revision keeps percentiles simple.
    cloudRunMetric(
      'request_latencies',
      'DELTA',
      'DISTRIBUTION',
      'ms',
      (s, add) => single(requestLatencyDistribution(s), add),
      distributionColumns(
        LATENCY_BUCKETS,
        (c, row) => c.served[row]!,
        (c, row) => c.latencyMedianMs[row]!,
        c => c.latencySigma,
      ),
    ),
    cloudRunMetric(
      'container/instance_count',
      'GAUGE',
      'INT64',
      '1',
      (s, add) => {
        add(ACTIVE, s.activeInstances);
        add(IDLE, s.idleInstances);
      },
      {
        kind: 'number',
        labelSets: [ACTIVE, IDLE],
        value: (c, row, index) =>
          index === 0 ? c.activeInstances[row]! : c.idleInstances[row]!,
      },
    ),
    cloudRunMetric(
      'container/billable_instance_time',
      'DELTA',
      'DOUBLE',
      's',
      (s, add) => single(s.billableInstanceSeconds, add),
      singleNumberColumns((c, row) => c.billableInstanceSeconds[row]!),
    ),
    cloudRunMetric(
      'container/max_request_concurrencies',
      'DELTA',
      'DISTRIBUTION',
      '1',
      (s, add) => single(maxConcurrencyDistribution(s), add),
      distributionColumns(
        CONCURRENCY_BUCKETS,
        (c, row) => c.activeInstances[row]!,
        (c, row) => c.maxConcurrencyPerInstance[row]!,
        () => MAX_CONCURRENCY_SIGMA,
      ),
    ),
    cloudRunMetric(
      'container/startup_latencies',
      'DELTA',
      'DISTRIBUTION',
      'ms',
      (s, add) => single(startupLatencyDistribution(s), add),
      distributionColumns(
        LATENCY_BUCKETS,
        (c, row) => c.coldStarts[row]!,
        (c, row) => c.startupLatencyMedianMs[row]!,
        () => STARTUP_LATENCY_SIGMA,
      ),
    ),
    cloudRunMetric(
      'container/cpu/utilizations',
      'DELTA',
      'DISTRIBUTION',
      '10^2.%',
      (s, add) => single(cpuUtilisationDistribution(s), add),
      distributionColumns(
        RATIO_BUCKETS,
        (c, row) => c.instances[row]!,
        (c, row) => c.cpuUtilisation[row]!,
        () => CPU_UTILISATION_SIGMA,
      ),
    ),
    cloudRunMetric(
      'container/memory/utilizations',
      'DELTA',
      'DISTRIBUTION',
      '10^2.%',
      (s, add) => single(memoryUtilisationDistribution(s), add),
      distributionColumns(
        RATIO_BUCKETS,
        (c, row) => c.instances[row]!,
        (c, row) => c.memoryUtilisation[row]!,
        () => MEMORY_UTILISATION_SIGMA,
      ),
    ),
  ].map(metric => [metric.type, metric]),
);
