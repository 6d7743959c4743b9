import {
  TIME_WINDOW_SECONDS,
  TIME_WINDOW_STEP_SECONDS,
  type BackendServiceView,
  type CdnOverviewResponse,
  type CdnRoute,
  type TimeWindow,
} from '@gcp-serverless/common';
import { toCdnBackend } from './cdnBackendView';
import type { BackendGateway } from '../gateways/BackendGateway';
import {
  hitRatioOf,
  type CdnFigures,
  type LoadBalancerMetrics,
} from './LoadBalancerMetrics';
import { settlePanels } from './panelErrors';
import type { ProjectAccess } from './ProjectAccess';
import type { Clock } from './ServiceCatalogService';

/** Per path rule figures for the listed backends, busiest first. */
function cdnRoutesOf(
  figures: CdnFigures | null,
  backendNames: Set<string>,
  windowSeconds: number,
): CdnRoute[] {
  return (figures?.routes ?? [])
    .filter(r => backendNames.has(r.backendTarget))
    .map(r => {
      const count = (result: string) => r.counts.get(result) ?? 0;
      const all = [...r.counts.values()].reduce((a, b) => a + b, 0);
      return {
        urlMap: r.urlMap,
        pathRule: r.pathRule,
        backend: r.backendTarget,
        hitRatio: hitRatioOf(r.counts),
        servedPerSecond: (count('HIT') + count('PARTIAL_HIT')) / windowSeconds,
        fillPerSecond: count('MISS') / windowSeconds,
        requestsPerSecond: all / windowSeconds,
      };
    })
    .sort((a, b) => b.requestsPerSecond - a.requestsPerSecond);
}

/**
 * The CDN page: every backend service and bucket with its CDN state and hit figures (one Monitoring
 * call). Cache policy edits are the `cdn` edit kind (edits/kinds/CdnEditKind.ts).
 */
export class CdnService {
  private readonly deps: {
    access: ProjectAccess;
    backends: BackendGateway;
    metrics: LoadBalancerMetrics;
    now: Clock;
  };

  constructor(deps: CdnService['deps']) {
    this.deps = deps;
  }

  async overview(
    projectId: string,
    window: TimeWindow,
  ): Promise<CdnOverviewResponse> {
    const project = this.deps.access.project(projectId);
    const endMs = this.deps.now();
    // The backend services' list does not wait for the NEGs' (they are only joined): one round trip.
    const negs = this.deps.backends.listNegs(projectId, project.regions);
    const services: Promise<BackendServiceView[]> =
      this.deps.backends.listBackendServices(projectId, negs);
    const { values, errors } = await settlePanels({
      backendServices: services,
      backendBuckets: this.deps.backends.listBackendBuckets(projectId),
      figures: this.deps.metrics.cdnFigures(projectId, window, endMs),
    });
    const seconds = TIME_WINDOW_SECONDS[window];
    const backends = [
      ...(values.backendServices ?? []).map(s =>
        toCdnBackend(s, 'backendServices', values.figures, seconds),
      ),
      ...(values.backendBuckets ?? []).map(b =>
        toCdnBackend(b, 'backendBuckets', values.figures, seconds),
      ),
    ];
    const series: CdnOverviewResponse['series'] = {};
    for (const b of backends)
      series[b.name] = values.figures?.series.get(b.name) ?? [];
    return {
      projectId,
      window,
      asOf: new Date(endMs).toISOString(),
      stepSeconds: TIME_WINDOW_STEP_SECONDS[window],
      backends,
      series,
      routes: cdnRoutesOf(
        values.figures,
        new Set(backends.map(b => b.name)),
        seconds,
      ),
      errors,
    };
  }
}
