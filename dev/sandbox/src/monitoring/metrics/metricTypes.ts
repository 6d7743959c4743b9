/**
 * How a computed metric plugs into the timeSeries.list emulation: a definition (type, kind, value
 * type, unit) and, per project, sources that produce each minute's points for one monitored resource.
 * New metric families (load balancer, Cloud Tasks, Redis) can be added by writing more definitions.
 */
import type { Distribution } from '../../traffic/distribution';
import type { SandboxProject } from '../../world';

export type MetricKind = 'GAUGE' | 'DELTA' | 'CUMULATIVE';
export type ValueType = 'BOOL' | 'INT64' | 'DOUBLE' | 'DISTRIBUTION';

/** A point value inside the pipeline: a number (INT64 or DOUBLE) or a distribution. */
export type PointValue = number | Distribution;

/**
 * Metric labels of a point. Built once per distinct label combination and reused for every point:
 * the object's identity identifies the series.
 */
export interface MetricLabelSet {
  labels: Readonly<Record<string, string>>;
  /** Label values in key order, e.g. "response_code=200,response_code_class=2xx" (for logs and tests). */
  key: string;
}

/** One point of one minute: which metric labels it carries and its value. */
export interface MetricPoint {
  labelSet: MetricLabelSet;
  value: PointValue;
}

/** The points a monitored resource wrote in one minute. */
export interface ResourceMinute {
  /** Labels of the resource; the SAME object for every minute of one resource (the series identity). */
  resourceLabels: Readonly<Record<string, string>>;
  points: MetricPoint[];
}

/** Something (e.g. a Cloud Run service) whose resources write points of a metric. */
export interface ResourceSource {
  /** Resource labels that are the same for every minute (for skipping by filter early). */
  fixedLabels: Readonly<Record<string, string>>;
  /**
   * Names the state this source's minutes are computed from (changes whenever any of it does), so a
   * computed answer may be reused while it stays the same (query/answerCache.ts). Absent = its minutes
   * may change in ways no version captures, and answers over it are always computed.
   */
  version?: string;
  /**
   * Points written during the minute that starts at `minuteStartMs` (epoch ms). `weight` (default 1)
   * is how many minutes this one stands for when long periods are sampled; a source may use it to
   * round rare counts at the scale of the whole stretch (the aligners multiply by it either way).
   */
  minute(minuteStartMs: number, weight?: number): ResourceMinute;
}

/** A metric the sandbox computes. Kinds and units follow Google's descriptors (partly unverified). */
export interface MetricDefinition {
  /** e.g. `run.googleapis.com/request_count`. */
  type: string;
  /** Monitored resource type, e.g. `cloud_run_revision`. */
  resourceType: string;
  metricKind: MetricKind;
  valueType: ValueType;
  /** UCUM unit as in the metric descriptor, e.g. "1", "ms", "s". */
  unit: string;
  /** The sources of `project` that write this metric. */
  sources(project: SandboxProject): ResourceSource[];
}

/** A label set from a plain object, with a key made of its values in key order. */
export function labelSet(labels: Record<string, string>): MetricLabelSet {
  const key = Object.keys(labels)
    .sort()
    .map(k => `${k}=${labels[k]}`)
    .join(',');
  return { labels, key };
}

/** The empty label set, for metrics without metric labels. */
export const NO_LABELS: MetricLabelSet = labelSet({});
