import type {
  ServiceDetailResponse,
  ServiceListResponse,
  TimeWindow,
} from '@gcp-serverless/common';
import { TIME_WINDOW_STEP_SECONDS } from '@gcp-serverless/common';
import type { CloudRunGateway } from '../gateways/CloudRunGateway';
import { CloudRunMetrics, serviceKey } from './CloudRunMetrics';
import type { ProjectAccess } from './ProjectAccess';

/** Injected clock (epoch ms), so the standalone sandbox and tests can move time. */
export type Clock = () => number;

/**
 * Reads for the services table and the service page. A listing costs one Cloud Run list call per
 * allowed region plus one Monitoring call per metric, all in parallel, however many services exist.
 * Metrics failing leaves the services listed with null figures and a PanelError; Cloud Run failing
 * fails the request, since there is nothing to show without it.
 */
export class ServiceCatalogService {
  private readonly deps: {
    access: ProjectAccess;
    cloudRun: CloudRunGateway;
    metrics: CloudRunMetrics;
    now: Clock;
  };

  constructor(deps: {
    access: ProjectAccess;
    cloudRun: CloudRunGateway;
    metrics: CloudRunMetrics;
    now: Clock;
  }) {
    this.deps = deps;
  }

  async listServices(
    projectId: string,
    window: TimeWindow,
  ): Promise<ServiceListResponse> {
    const project = this.deps.access.project(projectId);
    const endMs = this.deps.now();
    const [lists, summaries] = await Promise.all([
      Promise.all(
        project.regions.map(region =>
          this.deps.cloudRun.listServices(projectId, region),
        ),
      ),
      this.deps.metrics.summaries(project, window, endMs),
    ]);
    const empty = {
      instances: null,
      requestsPerSecond: null,
      errorRatio5xx: null,
      latencyP95Ms: null,
    };
    const services = lists
      .flat()
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(s => ({
        ...s,
        summary: summaries.byService.get(serviceKey(s.region, s.name)) ?? empty,
      }));
    return {
      projectId,
      window,
      asOf: new Date(endMs).toISOString(),
      services,
      errors: summaries.errors,
    };
  }

  async getService(
    projectId: string,
    region: string,
    name: string,
    window: TimeWindow,
  ): Promise<ServiceDetailResponse> {
    this.deps.access.region(projectId, region);
    const endMs = this.deps.now();
    const [service, detail] = await Promise.all([
      this.deps.cloudRun.getService(projectId, region, name),
      this.deps.metrics.detail(projectId, region, name, window, endMs),
    ]);
    return {
      service,
      window,
      asOf: new Date(endMs).toISOString(),
      stepSeconds: TIME_WINDOW_STEP_SECONDS[window],
      ...detail,
    };
  }
}
