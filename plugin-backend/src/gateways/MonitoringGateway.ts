import { MetricServiceClient } from './googleClients';
import type { SeriesPoint } from '@gcp-serverless/common';
import type { GcpServerlessConfig } from '../config/config';
import type { GoogleCredentials } from './credentials/GoogleCredentials';
import { guardClient } from './credentials/guardClient';
import { callOptions, readWithRetry } from './callSettings';
import { cancellableList, type CancellableClient } from './cancellableCalls';
import { mapCooperatively } from './cooperativeMap';
import { googleClientOptions } from './googleClientOptions';
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

/** timeSeries.list's largest page, in points (docs/google-apis.md §7). */
const MAX_POINTS_PER_PAGE = 100_000;

/** Cloud Monitoring v3 behind our own interface. */
export class MonitoringGateway {
  private readonly client: MetricServiceClient;
  private readonly readDeadlineMs: number;

  constructor(client: MetricServiceClient, readDeadlineMs: number) {
    this.client = client;
    this.readDeadlineMs = readDeadlineMs;
  }

  static fromConfig(
    config: GcpServerlessConfig,
    credentials: GoogleCredentials,
  ): MonitoringGateway {
    const client = new MetricServiceClient(
      googleClientOptions(config) as never,
    );
    return new MonitoringGateway(
      guardClient(client, credentials, ['listTimeSeries', 'initialize']),
      config.timeouts.readMs,
    );
  }

  /**
   * One aggregated query, in pages of the most points Monitoring allows (docs/google-apis.md §7), so
   * a fleet of any size is one call (or a few); aborted when its deadline passes.
   */
  async query(q: TimeSeriesQuery): Promise<MetricSeries[]> {
    const what = `reading ${q.purpose} from Cloud Monitoring`;
    try {
      const series = await readWithRetry(
        signal =>
          cancellableList<RawSeries>(
            this.client as unknown as CancellableClient,
            'listTimeSeries',
            {
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
              pageSize: MAX_POINTS_PER_PAGE,
            },
            callOptions(this.readDeadlineMs),
            signal,
          ),
        this.readDeadlineMs,
        what,
      );
      // A fleet's answer is thousands of series: mapped in slices, between which other work runs.
      return await mapCooperatively(series, s => ({
        labels: {
          ...prefixKeys('resource.labels.', s.resource?.labels),
          ...prefixKeys('metric.labels.', s.metric?.labels),
        },
        // Monitoring returns points newest first; charts want oldest first.
        points: (s.points ?? [])
          .map(p => ({
            time: endTimeIso(p),
            value: pointValue(p, q.distributionValue ?? 'mean'),
          }))
          .reverse(),
      }));
    } catch (err) {
      throw wrapGoogleError(err, what);
    }
  }
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
