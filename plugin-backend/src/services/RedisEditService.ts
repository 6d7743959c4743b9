import {
  ConflictError,
  diffRedis,
  InputError,
  redisChangeWarnings,
  redisImpacts,
  settingsFingerprint,
  type RedisApplyRequest,
  type RedisApplyResult,
  type RedisChange,
  type RedisInstance,
  type RedisPreview,
} from '@gcp-serverless/common';
import type { RedisGateway, RedisRef } from '../gateways/RedisGateway';
import { redisSettings } from '../gateways/redisInstanceTranslator';
import type { AuditLog } from './AuditLog';
import { redisBudgetOf } from './CapacityGuardrails';
import type { CapacityContextLoader } from './CapacityContextLoader';
import type { CapacityMetrics } from './CapacityMetrics';
import type { PreviewCostEstimator } from './costs/PreviewCostEstimator';
import type { ProjectAccess } from './ProjectAccess';
import { requireAcknowledged } from './QueueEditService';
import type { Clock } from './ServiceCatalogService';

/** Fingerprint of memory size and configs: Redis v1 instances have no etag, so apply compares these values. */
export const redisFingerprint = (instance: RedisInstance) =>
  settingsFingerprint(redisSettings(instance));

/**
 * Preview/apply of memory size and redis configs. Preview: diff, warnings (shrinking below usage,
 * BASIC resize flush), the connection budget for context. Apply: optimistic read-compare, then
 * UpdateInstance with a mask of the changed fields, waiting for the operation; audited.
 */
export class RedisEditService {
  private readonly deps: {
    access: ProjectAccess;
    redis: RedisGateway;
    metrics: CapacityMetrics;
    capacity: CapacityContextLoader;
    audit: AuditLog;
    now: Clock;
    /** Prices the resize (optional: without it previews carry no cost). */
    costs?: PreviewCostEstimator;
  };

  constructor(deps: {
    access: ProjectAccess;
    redis: RedisGateway;
    metrics: CapacityMetrics;
    capacity: CapacityContextLoader;
    audit: AuditLog;
    now: Clock;
    /** Prices the resize (optional: without it previews carry no cost). */
    costs?: PreviewCostEstimator;
  }) {
    this.deps = deps;
  }

  async preview(ref: RedisRef, change: RedisChange): Promise<RedisPreview> {
    const project = this.deps.access.region(ref.projectId, ref.region);
    const instance = await this.deps.redis.getInstance(ref);
    const [{ diff, warnings }, capacity, cost] = await Promise.all([
      this.assess(instance, change),
      this.deps.capacity.load(project, this.deps.now()),
      this.deps.costs?.redis(instance, change),
    ]);
    const budget = redisBudgetOf(capacity.context, instance);
    return {
      instance,
      current: redisSettings(instance),
      proposed: change,
      diff,
      warnings,
      validation: {
        status: 'skipped',
        message:
          'Memorystore has no validate-only mode; checked against its documented limits',
      },
      etag: redisFingerprint(instance),
      impacts:
        budget.terms.length > 0
          ? redisImpacts([{ before: budget, after: budget }])
          : [],
      ...(cost ? { cost } : {}),
    };
  }

  async apply(
    ref: RedisRef,
    request: RedisApplyRequest,
    actor: string,
  ): Promise<RedisApplyResult> {
    this.deps.access.region(ref.projectId, ref.region);
    const instance = await this.deps.redis.getInstance(ref);
    const base = {
      time: new Date().toISOString(),
      actor,
      action: 'redis.apply' as const,
      resource: instance.resourceName,
      before: redisSettings(instance),
      after: request.change,
    };
    if (redisFingerprint(instance) !== request.etag) {
      const conflict = new ConflictError(
        `Memorystore instance ${instance.name} was changed by someone else since you previewed; review the current values and try again`,
        {
          details: {
            current: redisSettings(instance),
            etag: redisFingerprint(instance),
            instance,
          },
        },
      );
      await this.deps.audit.record({
        ...base,
        result: 'conflict',
        error: conflict.message,
      });
      throw conflict;
    }
    const { diff, warnings } = await this.assess(instance, request.change);
    if (diff.length === 0) {
      throw new InputError(
        'Nothing to change: the proposed settings equal the current ones',
        [{ path: 'change', message: 'equals the current settings' }],
      );
    }
    requireAcknowledged(warnings, request.acknowledgedWarnings);
    const fields: ('memorySizeGb' | 'redisConfigs')[] = [];
    if (diff.some(d => d.field === 'memorySizeGb')) fields.push('memorySizeGb');
    if (diff.some(d => d.field.startsWith('redisConfigs.')))
      fields.push('redisConfigs');
    try {
      const result = await this.deps.redis.updateSettings(
        ref,
        request.change,
        fields,
      );
      await this.deps.audit.record({
        ...base,
        result: 'succeeded',
        operation: result.operation,
      });
      return { instance: result.instance, operation: result.operation, diff };
    } catch (err) {
      await this.deps.audit.record({
        ...base,
        result: err instanceof ConflictError ? 'conflict' : 'failed',
        error: String((err as Error)?.message ?? err),
      });
      throw err;
    }
  }

  /** Diff and warnings; memory usage is best effort (unknown usage is said, not fatal). */
  private async assess(instance: RedisInstance, change: RedisChange) {
    const endMs = this.deps.now();
    let usage: number | null = null;
    try {
      const memory = await this.deps.metrics.redisMemory({
        projectId: instance.projectId,
        startMs: endMs - 3600_000,
        endMs,
        stepSeconds: 300,
      });
      usage = memory.get(instance.name)?.[0]?.points.at(-1)?.value ?? null;
    } catch {
      usage = null;
    }
    const current = redisSettings(instance);
    return {
      diff: diffRedis(current, change),
      warnings: redisChangeWarnings({
        current,
        proposed: change,
        tier: instance.tier,
        memoryUsageRatio: usage,
      }),
    };
  }
}
