import { googleClientClass, type MetricServiceClient } from './googleClients';
import type { SeriesPoint } from '@gcp-serverless/common';
import type { GcpServerlessConfig } from '../config/config';
import type { GoogleCredentials } from './credentials/GoogleCredentials';
import { guardClient } from './credentials/guardClient';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { callOptions, readWithRetry } from './callSettings';
import { cancellableCall, type CancellableClient } from './cancellableCalls';
import { ConcurrencyLimit } from './ConcurrencyLimit';
import { inSnapshotComputation } from './computationReadDeadline';
import { googleClientOptions } from './googleClientOptions';
import { lazyClient } from './lazyClient';
import { wrapGoogleError } from './googleErrors';

/** Aligners and reducers the backend uses (google.monitoring.v3.Aggregation enums, by name). */
export type Aligner =
  | 'ALIGN_RATE'
  | 'ALIGN_DELTA'
  | 'ALIGN_MEAN'
  | 'ALIGN_MAX'
  | 'ALIGN_SUM'
  | 'ALIGN_PERCENTILE_50'
  | 'ALIGN_PERCENTILE_95'
  | 'ALIGN_PERCENTILE_99';
export type Reducer =
  | 'REDUCE_NONE'
  | 'REDUCE_SUM'
  | 'REDUCE_MEAN'
  | 'REDUCE_MAX'
  | 'REDUCE_PERCENTILE_50'
  | 'REDUCE_PERCENTILE_95'
  | 'REDUCE_PERCENTILE_99';

/** One aggregated `timeSeries.list` query. */
export interface TimeSeriesQuery {
  projectId: string;
  /** Full Monitoring filter, with exactly one `metric.type`. */
  filter: string;
  /** Epoch ms. */
  startMs: number;
  /** Epoch ms. */
  endMs: number;
  alignmentPeriodSeconds: number;
  aligner: Aligner;
  reducer: Reducer;
  /** e.g. `resource.labels.service_name`. */
  groupByFields: string[];
  /** What the query is for, used in error messages ("request rates of gryyd-web"). */
  purpose: string;
  /** How a DISTRIBUTION point becomes a number: its mean (default) or its count (e.g. cold starts). */
  distributionValue?: 'mean' | 'count';
  /**
   * The answer's points are distributions (a DISTRIBUTION metric aligned by ALIGN_DELTA and not
   * reduced to a percentile): each carries its bucket counts and decodes like several numbers, so a
   * page holds fewer of them.
   */
  distributions?: boolean;
  /**
   * Many pages whatever happens (a week of every service of a project): inside a snapshot
   * computation its first page takes turns with the other large answers too, so the
   * recommendations' seven week reads never arrive as seven pages at once.
   */
  bulk?: boolean;
}

/** A series as the services use it: its labels flattened (`resource.labels.x`, `metric.labels.y`), points oldest first. */
export interface MetricSeries {
  labels: Record<string, string>;
  points: SeriesPoint[];
}

interface RawPoint {
  interval?: {
    endTime?: { seconds?: unknown; nanos?: number } | string | null;
  } | null;
  value?: {
    doubleValue?: number | null;
    int64Value?: unknown;
    distributionValue?: { mean?: number | null; count?: unknown } | null;
  } | null;
}
interface RawSeries {
  metric?: { labels?: Record<string, string> | null } | null;
  resource?: { labels?: Record<string, string> | null } | null;
  points?: RawPoint[] | null;
}

function endTimeIso(point: RawPoint): string {
  const t = point.interval?.endTime;
  if (typeof t === 'string') return new Date(t).toISOString();
  return new Date(
    Number(String(t?.seconds ?? 0)) * 1000 + Math.floor((t?.nanos ?? 0) / 1e6),
  ).toISOString();
}

function pointValue(point: RawPoint, distribution: 'mean' | 'count'): number {
  const v = point.value ?? {};
  if (typeof v.doubleValue === 'number') return v.doubleValue;
  if (v.int64Value !== undefined && v.int64Value !== null)
    return Number(String(v.int64Value));
  if (v.distributionValue) {
    return distribution === 'count'
      ? Number(String(v.distributionValue.count ?? 0))
      : Number(v.distributionValue.mean ?? 0);
  }
  return 0;
}

/**
 * How much one page may hold, in points plus {@link SERIES_WEIGHT} per series: google-gax decodes a
 * page in one go (JSON → proto3 JSON → protobuf message → plain object, docs/google-apis.md §1), at
 * 5–15 µs per number and about 20 µs per series on this project's busy 2-core machine
 * (docs/performance.md, "Monitoring points per read"), so a page of 4,000 decodes in a few tens of
 * ms. Monitoring would give 100,000 points a page (§7): decoded at once, that held the portal's
 * thread for seconds.
 */
const PAGE_BUDGET = 4_000;
/**
 * The budget of a summary's page (one point per series: an alignment period as long as the window,
 * one series per service): ten pages' worth, 10,000 series of numbers, so that a fleet of up to
 * 10,000 services is one page. Paged at 4,000, each later page of a summary was one more round trip
 * in a row and, in a computation, a turn to wait for: at 10,000 services the overview's summaries
 * took 36 later pages, a round-trip depth of 21 and ~6.4 s (docs/performance.md, "Session 8, 10,000
 * services"). The page is decoded by the computation thread, not the thread serving pages
 * (docs/architecture.md, "Where computations run"); 10,000 points is a tenth of what Monitoring
 * allows (docs/google-apis.md §7).
 */
const SUMMARY_PAGE_BUDGET = 40_000;
/** The most points Monitoring answers in one page of `timeSeries.list` (docs/google-apis.md §7). */
const MONITORING_MAX_PAGE_POINTS = 100_000;
/** What a series costs to decode beside its points, in points (its labels, kinds, unit). */
const SERIES_WEIGHT = 3;
/** What a distribution point costs to decode, in points (its count, mean and bucket counts). */
const DISTRIBUTION_WEIGHT = 4;
/**
 * Large answers (more than one page) of snapshot computations read at once per gateway: the rest
 * of such an answer is read page after page while it holds its turn, so the background's large
 * answers are decoded two at a time, not all together as one burst that holds the thread (the
 * recommendations' seven week-long reads at start); one at a time made a 1,000-service week read
 * outlast its deadline. A viewer's read, and every answer of one page (each per-fleet summary up
 * to 10,000 services), never waits for a turn.
 */
const LARGE_ANSWERS_AT_ONCE = 2;
/** Longest stretch of converting a page's series between two turns of the event loop, ms. */
const SLICE_MS = 10;

/**
 * The page size of a query (in points, as Monitoring counts a FULL page): its points per series
 * known, as many whole series as the budget takes — {@link SUMMARY_PAGE_BUDGET} for one point per
 * series, {@link PAGE_BUDGET} otherwise.
 */
export function pageSizeOf(q: TimeSeriesQuery): number {
  const perSeries = Math.max(
    1,
    Math.ceil((q.endMs - q.startMs) / 1000 / q.alignmentPeriodSeconds),
  );
  const pointWeight = q.distributions ? DISTRIBUTION_WEIGHT : 1;
  const budget = perSeries === 1 ? SUMMARY_PAGE_BUDGET : PAGE_BUDGET;
  return Math.min(
    MONITORING_MAX_PAGE_POINTS,
    Math.max(
      100,
      Math.floor(budget / (pointWeight + SERIES_WEIGHT / perSeries)),
    ),
  );
}

/** Cloud Monitoring v3 behind our own interface. */
export class MonitoringGateway {
  private readonly client: MetricServiceClient;
  private readonly readDeadlineMs: number;
  private readonly largeAnswers = new ConcurrencyLimit(LARGE_ANSWERS_AT_ONCE);

  constructor(client: MetricServiceClient, readDeadlineMs: number) {
    this.client = client;
    this.readDeadlineMs = readDeadlineMs;
  }

  static fromConfig(
    config: GcpServerlessConfig,
    credentials: GoogleCredentials,
  ): MonitoringGateway {
    const client = lazyClient(
      () =>
        new (googleClientClass.monitoring())(
          googleClientOptions(config) as never,
        ),
    );
    return new MonitoringGateway(
      guardClient(client, credentials, ['listTimeSeries', 'initialize']),
      config.timeouts.readMs,
    );
  }

  /**
   * One aggregated query, every series with its points oldest first. A series that continues on the
   * next page (Monitoring pages count points, §7) is joined back into one.
   */
  async query(q: TimeSeriesQuery): Promise<MetricSeries[]> {
    const joined = await this.fold(
      q,
      () => ({ series: [] as MetricSeries[], lastKey: '' }),
      (acc, series, key) => {
        const last = acc.series.at(-1);
        // Points come newest first, so a continuation carries the older points.
        if (last && key === acc.lastKey)
          last.points = series.points.concat(last.points);
        else acc.series.push(series);
        acc.lastKey = key;
      },
    );
    return joined.series;
  }

  /**
   * One aggregated query folded page by page into `start()`'s accumulator: each page's series
   * (points oldest first; a series split across pages comes as several parts, with the same `key`)
   * is added before the next page is asked for, so a reader keeps its own compact figures rather
   * than every point. Pages are read one after another, sized so that one decodes in a few tens of
   * ms; the large answers of snapshot computations take turns across the gateway; the read ends at
   * its deadline (a turn waited for included).
   */
  async fold<T>(
    q: TimeSeriesQuery,
    start: () => T,
    add: (acc: T, series: MetricSeries, key: string) => void,
  ): Promise<T> {
    const what = `reading ${q.purpose} from Cloud Monitoring`;
    const distribution = q.distributionValue ?? 'mean';
    try {
      // A retry (after UNAVAILABLE) starts over from the first page with a fresh accumulator.
      return await readWithRetry(
        async signal => {
          const acc = start();
          const page = async (request: object): Promise<object | null> => {
            const [series, next] = await cancellableCall<
              [RawSeries[], object | null]
            >(
              this.client as unknown as CancellableClient,
              'listTimeSeries',
              request,
              { ...callOptions(this.readDeadlineMs), autoPaginate: false },
              signal,
            );
            let sliceStart = performance.now();
            for (const raw of series) {
              add(acc, toMetricSeries(raw, distribution), seriesKey(raw));
              if (performance.now() - sliceStart > SLICE_MS) {
                await nextTurn();
                sliceStart = performance.now();
              }
            }
            return next;
          };
          const rest = async (first: object | null) => {
            for (let next = first; next; ) {
              // Other requests are served between two pages of a large answer.
              await nextTurn();
              next = await page(next);
            }
          };
          const background = inSnapshotComputation();
          if (background && q.bulk) {
            await this.largeAnswers.run(
              async () => rest(await page(this.firstRequest(q))),
              signal,
            );
            return acc;
          }
          const second = await page(this.firstRequest(q));
          if (!second) return acc;
          if (background)
            await this.largeAnswers.run(() => rest(second), signal);
          else await rest(second);
          return acc;
        },
        this.readDeadlineMs,
        what,
      );
    } catch (err) {
      throw wrapGoogleError(err, what);
    }
  }

  private firstRequest(q: TimeSeriesQuery): object {
    return {
      name: `projects/${q.projectId}`,
      filter: q.filter,
      interval: {
        startTime: toTimestamp(q.startMs),
        endTime: toTimestamp(q.endMs),
      },
      aggregation: {
        alignmentPeriod: { seconds: q.alignmentPeriodSeconds },
        perSeriesAligner: q.aligner,
        crossSeriesReducer: q.reducer,
        groupByFields: q.groupByFields,
      },
      view: 'FULL',
      pageSize: pageSizeOf(q),
    };
  }
}

function toMetricSeries(
  s: RawSeries,
  distribution: 'mean' | 'count',
): MetricSeries {
  const points = s.points ?? [];
  const out: SeriesPoint[] = new Array(points.length);
  // Monitoring returns points newest first; charts want oldest first.
  for (let i = 0; i < points.length; i++) {
    const p = points[points.length - 1 - i]!;
    out[i] = { time: endTimeIso(p), value: pointValue(p, distribution) };
  }
  return {
    labels: {
      ...prefixKeys('resource.labels.', s.resource?.labels),
      ...prefixKeys('metric.labels.', s.metric?.labels),
    },
    points: out,
  };
}

/** A series' identity: its metric and resource labels (a series continued on the next page has the same). */
function seriesKey(s: RawSeries): string {
  return JSON.stringify([s.metric?.labels ?? {}, s.resource?.labels ?? {}]);
}

function toTimestamp(ms: number): { seconds: number; nanos: number } {
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 };
}

function prefixKeys(
  prefix: string,
  labels: Record<string, string> | null | undefined,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(labels ?? {}).map(([k, v]) => [prefix + k, v]),
  );
}

/** Quotes a label value for a Monitoring filter. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
