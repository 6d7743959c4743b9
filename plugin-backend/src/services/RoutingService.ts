import {
  type BackendServiceView,
  type RoutingOverviewResponse,
  type RoutingTopology,
  type TimeWindow,
} from '@gcp-serverless/common';
import type { BackendGateway } from '../gateways/BackendGateway';
import type { UrlMapGateway } from '../gateways/UrlMapGateway';
import type { LoadBalancerMetrics } from './LoadBalancerMetrics';
import { settlePanels } from './panelErrors';
import type { ProjectAccess } from './ProjectAccess';
import type { Clock } from './ServiceCatalogService';

/** Backend services followed through their serverless NEGs to Cloud Run services. */
export function topologyOf(
  services: BackendServiceView[],
  buckets: { name: string; bucketName: string }[],
): RoutingTopology {
  return {
    backendServices: services.map(s => ({
      name: s.name,
      cloudRun: s.backends
        .filter(b => b.cloudRunService)
        .map(b => ({
          neg: b.neg ?? '',
          region: b.region,
          service: b.cloudRunService!,
        })),
    })),
    backendBuckets: buckets.map(b => ({
      name: b.name,
      bucketName: b.bucketName,
    })),
  };
}

/**
 * The routing page: URL maps, backends, NEGs and per-route traffic, all in parallel, each failure a
 * PanelError. URL map edits are the `routing` edit kind (edits/kinds/UrlMapEditKind.ts).
 */
export class RoutingService {
  private readonly deps: {
    access: ProjectAccess;
    urlMaps: UrlMapGateway;
    backends: BackendGateway;
    metrics: LoadBalancerMetrics;
    now: Clock;
  };

  constructor(deps: RoutingService['deps']) {
    this.deps = deps;
  }

  async overview(
    projectId: string,
    window: TimeWindow,
  ): Promise<RoutingOverviewResponse> {
    const project = this.deps.access.project(projectId);
    const endMs = this.deps.now();
    // The backend services' list does not wait for the NEGs' (they are only joined): one round trip.
    const negs = this.deps.backends.listNegs(projectId, project.regions);
    const services: Promise<BackendServiceView[]> =
      this.deps.backends.listBackendServices(projectId, negs);
    const { values, errors } = await settlePanels({
      urlMaps: this.deps.urlMaps.listUrlMaps(projectId),
      backendServices: services,
      backendBuckets: this.deps.backends.listBackendBuckets(projectId),
      traffic: this.deps.metrics.routeTraffic(projectId, window, endMs),
    });
    const backendServices = values.backendServices ?? [];
    const backendBuckets = values.backendBuckets ?? [];
    return {
      projectId,
      window,
      asOf: new Date(endMs).toISOString(),
      urlMaps: values.urlMaps ?? [],
      backendServices,
      backendBuckets,
      topology: topologyOf(backendServices, backendBuckets),
      traffic: values.traffic,
      errors,
    };
  }
}
