/**
 * How a metric's points are read from a service's minute columns (minuteColumns.ts) instead of from a
 * sample per minute: the columnar walk (query/collectColumnSeries.ts) asks, row by row, for the value
 * of each label set, with no object per point.
 */
import type { BucketOptions } from '../../traffic/distribution';
import type { AlignmentPlan } from '../aggregation/alignmentPlan';
import type {
  MetricDefinition,
  MetricLabelSet,
  ResourceSource,
} from './metricTypes';
import type { MinuteColumns } from './minuteColumns';

/** The points of a numeric metric: one value per label set and row, or null for no point. */
export interface NumberColumnPoints {
  kind: 'number';
  /** The metric label sets, in the order a minute writes its points. */
  labelSets: readonly MetricLabelSet[];
  value(columns: MinuteColumns, row: number, labelIndex: number): number | null;
}

/** The points of a distribution metric without metric labels: a log-normal per row with a positive count. */
export interface DistributionColumnPoints {
  kind: 'distribution';
  labelSets: readonly [MetricLabelSet];
  bucketOptions: BucketOptions;
  /** Values in the row's distribution; no point unless positive. */
  count(columns: MinuteColumns, row: number): number;
  median(columns: MinuteColumns, row: number): number;
  sigma(columns: MinuteColumns, row: number): number;
}

export type ColumnPoints = NumberColumnPoints | DistributionColumnPoints;

/** A resource source that can give its minutes as columns (a Cloud Run service). */
export interface ColumnSource {
  /** Its minutes of `plan`, in plan order. */
  columns(plan: AlignmentPlan): MinuteColumns;
  /** Its resource labels in configuration version `version`: the same object for versions of one revision. */
  resourceLabels(version: number): Readonly<Record<string, string>>;
}

/** A metric whose points can also be read from minute columns. */
export interface ColumnarMetricDefinition extends MetricDefinition {
  columnPoints: ColumnPoints;
}

/** True when `metric` reads its points from minute columns too. */
export function isColumnarMetric(
  metric: MetricDefinition,
): metric is ColumnarMetricDefinition {
  return 'columnPoints' in metric;
}

/** True when every source gives its minutes as columns. */
export function allColumnSources(
  sources: readonly ResourceSource[],
): sources is ReadonlyArray<ResourceSource & ColumnSource> {
  return sources.every(source => 'columns' in source);
}
