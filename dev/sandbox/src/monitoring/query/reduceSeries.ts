/**
 * Cross-series reduction: aligned series are grouped by the values of `groupByFields` and each group
 * becomes one series whose labels are only the grouped ones (as Monitoring returns them).
 */
import { selectorText, type FilterSelector } from '../filter/filterAst';
import { reduceValues } from '../aggregation/reducers';
import type { PointValue } from '../metrics/metricTypes';
import type { ReducerName } from '../request/aggregationEnums';
import type { AlignedSeries } from './collectSeries';

/** Labels of `series` kept by the group-by fields (types are kept on every series anyway). */
function groupLabels(
  series: AlignedSeries,
  groupBy: readonly FilterSelector[],
): Pick<AlignedSeries, 'resourceLabels' | 'metricLabels'> {
  const resourceLabels: Record<string, string> = {};
  const metricLabels: Record<string, string> = {};
  for (const selector of groupBy) {
    if (selector.scope === 'project' || selector.kind !== 'label') continue;
    const source =
      selector.scope === 'metric' ? series.metricLabels : series.resourceLabels;
    const target = selector.scope === 'metric' ? metricLabels : resourceLabels;
    const value = source[selector.key];
    if (value !== undefined) target[selector.key] = value;
  }
  return { resourceLabels, metricLabels };
}

/** Reduces `series` with `reducer` per group; `periodCount` is the number of periods of the plan. */
export function reduceSeries(
  series: readonly AlignedSeries[],
  reducer: ReducerName,
  groupBy: readonly FilterSelector[],
  periodCount: number,
): AlignedSeries[] {
  if (reducer === 'REDUCE_NONE') return [...series];
  const groups = new Map<
    string,
    {
      labels: Pick<AlignedSeries, 'resourceLabels' | 'metricLabels'>;
      members: AlignedSeries[];
    }
  >();
  for (const member of series) {
    const key = groupBy
      .map(selector => {
        if (selector.scope === 'project' || selector.kind !== 'label')
          return selectorText(selector);
        return (
          (selector.scope === 'metric'
            ? member.metricLabels
            : member.resourceLabels)[selector.key] ?? '\u0000'
        );
      })
      .join('\u0001');
    let group = groups.get(key);
    if (!group) {
      group = { labels: groupLabels(member, groupBy), members: [] };
      groups.set(key, group);
    }
    group.members.push(member);
  }
  const reduced: AlignedSeries[] = [];
  for (const { labels, members } of groups.values()) {
    if (members.length === 1 && reducer !== 'REDUCE_COUNT') {
      // One member (e.g. one revision per service, grouped by service): every reducer but COUNT maps a
      // single value to itself, and a distribution straight to its mean or percentile — no merge copy.
      reduced.push({
        ...labels,
        values: members[0]!.values.map(value =>
          value === undefined ? undefined : reduceValues(reducer, [value]),
        ),
      });
      continue;
    }
    const values: Array<PointValue | undefined> = [];
    for (let index = 0; index < periodCount; index++) {
      const present: PointValue[] = [];
      for (const member of members) {
        const value = member.values[index];
        if (value !== undefined) present.push(value);
      }
      if (present.length > 0) values[index] = reduceValues(reducer, present);
    }
    reduced.push({ ...labels, values });
  }
  return reduced;
}
