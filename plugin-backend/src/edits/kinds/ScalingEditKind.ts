import { z } from 'zod';
import {
  ConflictError,
  GcpServerlessError,
  InputError,
  parseCpuLimit,
  projectIdSchema,
  regionSchema,
  scalingEditContract,
  scalingWarnings,
  serviceNameSchema,
  type CapacityImpact,
  type CloudRunService,
  type ScalingApplyResult,
  type ScalingChange,
  type ScalingPreview,
  type ScalingSettings,
  type UpstreamValidation,
} from '@gcp-serverless/common';
import {
  staleServiceConflict,
  type CloudRunGateway,
} from '../../gateways/CloudRunGateway';
import type { PluginLogger } from '../../services/AuditLog';
import type { CapacityContextLoader } from '../../services/CapacityContextLoader';
import type { CloudRunMetrics } from '../../services/CloudRunMetrics';
import type { ProjectAccess } from '../../services/ProjectAccess';
import { scalingCapacityImpact } from '../../services/scalingCapacityImpact';
import type { ScalingCostEstimator } from '../../services/costs/ScalingCostEstimator';
import type { WhatIfService } from '../../services/whatIf/WhatIfService';
import { parseInput } from '../../validation/parseInput';
import type { GuardedEditKind } from '../GuardedEditKind';

/** Which Cloud Run service a scaling change is for. */
export interface ServiceRef {
  projectId: string;
  region: string;
  name: string;
}

/** The facts behind scaling warnings, shown by the preview. */
interface ScalingFacts {
  peak: number | null;
  capacityImpact: CapacityImpact[];
}

const params = z.object({
  projectId: projectIdSchema,
  region: regionSchema,
  service: serviceNameSchema,
});
const RESOURCE = /^projects\/([^/]+)\/locations\/([^/]+)\/services\/([^/]+)$/;

/**
 * Cloud Run scaling (min/max instances, concurrency). Guard: the service's etag, sent with the write
 * so that Google refuses it if the service moved (one read per apply). Checks: the 24 h peak
 * capacity, the Redis and queue guardrails; Google's `validateOnly` in the preview, with the cost and
 * the what-if of the last 7 days (docs/what-if.md).
 */
export class ScalingEditKind
  implements
    GuardedEditKind<
      ServiceRef,
      CloudRunService,
      ScalingSettings,
      ScalingChange,
      ScalingPreview,
      ScalingApplyResult,
      ScalingFacts
    >
{
  readonly contract = scalingEditContract;
  readonly changeLabel = 'scaling change';
  guardOf(): 'google' {
    return 'google';
  }
  readonly routePath =
    '/projects/:projectId/locations/:region/services/:service/scaling';
  private readonly deps: {
    access: ProjectAccess;
    cloudRun: CloudRunGateway;
    metrics: CloudRunMetrics;
    logger: PluginLogger;
    now: () => number;
    /** Redis and queue guardrails of the preview; absent = not checked. */
    capacity?: CapacityContextLoader;
    /** Cost impact of the preview on Catalog prices; absent = not shown. */
    costs?: ScalingCostEstimator;
    /** The week replayed under the proposal (docs/what-if.md); absent = not shown. */
    whatIf?: WhatIfService;
  };

  constructor(deps: ScalingEditKind['deps']) {
    this.deps = deps;
  }

  refOfParams(raw: unknown): ServiceRef {
    const p = parseInput(params, raw, 'path');
    return { projectId: p.projectId, region: p.region, name: p.service };
  }

  resourceName(ref: ServiceRef): string {
    return `projects/${ref.projectId}/locations/${ref.region}/services/${ref.name}`;
  }

  refOfResource(resource: string): ServiceRef | null {
    const m = RESOURCE.exec(resource);
    return m ? { projectId: m[1]!, region: m[2]!, name: m[3]! } : null;
  }

  read(ref: ServiceRef): Promise<CloudRunService> {
    this.deps.access.region(ref.projectId, ref.region);
    return this.deps.cloudRun.getService(ref.projectId, ref.region, ref.name);
  }

  etagOf(service: CloudRunService): string {
    return service.etag;
  }

  settingsOf(service: CloudRunService): ScalingSettings {
    return service.scaling;
  }

  proposedOf(
    _ref: ServiceRef,
    _service: CloudRunService,
    change: ScalingChange,
  ): ScalingSettings {
    return change;
  }

  projectsOf(ref: ServiceRef): string[] {
    return [ref.projectId];
  }

  conflict(service: CloudRunService, reason?: string): ConflictError {
    const stale = staleServiceConflict(service);
    return reason
      ? new ConflictError(reason, { details: stale.details })
      : stale;
  }

  /** Warnings; the 24 h peak is best effort — without metrics the capacity check is skipped, not the preview. */
  async assess(
    _ref: ServiceRef,
    service: CloudRunService,
    change: ScalingChange,
  ) {
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
    return { warnings, facts: { peak, capacityImpact: capacity.impacts } };
  }

  async preview(
    ref: ServiceRef,
    service: CloudRunService,
    change: ScalingChange,
    a: {
      diff: ScalingPreview['diff'];
      warnings: ScalingPreview['warnings'];
      facts: ScalingFacts;
    },
  ): Promise<ScalingPreview> {
    const changed = a.diff.length > 0;
    // Google's verdict, the cost and the what-if are independent reads: one round of waiting.
    const [validation, cost, whatIf] = await Promise.all([
      this.validate(ref, service, change, changed),
      this.deps.costs && changed
        ? this.deps.costs.impact(service, change)
        : undefined,
      changed ? this.whatIf(service, change) : undefined,
    ]);
    return {
      service,
      current: service.scaling,
      proposed: change,
      diff: a.diff,
      warnings: a.warnings,
      validation,
      etag: service.etag,
      peakConcurrentRequests24h: a.facts.peak,
      capacityImpact: a.facts.capacityImpact,
      ...(cost ? { cost } : {}),
      ...whatIf,
    };
  }

  /** Google's `validateOnly`; a rejection is a finding of the preview, outages (and a 409) still fail it. */
  private async validate(
    ref: ServiceRef,
    service: CloudRunService,
    change: ScalingChange,
    changed: boolean,
  ): Promise<UpstreamValidation> {
    if (!changed) return { status: 'skipped', message: 'Nothing to change' };
    try {
      await this.deps.cloudRun.updateScaling(ref, change, service.etag, {
        validateOnly: true,
      });
      return { status: 'passed' };
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      return { status: 'failed', message: err.message };
    }
  }

  /** The what-if, best effort: without Monitoring the preview stands and says why it has none. */
  private async whatIf(
    service: CloudRunService,
    change: ScalingChange,
  ): Promise<Pick<ScalingPreview, 'whatIf' | 'whatIfError'>> {
    if (!this.deps.whatIf) return {};
    try {
      return { whatIf: await this.deps.whatIf.reportFor(service, change) };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.deps.logger.warn(`what-if of ${service.name} unavailable`, {
        error: message,
      });
      return { whatIfError: message };
    }
  }

  async write(
    ref: ServiceRef,
    _service: CloudRunService,
    request: { change: ScalingChange; etag: string },
  ) {
    const result = await this.deps.cloudRun.updateScaling(
      ref,
      request.change,
      request.etag,
      { validateOnly: false },
    );
    return { operation: result.operation, resource: result.service };
  }

  result(
    _ref: ServiceRef,
    service: CloudRunService,
    diff: ScalingApplyResult['diff'],
    operation: string | undefined,
  ): ScalingApplyResult {
    return { service, operation: operation ?? '', diff };
  }
}
