/**
 * Aligned or reduced series written as google.monitoring.v3.TimeSeries JSON the way the REST API and
 * the official clients expect: int64 as strings, Timestamps as RFC 3339, enums as names, points newest
 * first, GAUGE points with startTime = endTime.
 */
import type { Distribution } from '../../traffic/distribution';
import type { SeriesType } from '../aggregation/aligners';
import type { AlignmentPlan } from '../aggregation/alignmentPlan';
import type { MetricDefinition, PointValue } from '../metrics/metricTypes';
import { formatTimestamp } from '../request/protoValues';
import type { AnswerSeries } from './answerCache';
import type { AlignedSeries } from './collectSeries';

/** A TypedValue in proto3 JSON. */
export type TypedValueJson =
  | { int64Value: string }
  | { doubleValue: number }
  | { distributionValue: Record<string, unknown> };

export interface PointJson {
  interval: { startTime: string; endTime: string };
  value: TypedValueJson;
}

export interface TimeSeriesJson {
  metric: { type: string; labels: Record<string, string> };
  resource: { type: string; labels: Record<string, string> };
  metricKind: string;
  valueType: string;
  points: PointJson[];
  unit: string;
}

/** Whole bucket counts that add up to the rounded total (weights of sampled minutes make them fractional). */
function roundedBuckets(counts: readonly number[]): string[] {
  const out: string[] = [];
  let cumulative = 0;
  let previous = 0;
  for (const count of counts) {
    cumulative += count;
    const rounded = Math.round(cumulative);
    out.push(String(rounded - previous));
    previous = rounded;
  }
  while (out.length > 1 && out[out.length - 1] === '0') out.pop();
  return out;
}

function distributionJson(value: Distribution): Record<string, unknown> {
  return {
    count: String(Math.round(value.count)),
    mean: value.mean,
    sumOfSquaredDeviation: value.sumOfSquaredDeviation,
    bucketOptions: value.bucketOptions,
    bucketCounts: roundedBuckets(value.bucketCounts),
  };
}

/** A point value as a TypedValue of `valueType`. */
export function typedValueJson(
  value: PointValue,
  valueType: string,
): TypedValueJson {
  if (typeof value !== 'number')
    return { distributionValue: distributionJson(value) };
  if (valueType === 'INT64') return { int64Value: String(Math.round(value)) };
  return { doubleValue: value };
}

/** Point intervals of each period of a plan, formatted once for all series. */
export function periodIntervals(
  plan: AlignmentPlan,
  type: SeriesType,
): PointJson['interval'][] {
  return plan.periods.map(period => {
    const endTime = formatTimestamp(period.endMs);
    return {
      startTime:
        type.metricKind === 'GAUGE' ? endTime : formatTimestamp(period.startMs),
      endTime,
    };
  });
}

/**
 * The TimeSeries JSON of one computed series (a value per period of the plan, numbers written here);
 * `intervals` null gives the HEADERS view (no points).
 */
export function renderSeries(
  series: AnswerSeries,
  metric: MetricDefinition,
  type: SeriesType,
  unit: string,
  intervals: PointJson['interval'][] | null,
): TimeSeriesJson {
  const points: PointJson[] = [];
  if (intervals) {
    for (let index = 0; index < intervals.length; index++) {
      const value = series.values[index];
      if (value !== undefined)
        points.push({
          interval: intervals[index]!,
          value:
            typeof value === 'number'
              ? typedValueJson(value, type.valueType)
              : value,
        });
    }
  }
  return {
    metric: { type: metric.type, labels: { ...series.metricLabels } },
    resource: {
      type: metric.resourceType,
      labels: { ...series.resourceLabels },
    },
    metricKind: type.metricKind,
    valueType: type.valueType,
    points,
    unit,
  };
}

/** A stable order for series: by resource labels, then metric labels. */
export function seriesSortKey(series: AlignedSeries): string {
  const part = (labels: Readonly<Record<string, string>>): string =>
    Object.keys(labels)
      .sort()
      .map(key => `${key}=${labels[key]}`)
      .join('\u0001');
  return `${part(series.resourceLabels)}\u0000${part(series.metricLabels)}`;
}
