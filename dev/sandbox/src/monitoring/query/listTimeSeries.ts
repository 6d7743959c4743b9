/**
 * The timeSeries.list service: from a decoded request to the response JSON. Nothing is stored: every
 * call computes the series from the traffic model for the minutes the alignment plan needs. The pages
 * after the first are served from a small snapshot of the first page's result, so a listing stays
 * consistent while sandbox time flows and is not recomputed per page.
 */
import { hashString } from '../../traffic/hash';
import { GoogleApiError, notFound } from '../../googleError';
import type { SandboxApiDeps } from '../../api';
import { alignedUnit } from '../aggregation/aligners';
import {
  minutesPerSource,
  planAlignedWithinBudget,
  planRaw,
  type AlignmentPlan,
} from '../aggregation/alignmentPlan';
import { checkAggregation } from '../aggregation/checkAggregation';
import { METRIC_REGISTRY } from '../metrics/metricRegistry';
import type { ListTimeSeriesRequest } from '../request/parseListTimeSeriesRequest';
import type { FilterSelector } from '../filter/filterAst';
import type { MetricDefinition, ResourceSource } from '../metrics/metricTypes';
import type { SandboxProject } from '../../world';
import {
  collectAlignedSeries,
  selectedSources,
  type AlignedSeries,
} from './collectSeries';
import {
  answerKey,
  objectId,
  TimeSeriesAnswerCache,
  type AnswerSeries,
  type ComputedAnswer,
} from './answerCache';
import {
  periodIntervals,
  renderSeries,
  seriesSortKey,
  typedValueJson,
  type TimeSeriesJson,
} from './formatSeries';
import { collectColumnSeries } from './collectColumnSeries';
import { allColumnSources, isColumnarMetric } from '../metrics/columnPoints';
import {
  decodePageToken,
  encodePageToken,
  pagePart,
  pageParts,
} from './paging';
import { reduceSeries } from './reduceSeries';

/** ListTimeSeriesResponse JSON; empty fields are left out as Google's REST API does. */
export interface ListTimeSeriesResponseJson {
  timeSeries?: TimeSeriesJson[];
  nextPageToken?: string;
  unit?: string;
}

/**
 * Sandbox guard, not a Google limit: model minutes × resources one request may compute (a week of
 * 1,000 services at 1 h alignment is about 1 M and takes about a second; raw minutes of a week of
 * 1,000 services would be 10 M).
 */
export const MAX_MINUTE_EVALUATIONS = 5_000_000;

/** Listings kept for their later pages (each holds its full answer). */
const MAX_SNAPSHOTS = 8;

/** How long (sandbox ms) a page token continues its snapshot; later pages are recomputed. */
const SNAPSHOT_TTL_MS = 5 * 60_000;

interface Snapshot {
  fingerprint: string;
  now: number;
  /** The answer's series, rendered only when a page holds them. */
  series: readonly AnswerSeries[];
  render: (series: AnswerSeries) => TimeSeriesJson;
  unit: string;
}

/**
 * Computes timeSeries.list answers; keeps the last few full results for paging, and recent computed
 * answers for the same query over the same minutes (answerCache.ts).
 */
export class TimeSeriesLister {
  private readonly snapshots: Snapshot[] = [];
  private readonly answers = new TimeSeriesAnswerCache();
  private readonly deps: SandboxApiDeps;

  constructor(deps: SandboxApiDeps) {
    this.deps = deps;
  }

  /**
   * Answers `request`; `fingerprint` identifies the query apart from paging, `queryKey` (when given)
   * the query apart from paging and its interval, for reusing a computed answer over the same minutes.
   */
  list(
    request: ListTimeSeriesRequest,
    fingerprint: string,
    queryKey?: string,
  ): ListTimeSeriesResponseJson {
    // Unknown projects: Google answers 403 or 404 depending on the caller's rights; we pick 404 (unverified).
    const project = this.deps.world.projects.get(request.projectId);
    if (!project) throw notFound(`Project ${request.projectId} not found.`);
    const offset = decodePageToken(request.pageToken, fingerprint);
    const now = this.deps.clock.now();
    // Sandbox time flows between pages; the snapshot keeps one listing consistent (as a Google page token
    // does) unless the clock went back (reset) or the listing is abandoned for minutes.
    let snapshot =
      offset > 0
        ? this.snapshots.find(
            s =>
              s.fingerprint === fingerprint &&
              now >= s.now &&
              now - s.now < SNAPSHOT_TTL_MS,
          )
        : undefined;
    const computed = !snapshot;
    snapshot ??= { fingerprint, now, ...this.compute(request, now, queryKey) };
    const headersOnly = request.view === 'HEADERS';
    // Only the page's series are rendered: a week at 1 h of 1,000 services is 168,000 points, read
    // ~4,000 a page (docs/performance.md, "Session 8, the cold overview").
    const render = snapshot.render;
    const { parts, nextOffset } = pageParts(
      snapshot.series,
      offset,
      request.pageSize,
      headersOnly,
      series => series.pointCount,
    );
    const page = parts.map(part =>
      pagePart({ ...part, series: render(part.series) }),
    );
    // Only a listing that continues needs its snapshot: one-page answers, most of a portal's, would
    // otherwise push out the snapshots of long listings read a few thousand points a page at a time.
    if (computed && nextOffset !== null) {
      this.snapshots.unshift(snapshot);
      this.snapshots.length = Math.min(this.snapshots.length, MAX_SNAPSHOTS);
    }
    const response: ListTimeSeriesResponseJson = {};
    if (page.length > 0) response.timeSeries = page;
    if (nextOffset !== null)
      response.nextPageToken = encodePageToken({
        offset: nextOffset,
        query: fingerprint,
      });
    if (page.length > 0) response.unit = snapshot.unit;
    return response;
  }

  private compute(
    request: ListTimeSeriesRequest,
    now: number,
    queryKey: string | undefined,
  ): {
    series: readonly AnswerSeries[];
    render: (series: AnswerSeries) => TimeSeriesJson;
    unit: string;
  } {
    const project = this.deps.world.projects.get(request.projectId)!;
    // Metric types the sandbox does not compute list no series (Google's answer for unknown types is unverified).
    const metric = METRIC_REGISTRY.get(request.filter.metricType);
    if (!metric)
      return { series: [], render: () => ({} as TimeSeriesJson), unit: '' };
    const { aggregation } = request;
    const checked = checkAggregation(aggregation, metric);
    // Only the resources the filter can select are computed, and only they count against the budgets.
    const sourceList = selectedSources(project, metric, request.filter.expr);
    const sources = sourceList.length;
    const plan =
      checked.periodSeconds === null
        ? planRaw(request.startMs, request.endMs, now)
        : planAlignedWithinBudget(
            request.startMs,
            request.endMs,
            now,
            checked.periodSeconds,
            sources,
          );
    if (minutesPerSource(plan) * sources > MAX_MINUTE_EVALUATIONS) {
      throw new GoogleApiError(
        400,
        'INVALID_ARGUMENT',
        'The GCP sandbox limits the work of one request: shorten the interval or use a longer alignment period.',
      );
    }
    const key =
      queryKey === undefined
        ? null
        : answerKey(
            `${objectId(project)}:${project.timeZone}\u0000${queryKey}`,
            plan,
            sourceList,
          );
    let answer = key === null ? undefined : this.answers.get(key);
    if (!answer) {
      answer = computeAnswer(project, metric, sourceList, request, plan);
      if (key !== null) this.answers.set(key, answer);
    }
    const intervals =
      request.view === 'HEADERS' ? null : periodIntervals(plan, checked.output);
    const unit = answer.unit;
    return {
      series: answer.series,
      render: series =>
        renderSeries(series, metric, checked.output, unit, intervals),
      unit,
    };
  }
}

/** The series of a query with its plan, aligned, reduced, sorted and their values written as JSON. */
function computeAnswer(
  project: SandboxProject,
  metric: MetricDefinition,
  sourceList: readonly ResourceSource[],
  request: ListTimeSeriesRequest,
  plan: AlignmentPlan,
): ComputedAnswer {
  const { aggregation } = request;
  const checked = checkAggregation(aggregation, metric);
  const reduce = (series: AlignedSeries[]) =>
    reduceSeries(
      series,
      aggregation.reducer,
      aggregation.groupByFields,
      plan.periods.length,
    );
  // Grouped by a label that tells sources apart (service_name): reduce each source's series at once.
  const early =
    aggregation.reducer !== 'REDUCE_NONE' &&
    groupsStayWithinSources(sourceList, aggregation.groupByFields);
  // Cloud Run services walk their minutes as columns (kept for the next query over the same minutes);
  // other metrics build a sample and points per minute.
  const aligned =
    isColumnarMetric(metric) && allColumnSources(sourceList)
      ? collectColumnSeries(
          project,
          metric,
          sourceList,
          request.filter.expr,
          plan,
          aggregation.aligner,
          early ? reduce : undefined,
        )
      : collectAlignedSeries(
          project,
          metric,
          sourceList,
          request.filter.expr,
          plan,
          aggregation.aligner,
          early ? reduce : undefined,
        );
  const reduced = early ? aligned : reduce(aligned);
  const unit = alignedUnit(aggregation.aligner, metric.unit);
  const valueType = checked.output.valueType;
  return {
    series: reduced
      .filter(series => series.values.some(value => value !== undefined))
      .map(series => ({ series, key: seriesSortKey(series) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(({ series }) => {
        let pointCount = 0;
        // Numbers stay numbers until a page is written (a week of 1,000 services is 168,000 of
        // them, read ~4,000 a page); a distribution becomes JSON now, its object is not kept.
        const values = series.values.map(value => {
          if (value === undefined) return undefined;
          pointCount++;
          return typeof value === 'number'
            ? value
            : typedValueJson(value, valueType);
        });
        return {
          resourceLabels: series.resourceLabels,
          metricLabels: series.metricLabels,
          values,
          pointCount,
        };
      }),
    unit,
  };
}

/**
 * True when some group-by field is a fixed resource label with a different value on every source
 * (e.g. `resource.labels.service_name` of Cloud Run services): then no group spans two sources.
 */
function groupsStayWithinSources(
  sources: readonly ResourceSource[],
  groupBy: readonly FilterSelector[],
): boolean {
  return groupBy.some(selector => {
    if (selector.scope !== 'resource' || selector.kind !== 'label')
      return false;
    const seen = new Set<string>();
    for (const source of sources) {
      const value = source.fixedLabels[selector.key];
      if (value === undefined || seen.has(value)) return false;
      seen.add(value);
    }
    return true;
  });
}

/** Fingerprint of a query apart from its page token and size, for page tokens and snapshots. */
export function queryFingerprint(
  projectId: string,
  query: URLSearchParams,
): string {
  const entries = [...query.entries()]
    .filter(([key]) => key !== 'pageToken' && key !== 'pageSize')
    .map(([key, value]) => `${key}=${value}`)
    .sort();
  return hashString(`${projectId}?${entries.join('&')}`).toString(36);
}
