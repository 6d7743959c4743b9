import {
  ConflictError,
  diffUrlMaps,
  InputError,
  urlMapFindings,
  type BackendServiceView,
  type RoutingOverviewResponse,
  type RoutingTopology,
  type TimeWindow,
  type UrlMapApplyRequest,
  type UrlMapApplyResult,
  type UrlMapEdit,
  type UrlMapPreview,
  type UrlMapValidation,
} from '@gcp-serverless/common';
import type { BackendGateway } from '../gateways/BackendGateway';
import type { UrlMapGateway } from '../gateways/UrlMapGateway';
import type { AuditLog } from './AuditLog';
import type { LoadBalancerMetrics } from './LoadBalancerMetrics';
import { settlePanels } from './panelErrors';
import type { ProjectAccess } from './ProjectAccess';
import type { Clock } from './ServiceCatalogService';
import { proposedUrlMap } from './urlMapProposal';

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
 * The routing page and URL map edits. Overview: URL maps, backends, NEGs and per-route traffic, all
 * in parallel, each failure a PanelError. Preview: diff, Google's `urlMaps.validate`, our findings.
 * Apply: fingerprint-guarded full update that waits for the operation; every attempt audited.
 */
export class RoutingService {
  private readonly deps: {
    access: ProjectAccess;
    urlMaps: UrlMapGateway;
    backends: BackendGateway;
    metrics: LoadBalancerMetrics;
    audit: AuditLog;
    now: Clock;
  };

  constructor(deps: {
    access: ProjectAccess;
    urlMaps: UrlMapGateway;
    backends: BackendGateway;
    metrics: LoadBalancerMetrics;
    audit: AuditLog;
    now: Clock;
  }) {
    this.deps = deps;
  }

  async overview(
    projectId: string,
    window: TimeWindow,
  ): Promise<RoutingOverviewResponse> {
    const project = this.deps.access.project(projectId);
    const endMs = this.deps.now();
    const negs = this.deps.backends.listNegs(projectId, project.regions);
    // Annotated: inside the object literal `then` would infer `unknown` from settlePanels' constraint.
    const services: Promise<BackendServiceView[]> = negs.then(n =>
      this.deps.backends.listBackendServices(projectId, n),
    );
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

  async preview(
    projectId: string,
    urlMapName: string,
    change: UrlMapEdit,
  ): Promise<UrlMapPreview> {
    this.deps.access.project(projectId);
    const [current, services, buckets] = await Promise.all([
      this.deps.urlMaps.getUrlMap(projectId, urlMapName),
      this.deps.backends.listBackendServices(projectId, []),
      this.deps.backends.listBackendBuckets(projectId),
    ]);
    const proposed = proposedUrlMap(projectId, current.spec, change);
    const diff = diffUrlMaps(current.spec, proposed);
    const findings = urlMapFindings(current.spec, proposed, {
      backendServices: services.map(s => s.name),
      backendBuckets: buckets.map(b => b.name),
    });
    let validation: UrlMapValidation = {
      status: 'skipped',
      message: 'Nothing to change',
      loadErrors: [],
      testFailures: [],
    };
    if (diff.length > 0) {
      try {
        validation = await this.deps.urlMaps.validate(
          projectId,
          urlMapName,
          proposed,
        );
      } catch (err) {
        // Google refusing the resource outright is a finding of the preview; outages still fail it.
        if (!(err instanceof InputError)) throw err;
        validation = {
          status: 'failed',
          message: err.message,
          loadErrors: [err.message],
          testFailures: [],
        };
      }
    }
    return {
      urlMap: current,
      proposed,
      diff,
      validation,
      findings,
      fingerprint: current.fingerprint,
    };
  }

  async apply(
    projectId: string,
    urlMapName: string,
    request: UrlMapApplyRequest,
    actor: string,
  ): Promise<UrlMapApplyResult> {
    this.deps.access.project(projectId);
    const current = await this.deps.urlMaps.getUrlMap(projectId, urlMapName);
    const proposed = proposedUrlMap(projectId, current.spec, request.change);
    const base = {
      time: new Date(this.deps.now()).toISOString(),
      actor,
      action: 'urlMap.apply' as const,
      resource: `projects/${projectId}/global/urlMaps/${urlMapName}`,
      before: current.spec,
      after: proposed,
    };
    if (current.fingerprint !== request.fingerprint) {
      const conflict = this.deps.urlMaps.conflict(current);
      await this.deps.audit.record({
        ...base,
        result: 'conflict',
        error: conflict.message,
      });
      throw conflict;
    }
    const diff = diffUrlMaps(current.spec, proposed);
    if (diff.length === 0) {
      throw new InputError(
        'Nothing to change: the proposed routes equal the current ones',
        [{ path: 'change', message: 'equals the current URL map' }],
      );
    }
    try {
      const result = await this.deps.urlMaps.replace(
        projectId,
        urlMapName,
        proposed,
        request.fingerprint,
      );
      await this.deps.audit.record({
        ...base,
        result: 'succeeded',
        operation: result.operation,
      });
      return { urlMap: result.urlMap, operation: result.operation, diff };
    } catch (err) {
      await this.deps.audit.record({
        ...base,
        result: err instanceof ConflictError ? 'conflict' : 'failed',
        error: err instanceof Error ? err.message : String(err),
      });
      throw err;
    }
  }
}
