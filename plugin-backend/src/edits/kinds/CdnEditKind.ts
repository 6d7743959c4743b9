import { z } from 'zod';
import {
  CDN_BACKEND_KINDS,
  cdnEditContract,
  cdnPolicyWarnings,
  COMPUTE_NAME_PATTERN,
  ConflictError,
  projectIdSchema,
  TIME_WINDOW_SECONDS,
  type CdnBackend,
  type CdnPolicyApplyResult,
  type CdnPolicyChange,
  type CdnPolicyPreview,
} from '@gcp-serverless/common';
import type {
  BackendGateway,
  CdnBackendRef,
} from '../../gateways/BackendGateway';
import { toCdnBackend } from '../../services/cdnBackendView';
import type { LoadBalancerMetrics } from '../../services/LoadBalancerMetrics';
import type { PreviewCostEstimator } from '../../services/costs/PreviewCostEstimator';
import type { ProjectAccess } from '../../services/ProjectAccess';
import { parseInput } from '../../validation/parseInput';
import type { EditAssessment, GuardedEditKind } from '../GuardedEditKind';

const params = z.object({
  projectId: projectIdSchema,
  kind: z.enum(CDN_BACKEND_KINDS, {
    errorMap: () => ({
      message: `must be one of ${CDN_BACKEND_KINDS.join(', ')}`,
    }),
  }),
  name: z
    .string()
    .regex(
      COMPUTE_NAME_PATTERN,
      'must be a backend name (lowercase letters, digits, hyphens)',
    ),
});
const RESOURCE =
  /^projects\/([^/]+)\/global\/(backendServices|backendBuckets)\/([^/]+)$/;

/**
 * Cloud CDN on/off and cache policy. Guard: a backend service's fingerprint, which Google checks
 * on the PATCH (412 → 409); backend buckets have no fingerprint in compute v1 (docs/google-apis.md §2), so their guard is the
 * portal's settings fingerprint under a lease per bucket. Compute has no validate-only call for
 * backends: Google checks the policy on apply (a refusal is a 400 naming the field).
 */
export class CdnEditKind
  implements
    GuardedEditKind<
      CdnBackendRef,
      CdnBackend,
      CdnPolicyChange,
      CdnPolicyChange,
      CdnPolicyPreview,
      CdnPolicyApplyResult,
      null
    >
{
  readonly contract = cdnEditContract;
  readonly changeLabel = 'cache policy';
  readonly routePath = '/projects/:projectId/cdn/:kind/:name';
  private readonly deps: {
    access: ProjectAccess;
    backends: BackendGateway;
    metrics: LoadBalancerMetrics;
    now: () => number;
    costs?: PreviewCostEstimator;
  };

  constructor(deps: CdnEditKind['deps']) {
    this.deps = deps;
  }

  guardOf(ref: CdnBackendRef): 'google' | 'lease' {
    return ref.kind === 'backendServices' ? 'google' : 'lease';
  }

  refOfParams(raw: unknown): CdnBackendRef {
    return parseInput(params, raw, 'path');
  }

  resourceName(ref: CdnBackendRef): string {
    return `projects/${ref.projectId}/global/${ref.kind}/${ref.name}`;
  }

  refOfResource(resource: string): CdnBackendRef | null {
    const m = RESOURCE.exec(resource);
    return m
      ? { projectId: m[1]!, kind: m[2] as CdnBackendRef['kind'], name: m[3]! }
      : null;
  }

  async read(ref: CdnBackendRef): Promise<CdnBackend> {
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

  etagOf(backend: CdnBackend): string {
    return backend.fingerprint;
  }

  settingsOf(backend: CdnBackend): CdnPolicyChange {
    return backend.policy;
  }

  proposedOf(
    _ref: CdnBackendRef,
    _backend: CdnBackend,
    change: CdnPolicyChange,
  ): CdnPolicyChange {
    return change;
  }

  projectsOf(ref: CdnBackendRef): string[] {
    return [ref.projectId];
  }

  conflict(current: CdnBackend, reason?: string): ConflictError {
    return new ConflictError(
      reason ??
        `Backend ${current.name} was changed by someone else since you previewed; review the current policy and try again`,
      {
        details: {
          current: current.policy,
          etag: current.fingerprint,
          fingerprint: current.fingerprint,
          backend: current,
        },
      },
    );
  }

  async assess(
    _ref: CdnBackendRef,
    backend: CdnBackend,
    change: CdnPolicyChange,
  ) {
    return { warnings: cdnPolicyWarnings(backend.policy, change), facts: null };
  }

  async preview(
    ref: CdnBackendRef,
    backend: CdnBackend,
    change: CdnPolicyChange,
    a: EditAssessment<null>,
  ): Promise<CdnPolicyPreview> {
    return {
      backend,
      current: backend.policy,
      proposed: change,
      diff: a.diff,
      warnings: a.warnings,
      validation: a.diff.length
        ? {
            status: 'skipped',
            message:
              'Compute has no validate-only call for backends: the policy passed the documented rules here, and Google checks it again on apply.',
          }
        : { status: 'skipped', message: 'Nothing to change' },
      etag: backend.fingerprint,
      fingerprint: backend.fingerprint,
      ...(a.diff.length ? await this.cost(ref, backend, change) : {}),
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

  async write(
    ref: CdnBackendRef,
    _backend: CdnBackend,
    request: { change: CdnPolicyChange; etag: string },
  ) {
    try {
      const { operation } = await this.deps.backends.patchCdnPolicy(
        ref,
        request.change,
        ref.kind === 'backendServices' ? request.etag : null,
      );
      return { operation };
    } catch (err) {
      if (err instanceof ConflictError)
        throw this.conflict(await this.read(ref));
      throw err;
    }
  }

  result(
    _ref: CdnBackendRef,
    backend: CdnBackend,
    diff: CdnPolicyApplyResult['diff'],
    operation: string | undefined,
  ): CdnPolicyApplyResult {
    return { backend, operation: operation ?? '', diff };
  }
}
