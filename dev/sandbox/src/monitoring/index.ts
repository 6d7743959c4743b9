/**
 * Cloud Monitoring v3 for the sandbox: `GET /v3/projects/{p}/timeSeries` (method key
 * `monitoring.timeSeries.list`), computed from the traffic model so that the official
 * @google-cloud/monitoring client runs unchanged against it.
 */
import type {
  SandboxApi,
  SandboxApiDeps,
  SandboxRequest,
  SandboxRoute,
} from '../api';
import { GoogleApiError } from '../googleError';
import { decodeSegment } from '../pathSegments';
import { messageType, monitoringProtoRoot } from '../protoJson';
import { canonicalQueryParameters } from './request/canonicalQuery';
import { parseListTimeSeriesRequest } from './request/parseListTimeSeriesRequest';
import { queryFingerprint, TimeSeriesLister } from './query/listTimeSeries';

export { CLOUD_RUN_METRICS } from './metrics/cloudRunMetrics';
export type { MetricDefinition } from './metrics/metricTypes';

const TIME_SERIES_PATH = /^\/v3\/projects\/([^/]+)\/timeSeries$/;

function unimplemented(request: SandboxRequest): SandboxRoute {
  return {
    method: 'monitoring.unimplemented',
    handle: () => {
      throw new GoogleApiError(
        501,
        'UNIMPLEMENTED',
        `The sandbox does not emulate ${request.method} ${request.path}`,
      );
    },
  };
}

/**
 * The query apart from paging and its interval, in a stable order: two queries with the same key over
 * the same model minutes have the same answer (query/answerCache.ts).
 */
function answerQueryKey(canonical: URLSearchParams): string {
  return [...canonical.entries()]
    .filter(
      ([key]) =>
        key !== 'pageToken' &&
        key !== 'pageSize' &&
        key !== 'interval.startTime' &&
        key !== 'interval.endTime',
    )
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join('&');
}

/** The Monitoring API of the sandbox, reading the world and clock it is given. */
export function createMonitoringApi(deps: SandboxApiDeps): SandboxApi {
  const lister = new TimeSeriesLister(deps);
  return {
    name: 'monitoring',
    match(request: SandboxRequest) {
      const match = TIME_SERIES_PATH.exec(request.path);
      if (!match) return null;
      // Like the Run API: a known path with another method (e.g. POST = timeSeries.create) is 501.
      if (request.method !== 'GET') return unimplemented(request);
      const projectId = decodeSegment(match[1]!, request.path);
      return {
        method: 'monitoring.timeSeries.list',
        responseType: () =>
          messageType(
            monitoringProtoRoot(),
            'google.monitoring.v3.ListTimeSeriesResponse',
          ),
        handle: () => {
          const parsed = parseListTimeSeriesRequest(projectId, request.query);
          // Fingerprint the canonical spelling, so `page_size` and `pageSize` pages continue each other.
          const canonical = canonicalQueryParameters(request.query);
          const body = lister.list(
            parsed,
            queryFingerprint(projectId, canonical),
            answerQueryKey(canonical),
          );
          const points = (body.timeSeries ?? []).reduce(
            (n, series) => n + series.points.length,
            0,
          );
          return { status: 200, body, points };
        },
      };
    },
  };
}
export { METRIC_REGISTRY } from './metrics/metricRegistry';
