import {
  ConflictError,
  diffScaling,
  GcpServerlessError,
  InputError,
  parseCpuLimit,
  scalingWarnings,
  unacknowledgedWarnings,
  type CloudRunService,
  type ScalingApplyRequest,
  type ScalingApplyResult,
  type ScalingChange,
  type ScalingPreview,
  type UpstreamValidation,
} from '@gcp-serverless/common';
import {
  staleServiceConflict,
  type CloudRunGateway,
} from '../gateways/CloudRunGateway';
import type { AuditLog, PluginLogger } from './AuditLog';
import type { CloudRunMetrics } from './CloudRunMetrics';
import type { ProjectAccess } from './ProjectAccess';
import type { CapacityContextLoader } from './CapacityContextLoader';
import { scalingCapacityImpact } from './scalingCapacityImpact';
import type { Clock } from './ServiceCatalogService';
import type { ScalingCostEstimator } from './costs/ScalingCostEstimator';

/** Which service a scaling change is for. */
export interface ServiceRef {
  projectId: string;
  region: string;
  name: string;
}

/**
 * Preview and apply of Cloud Run scaling changes. Preview: diff, our warnings (incl. the 24 h peak
 * capacity check) and Google's own `validateOnly` verdict. Apply: same checks, refused while a
 * warning that needs acknowledgement is not acknowledged, then an etag-guarded write that waits for
 * the operation; every attempt is audited.
 */
export class ScalingService {
  private readonly deps: {
    access: ProjectAccess;
    cloudRun: CloudRunGateway;
    metrics: CloudRunMetrics;
    audit: AuditLog;
    logger: PluginLogger;
    now: Clock;
    /** Redis and queue guardrails of the preview; absent = not checked. */
    capacity?: CapacityContextLoader;
    /** Cost impact of the preview on Catalog prices; absent = not shown. */
    costs?: ScalingCostEstimator;
  };

  constructor(deps: {
    access: ProjectAccess;
    cloudRun: CloudRunGateway;
    metrics: CloudRunMetrics;
    audit: AuditLog;
    logger: PluginLogger;
    now: Clock;
    /** Redis and queue guardrails of the preview; absent = not checked. */
    capacity?: CapacityContextLoader;
    /** Cost impact of the preview on Catalog prices; absent = not shown. */
    costs?: ScalingCostEstimator;
  }) {
    this.deps = deps;
  }

  async preview(
    ref: ServiceRef,
    change: ScalingChange,
  ): Promise<ScalingPreview> {
    this.deps.access.region(ref.projectId, ref.region);
    const service = await this.deps.cloudRun.getService(
      ref.projectId,
      ref.region,
      ref.name,
    );
    const { peak, warnings, diff, capacityImpact } = await this.assess(
      service,
      change,
    );
    let validation: UpstreamValidation = {
      status: 'skipped',
      message: 'Nothing to change',
    };
    if (diff.length > 0) {
      try {
        await this.deps.cloudRun.updateScaling(ref, change, service.etag, {
          validateOnly: true,
        });
        validation = { status: 'passed' };
      } catch (err) {
        // A rejected validateOnly is a finding of the preview, not a failure of it; outages still fail.
        if (!(err instanceof InputError)) throw err;
        validation = { status: 'failed', message: err.message };
      }
    }
    return {
      service,
      current: service.scaling,
      proposed: change,
      diff,
      warnings,
      validation,
      etag: service.etag,
      peakConcurrentRequests24h: peak,
      capacityImpact,
      ...(this.deps.costs && diff.length > 0
        ? { cost: await this.deps.costs.impact(service, change) }
        : {}),
    };
  }

  async apply(
    ref: ServiceRef,
    request: ScalingApplyRequest,
    actor: string,
  ): Promise<ScalingApplyResult> {
    this.deps.access.region(ref.projectId, ref.region);
    const service = await this.deps.cloudRun.getService(
      ref.projectId,
      ref.region,
      ref.name,
    );
    const base = {
      time: new Date().toISOString(),
      actor,
      action: 'scaling.apply' as const,
      resource: service.resourceName,
      before: service.scaling,
      after: request.change,
    };
    if (service.etag !== request.etag) {
      const conflict = staleServiceConflict(service);
      await this.deps.audit.record({
        ...base,
        result: 'conflict',
        error: conflict.message,
      });
      throw conflict;
    }
    // Refusals below change nothing upstream and are plain 400s, so they are not audited as attempts.
    const { warnings, diff } = await this.assess(service, request.change);
    if (diff.length === 0) {
      throw new InputError(
        'Nothing to change: the proposed scaling equals the current one',
        [{ path: 'change', message: 'equals the current scaling' }],
      );
    }
    const missing = unacknowledgedWarnings(
      warnings,
      request.acknowledgedWarnings,
    );
    if (missing.length > 0) {
      throw new InputError('Acknowledge the warnings before applying', [
        {
          path: 'acknowledgedWarnings',
          message: `acknowledge ${missing
            .map(w => w.code)
            .join(', ')}: ${missing.map(w => w.message).join(' ')}`,
        },
      ]);
    }

    try {
      const result = await this.deps.cloudRun.updateScaling(
        ref,
        request.change,
        request.etag,
        { validateOnly: false },
      );
      await this.deps.audit.record({
        ...base,
        result: 'succeeded',
        operation: result.operation,
      });
      return { service: result.service, operation: result.operation, diff };
    } catch (err) {
      const conflict = err instanceof ConflictError;
      await this.deps.audit.record({
        ...base,
        result: conflict ? 'conflict' : 'failed',
        error: err instanceof Error ? err.message : String(err),
      });
      throw err;
    }
  }

  /** Diff and warnings; the 24 h peak is best effort — without metrics the capacity check is skipped, not the preview. */
  private async assess(service: CloudRunService, change: ScalingChange) {
    let peak: number | null = null;
    try {
      peak = await this.deps.metrics.peakConcurrentRequests24h(
        service.projectId,
        service.region,
        service.name,
        this.deps.now(),
      );
    } catch (err) {
      this.deps.logger.warn(
        `peak concurrency of ${service.name} unavailable; capacity check skipped`,
        {
          error: err instanceof GcpServerlessError ? err.message : String(err),
        },
      );
    }
    const warnings = scalingWarnings({
      current: service.scaling,
      proposed: change,
      peakConcurrentRequests24h: peak,
      cpu: parseCpuLimit(service.cpu),
    });
    // Redis / queue guardrails (issue 4): their warnings join the list, so apply enforces acknowledgement too.
    const capacity = this.deps.capacity
      ? await scalingCapacityImpact(
          this.deps.capacity,
          this.deps.access.project(service.projectId),
          service,
          change,
          this.deps.now(),
        )
      : { impacts: [], warnings: [] };
    warnings.push(...capacity.warnings);
    return {
      peak,
      warnings,
      diff: diffScaling(service.scaling, change),
      capacityImpact: capacity.impacts,
    };
  }
}
