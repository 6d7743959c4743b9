import {
  cdnPolicyOf,
  cdnPolicyWarnings,
  ConflictError,
  diffCdnPolicy,
  InputError,
  TIME_WINDOW_SECONDS,
  TIME_WINDOW_STEP_SECONDS,
  type BackendBucketView,
  type BackendServiceView,
  type CdnBackend,
  type CdnOverviewResponse,
  type CdnRoute,
  type CdnPolicyApplyRequest,
  type CdnPolicyApplyResult,
  type CdnPolicyChange,
  type CdnPolicyPreview,
  type TimeWindow,
} from '@gcp-serverless/common';
import type { BackendGateway, CdnBackendRef } from '../gateways/BackendGateway';
import type { AuditLog } from './AuditLog';
import {
  hitRatioOf,
  type CdnFigures,
  type LoadBalancerMetrics,
} from './LoadBalancerMetrics';
import { settlePanels } from './panelErrors';
import type { PreviewCostEstimator } from './costs/PreviewCostEstimator';
import type { ProjectAccess } from './ProjectAccess';
import type { Clock } from './ServiceCatalogService';

function originOf(s: BackendServiceView): string {
  const runs = s.backends
    .filter(b => b.cloudRunService)
    .map(b => `Cloud Run ${b.cloudRunService}`);
  if (runs.length) return runs.join(', ');
  return (
    s.description ||
    s.backends
      .map(b => `${b.negType ?? 'group'} ${b.neg ?? b.group}`)
      .join(', ') ||
    'no backends'
  );
}

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

function toCdnBackend(
  view: BackendServiceView | BackendBucketView,
  kind: CdnBackend['kind'],
  figures: CdnFigures | null,
  windowSeconds: number,
): CdnBackend {
  const totals = figures?.totals.get(view.name);
  const all = totals ? [...totals.values()].reduce((a, b) => a + b, 0) : null;
  return {
    kind,
    name: view.name,
    enableCdn: view.enableCdn,
    policy: cdnPolicyOf(view.enableCdn, view.cdnPolicy),
    fingerprint: view.fingerprint,
    origin:
      kind === 'backendBuckets'
        ? `Cloud Storage bucket ${(view as BackendBucketView).bucketName}`
        : originOf(view as BackendServiceView),
    hitRatio: hitRatioOf(totals),
    requestsPerSecond: figures ? (all ?? 0) / windowSeconds : null,
    consoleUrl: view.consoleUrl,
  };
}

/**
 * The CDN page and cache policy edits. Overview: every backend service and bucket with its CDN state
 * and hit figures (one Monitoring call). Preview: diff and warnings; compute has no validate-only
 * call for backends, so Google's check happens at apply (a refusal is a 400 naming the field).
 * Apply: fingerprint-guarded PATCH that waits for the operation; every attempt audited.
 */
export class CdnService {
  private readonly deps: {
    access: ProjectAccess;
    backends: BackendGateway;
    metrics: LoadBalancerMetrics;
    audit: AuditLog;
    now: Clock;
    costs?: PreviewCostEstimator;
  };

  constructor(deps: {
    access: ProjectAccess;
    backends: BackendGateway;
    metrics: LoadBalancerMetrics;
    audit: AuditLog;
    now: Clock;
    costs?: PreviewCostEstimator;
  }) {
    this.deps = deps;
  }

  async overview(
    projectId: string,
    window: TimeWindow,
  ): Promise<CdnOverviewResponse> {
    const project = this.deps.access.project(projectId);
    const endMs = this.deps.now();
    const negs = this.deps.backends.listNegs(projectId, project.regions);
    // Annotated: inside the object literal `then` would infer `unknown` from settlePanels' constraint.
    const services: Promise<BackendServiceView[]> = negs.then(n =>
      this.deps.backends.listBackendServices(projectId, n),
    );
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

  private async read(ref: CdnBackendRef): Promise<CdnBackend> {
    const project = this.deps.access.project(ref.projectId);
    if (ref.kind === 'backendBuckets')
      return toCdnBackend(
        await this.deps.backends.getBackendBucket(ref.projectId, ref.name),
        ref.kind,
        null,
        1,
      );
    const negs = await this.deps.backends.listNegs(
      ref.projectId,
      project.regions,
    );
    return toCdnBackend(
      await this.deps.backends.getBackendService(ref.projectId, ref.name, negs),
      ref.kind,
      null,
      1,
    );
  }

  async preview(
    ref: CdnBackendRef,
    change: CdnPolicyChange,
  ): Promise<CdnPolicyPreview> {
    const backend = await this.read(ref);
    const diff = diffCdnPolicy(backend.policy, change);
    return {
      backend,
      current: backend.policy,
      proposed: change,
      diff,
      warnings: cdnPolicyWarnings(backend.policy, change),
      validation: diff.length
        ? {
            status: 'skipped',
            message:
              'Compute has no validate-only call for backends: the policy passed the documented rules here, and Google checks it again on apply.',
          }
        : { status: 'skipped', message: 'Nothing to change' },
      fingerprint: backend.fingerprint,
      ...(diff.length ? await this.cost(ref, backend, change) : {}),
    };
  }

  /** Cost block from the last 7 days of cache results (one Monitoring call); Monitoring failing is a reason, not an error. */
  private async cost(
    ref: CdnBackendRef,
    backend: CdnBackend,
    change: CdnPolicyChange,
  ) {
    if (!this.deps.costs) return {};
    const windowSeconds = TIME_WINDOW_SECONDS['7d'];
    const cacheResults = await this.deps.metrics
      .cdnFigures(ref.projectId, '7d', this.deps.now())
      .then(
        f => f.totals.get(backend.name) ?? new Map<string, number>(),
        () => null,
      );
    return this.deps.costs.cdn({
      current: backend.policy,
      proposed: change,
      cacheResults,
      windowSeconds,
    });
  }

  async apply(
    ref: CdnBackendRef,
    request: CdnPolicyApplyRequest,
    actor: string,
  ): Promise<CdnPolicyApplyResult> {
    const backend = await this.read(ref);
    const base = {
      time: new Date(this.deps.now()).toISOString(),
      actor,
      action: 'cdn.apply' as const,
      resource: `projects/${ref.projectId}/global/${ref.kind}/${ref.name}`,
      before: backend.policy,
      after: request.change,
    };
    if (backend.fingerprint !== request.fingerprint) {
      const conflict = this.conflict(backend);
      await this.deps.audit.record({
        ...base,
        result: 'conflict',
        error: conflict.message,
      });
      throw conflict;
    }
    const diff = diffCdnPolicy(backend.policy, request.change);
    if (diff.length === 0) {
      throw new InputError(
        'Nothing to change: the proposed policy equals the current one',
        [{ path: 'change', message: 'equals the current policy' }],
      );
    }
    try {
      const { operation } = await this.deps.backends.patchCdnPolicy(
        ref,
        request.change,
        ref.kind === 'backendServices' ? request.fingerprint : null,
      );
      await this.deps.audit.record({ ...base, result: 'succeeded', operation });
      return { backend: await this.read(ref), operation, diff };
    } catch (err) {
      const isConflict = err instanceof ConflictError;
      await this.deps.audit.record({
        ...base,
        result: isConflict ? 'conflict' : 'failed',
        error: err instanceof Error ? err.message : String(err),
      });
      if (isConflict) throw this.conflict(await this.read(ref));
      throw err;
    }
  }

  private conflict(current: CdnBackend): ConflictError {
    return new ConflictError(
      `Backend ${current.name} was changed by someone else since you previewed; review the current policy and try again`,
      {
        details: {
          current: current.policy,
          fingerprint: current.fingerprint,
          backend: current,
        },
      },
    );
  }
}
