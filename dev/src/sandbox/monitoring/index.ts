/**
 * Cloud Monitoring v3 for the sandbox: `GET /v3/projects/{p}/timeSeries` (method key
 * `monitoring.timeSeries.list`), computed from the traffic model so that the official
 * @google-cloud/monitoring client runs unchanged against it.
 */
import type { SandboxApi, SandboxApiDeps, SandboxRequest } from '../api';
import { parseListTimeSeriesRequest } from './request/parseListTimeSeriesRequest';
import { queryFingerprint, TimeSeriesLister } from './query/listTimeSeries';

export { CLOUD_RUN_METRICS } from './metrics/cloudRunMetrics';
export type { MetricDefinition } from './metrics/metricTypes';

const TIME_SERIES_PATH = /^\/v3\/projects\/([^/]+)\/timeSeries$/;

/** The Monitoring API of the sandbox, reading the world and clock it is given. */
export function createMonitoringApi(deps: SandboxApiDeps): SandboxApi {
  const lister = new TimeSeriesLister(deps);
  return {
    name: 'monitoring',
    match(request: SandboxRequest) {
      const match = TIME_SERIES_PATH.exec(request.path);
      if (!match || request.method !== 'GET') return null;
      const projectId = decodeURIComponent(match[1]!);
      return {
        method: 'monitoring.timeSeries.list',
        handle: () => {
          const parsed = parseListTimeSeriesRequest(projectId, request.query);
          return { status: 200, body: lister.list(parsed, queryFingerprint(projectId, request.query)) };
        },
      };
    },
  };
}
export { METRIC_REGISTRY } from './metrics/metricRegistry';
