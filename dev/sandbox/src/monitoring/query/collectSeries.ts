/**
 * Walks the resources of a project, computes the model minutes an alignment plan asks for, keeps the
 * series the filter selects, and aligns each series period by period. Minutes are computed once per
 * resource and fanned out to all of its label sets, and accumulators live only for one period, so
 * memory stays proportional to the output, not to the minutes computed.
 */
import {
  evaluateFilter,
  seriesLookup,
  type SelectorLookup,
} from '../filter/filterEval';
import type { FilterExpr } from '../filter/filterAst';
import { alignPeriod, PeriodAccumulator } from '../aggregation/aligners';
import type { AlignmentPlan } from '../aggregation/alignmentPlan';
import type {
  MetricDefinition,
  PointValue,
  ResourceSource,
} from '../metrics/metricTypes';
import type { AlignerName } from '../request/aggregationEnums';
import type { SandboxProject } from '../../world';

/** A series after alignment: its labels and one value per period of the plan (undefined = no point). */
export interface AlignedSeries {
  resourceLabels: Readonly<Record<string, string>>;
  metricLabels: Readonly<Record<string, string>>;
  values: Array<PointValue | undefined>;
}

interface SeriesState {
  series: AlignedSeries | null;
  accumulator: PeriodAccumulator;
  touched: boolean;
}

/** Lookup for a source before its minutes are known: revision and metric labels are still open. */
function sourceLookup(
  project: SandboxProject,
  metric: MetricDefinition,
  source: ResourceSource,
): SelectorLookup {
  return selector => {
    if (selector.scope === 'project') return project.projectId;
    if (selector.kind === 'type')
      return selector.scope === 'metric' ? metric.type : metric.resourceType;
    if (selector.scope === 'metric') return undefined;
    return source.fixedLabels[selector.key];
  };
}

/**
 * The resources of `metric` in `project` that `filter` may select (its resource labels do not rule
 * them out), e.g. one service of a 10,000-service fleet: only these are computed.
 */
export function selectedSources(
  project: SandboxProject,
  metric: MetricDefinition,
  filter: FilterExpr,
): ResourceSource[] {
  return metric
    .sources(project)
    .filter(
      source =>
        evaluateFilter(filter, sourceLookup(project, metric, source)) !== false,
    );
}

/** The aligned series of `sources` (from {@link selectedSources}) that `filter` selects, in the order first seen. */
export function collectAlignedSeries(
  project: SandboxProject,
  metric: MetricDefinition,
  sources: readonly ResourceSource[],
  filter: FilterExpr,
  plan: AlignmentPlan,
  aligner: AlignerName,
  /**
   * Applied to the series of each source as soon as that source is done (e.g. the cross-series
   * reduction when no group spans two sources), so only its output stays in memory: a day of
   * 5-minute latency distributions of 10,000 services would otherwise be held until the end.
   */
  perSource?: (series: AlignedSeries[]) => AlignedSeries[],
): AlignedSeries[] {
  const collected: AlignedSeries[] = [];
  for (const source of sources) {
    const result: AlignedSeries[] = [];
    // Keyed by object identity (the resource's labels object and the metric's label set are reused
    // across minutes): no string keys to build and hash for every point.
    const states = new Map<object, Map<object, SeriesState>>();
    const sourceStates: SeriesState[] = [];
    plan.periods.forEach((period, index) => {
      for (const minuteStart of period.minuteStarts) {
        const minute = source.minute(minuteStart, period.weight);
        let byLabels = states.get(minute.resourceLabels);
        if (!byLabels) {
          byLabels = new Map();
          states.set(minute.resourceLabels, byLabels);
        }
        for (const point of minute.points) {
          let state = byLabels.get(point.labelSet);
          if (!state) {
            const identity = {
              projectId: project.projectId,
              metricType: metric.type,
              resourceType: metric.resourceType,
              resourceLabels: minute.resourceLabels,
              metricLabels: point.labelSet.labels,
            };
            const selected =
              evaluateFilter(filter, seriesLookup(identity)) === true;
            const series = selected
              ? {
                  resourceLabels: minute.resourceLabels,
                  metricLabels: point.labelSet.labels,
                  values: [],
                }
              : null;
            if (series) result.push(series);
            state = {
              series,
              accumulator: new PeriodAccumulator(),
              touched: false,
            };
            byLabels.set(point.labelSet, state);
            sourceStates.push(state);
          }
          if (!state.series) continue;
          state.accumulator.add(point.value, period.weight);
          state.touched = true;
        }
      }
      for (const state of sourceStates) {
        if (!state.touched || !state.series) continue;
        state.series.values[index] = alignPeriod(
          aligner,
          state.accumulator,
          plan.periodSeconds,
        );
        state.accumulator.reset();
        state.touched = false;
      }
    });
    for (const series of perSource ? perSource(result) : result)
      collected.push(series);
  }
  return collected;
}
