/**
 * The columnar twin of {@link collectAlignedSeries} for metrics whose sources give their minutes as
 * columns (Cloud Run services, metrics/minuteColumns.ts): one walk over each service's typed arrays
 * aligns every series the query selects, with one accumulator per series and no sample, point or
 * distribution object per minute; objects are made only for the aligned values the answer writes.
 *
 * It visits rows, label sets and periods in the order the object path visits minutes and points, and
 * accumulates with the same arithmetic in the same order, so its series, their order and their values
 * are the object path's exactly (listTimeSeries.property.test.ts checks both against a plain reference).
 */
import { evaluateFilter, seriesLookup } from '../filter/filterEval';
import type { FilterExpr } from '../filter/filterAst';
import { alignPeriod, PeriodAccumulator } from '../aggregation/aligners';
import type { AlignmentPlan } from '../aggregation/alignmentPlan';
import { ColumnDistributionAccumulator } from '../aggregation/columnDistributionAccumulator';
import type {
  ColumnSource,
  ColumnarMetricDefinition,
} from '../metrics/columnPoints';
import type { MetricLabelSet, ResourceSource } from '../metrics/metricTypes';
import type { AlignerName } from '../request/aggregationEnums';
import type { SandboxProject } from '../../world';
import type { AlignedSeries } from './collectSeries';

interface ColumnSeriesState {
  /** null: the filter does not select this series (its points are skipped). */
  series: AlignedSeries | null;
  numbers: PeriodAccumulator | null;
  distribution: ColumnDistributionAccumulator | null;
  touched: boolean;
}

/** The series states of one resource (revision), by label set index; shared by versions of one revision. */
interface RevisionStates {
  resourceLabels: Readonly<Record<string, string>>;
  states: Array<ColumnSeriesState | undefined>;
}

/**
 * The state of label set `index` of `revision`, made on first use (a module function: one closure
 * per source and query cost more than the walk of a one-period query, docs/performance.md).
 */
function stateOf(
  revision: RevisionStates,
  index: number,
  labelSets: readonly MetricLabelSet[],
  result: AlignedSeries[],
  sourceStates: ColumnSeriesState[],
  newState: (
    resourceLabels: Readonly<Record<string, string>>,
    labelSet: MetricLabelSet,
    result: AlignedSeries[],
  ) => ColumnSeriesState,
): ColumnSeriesState {
  let state = revision.states[index];
  if (!state) {
    state = newState(revision.resourceLabels, labelSets[index]!, result);
    revision.states[index] = state;
    sourceStates.push(state);
  }
  return state;
}

/** The aligned series of column `sources` that `filter` selects, in the order first seen. */
export function collectColumnSeries(
  project: SandboxProject,
  metric: ColumnarMetricDefinition,
  sources: ReadonlyArray<ResourceSource & ColumnSource>,
  filter: FilterExpr,
  plan: AlignmentPlan,
  aligner: AlignerName,
  /** As in {@link collectAlignedSeries}: applied to each source's series as soon as it is done. */
  perSource?: (series: AlignedSeries[]) => AlignedSeries[],
): AlignedSeries[] {
  const points = metric.columnPoints;
  const labelSets = points.labelSets;
  const collected: AlignedSeries[] = [];
  const newState = (
    resourceLabels: Readonly<Record<string, string>>,
    labelSet: MetricLabelSet,
    result: AlignedSeries[],
  ): ColumnSeriesState => {
    const selected =
      evaluateFilter(
        filter,
        seriesLookup({
          projectId: project.projectId,
          metricType: metric.type,
          resourceType: metric.resourceType,
          resourceLabels,
          metricLabels: labelSet.labels,
        }),
      ) === true;
    const series = selected
      ? { resourceLabels, metricLabels: labelSet.labels, values: [] }
      : null;
    if (series) result.push(series);
    return {
      series,
      numbers:
        selected && points.kind === 'number' ? new PeriodAccumulator() : null,
      distribution:
        selected && points.kind === 'distribution'
          ? new ColumnDistributionAccumulator(points.bucketOptions)
          : null,
      touched: false,
    };
  };
  for (const source of sources) {
    const columns = source.columns(plan);
    const result: AlignedSeries[] = [];
    const byLabels = new Map<object, RevisionStates>();
    const byVersion: Array<RevisionStates | undefined> = [];
    const sourceStates: ColumnSeriesState[] = [];
    // A plain loop, `row` a local of this function: a callback that advanced it made every row's
    // reads go through a closure's context (most of a 7-day query's time, docs/performance.md).
    const periods = plan.periods;
    let row = 0;
    for (let periodIndex = 0; periodIndex < periods.length; periodIndex++) {
      const period = periods[periodIndex]!;
      const weight = period.weight;
      const end = row + period.minuteStarts.length;
      for (; row < end; row++) {
        const version = columns.configVersion[row]!;
        let revision = byVersion[version];
        if (!revision) {
          const resourceLabels = source.resourceLabels(version);
          revision = byLabels.get(resourceLabels);
          if (!revision) {
            revision = { resourceLabels, states: [] };
            byLabels.set(resourceLabels, revision);
          }
          byVersion[version] = revision;
        }
        // No points before the service existed.
        if (columns.deployed[row] === 0) continue;
        if (points.kind === 'distribution') {
          const count = points.count(columns, row);
          if (!(count > 0)) continue;
          const state = stateOf(
            revision,
            0,
            labelSets,
            result,
            sourceStates,
            newState,
          );
          if (!state.series) continue;
          state.distribution!.add(
            count,
            points.median(columns, row),
            points.sigma(columns, row),
            weight,
          );
          state.touched = true;
          continue;
        }
        const states = revision.states;
        for (let index = 0; index < labelSets.length; index++) {
          // A label set the filter already refused is not read at all (a 429 query reads 1 of 7 codes).
          const known = states[index];
          if (known !== undefined && known.series === null) continue;
          const value = points.value(columns, row, index);
          if (value === null) continue;
          const state =
            known ??
            stateOf(revision, index, labelSets, result, sourceStates, newState);
          if (!state.series) continue;
          state.numbers!.add(value, weight);
          state.touched = true;
        }
      }
      for (const state of sourceStates) {
        if (!state.touched || !state.series) continue;
        if (state.distribution) {
          state.series.values[periodIndex] = state.distribution.value(aligner);
          state.distribution.reset();
        } else {
          state.series.values[periodIndex] = alignPeriod(
            aligner,
            state.numbers!,
            plan.periodSeconds,
          );
          state.numbers!.reset();
        }
        state.touched = false;
      }
    }
    for (const series of perSource ? perSource(result) : result)
      collected.push(series);
  }
  return collected;
}
