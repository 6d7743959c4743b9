import { z } from 'zod';
import {
  ConflictError,
  projectIdSchema,
  redisChangeWarnings,
  redisEditContract,
  redisImpacts,
  redisInstanceIdSchema,
  regionSchema,
  settingsFingerprint,
  type CapacityImpact,
  type CostImpact,
  type FieldChange,
  type RedisApplyResult,
  type RedisChange,
  type RedisInstance,
  type RedisPreview,
  type RedisSettings,
} from '@gcp-serverless/common';
import type { RedisGateway, RedisRef } from '../../gateways/RedisGateway';
import { redisSettings } from '../../gateways/redisInstanceTranslator';
import { redisBudgetOf } from '../../services/CapacityGuardrails';
import type { CapacityContextLoader } from '../../services/CapacityContextLoader';
import type { CapacityMetrics } from '../../services/CapacityMetrics';
import type { PreviewCostEstimator } from '../../services/costs/PreviewCostEstimator';
import type { ProjectAccess } from '../../services/ProjectAccess';
import { parseInput } from '../../validation/parseInput';
import type { EditAssessment, GuardedEditKind } from '../GuardedEditKind';

/** The guard of an instance: Redis v1 instances have no etag, so the portal's fingerprint of memory size and configs. */
export const redisEtag = (instance: RedisInstance) =>
  settingsFingerprint(redisSettings(instance));

const params = z.object({
  projectId: projectIdSchema,
  region: regionSchema,
  instance: redisInstanceIdSchema,
});
const RESOURCE = /^projects\/([^/]+)\/locations\/([^/]+)\/instances\/([^/]+)$/;

/**
 * Memorystore memory size and redis configs. Guard: the settings fingerprint under a lease per
 * instance in the shared database (UpdateInstance has no precondition, docs/google-apis.md §5). Checks: shrinking below
 * usage, the BASIC resize flush; the connection budget and cost for context.
 */
export class RedisEditKind
  implements
    GuardedEditKind<
      RedisRef,
      RedisInstance,
      RedisSettings,
      RedisChange,
      RedisPreview,
      RedisApplyResult,
      null
    >
{
  readonly contract = redisEditContract;
  readonly changeLabel = 'Redis change';
  guardOf(): 'lease' {
    return 'lease';
  }
  readonly routePath = '/projects/:projectId/locations/:region/redis/:instance';
  private readonly deps: {
    access: ProjectAccess;
    redis: RedisGateway;
    metrics: CapacityMetrics;
    capacity: CapacityContextLoader;
    now: () => number;
    /** Prices the resize (optional: without it previews carry no cost). */
    costs?: PreviewCostEstimator;
  };

  constructor(deps: RedisEditKind['deps']) {
    this.deps = deps;
  }

  refOfParams(raw: unknown): RedisRef {
    const p = parseInput(params, raw, 'path');
    return { projectId: p.projectId, region: p.region, name: p.instance };
  }

  resourceName(ref: RedisRef): string {
    return `projects/${ref.projectId}/locations/${ref.region}/instances/${ref.name}`;
  }

  refOfResource(resource: string): RedisRef | null {
    const m = RESOURCE.exec(resource);
    return m ? { projectId: m[1]!, region: m[2]!, name: m[3]! } : null;
  }

  read(ref: RedisRef): Promise<RedisInstance> {
    this.deps.access.region(ref.projectId, ref.region);
    return this.deps.redis.getInstance(ref);
  }

  etagOf(instance: RedisInstance): string {
    return redisEtag(instance);
  }

  settingsOf(instance: RedisInstance): RedisSettings {
    return redisSettings(instance);
  }

  proposedOf(
    _ref: RedisRef,
    _instance: RedisInstance,
    change: RedisChange,
  ): RedisSettings {
    return change;
  }

  projectsOf(ref: RedisRef): string[] {
    return [ref.projectId];
  }

  conflict(instance: RedisInstance, reason?: string): ConflictError {
    return new ConflictError(
      reason ??
        `Memorystore instance ${instance.name} was changed by someone else since you previewed; review the current values and try again`,
      {
        details: {
          current: redisSettings(instance),
          etag: redisEtag(instance),
          instance,
        },
      },
    );
  }

  /** Warnings; memory usage is best effort (unknown usage is said, not fatal). */
  async assess(_ref: RedisRef, instance: RedisInstance, change: RedisChange) {
    const endMs = this.deps.now();
    let usage: number | null = null;
    try {
      // This instance's series alone (its full name is the instance_id label, docs/google-apis.md §7).
      const memory = await this.deps.metrics.redisMemory(
        {
          projectId: instance.projectId,
          startMs: endMs - 3600_000,
          endMs,
          stepSeconds: 300,
        },
        [instance.resourceName],
      );
      usage = memory.get(instance.name)?.[0]?.points.at(-1)?.value ?? null;
    } catch {
      usage = null;
    }
    return {
      warnings: redisChangeWarnings({
        current: redisSettings(instance),
        proposed: change,
        tier: instance.tier,
        memoryUsageRatio: usage,
      }),
      facts: null,
    };
  }

  async preview(
    ref: RedisRef,
    instance: RedisInstance,
    change: RedisChange,
    a: EditAssessment<null>,
  ): Promise<RedisPreview> {
    const project = this.deps.access.region(ref.projectId, ref.region);
    const [capacity, cost] = await Promise.all([
      this.deps.capacity.loadFor(project, this.deps.now(), {
        redisInstance: instance,
      }),
      this.deps.costs?.redis(instance, change),
    ]);
    const budget = redisBudgetOf(capacity.context, instance);
    const impacts: CapacityImpact[] =
      budget.terms.length > 0
        ? redisImpacts([{ before: budget, after: budget }])
        : [];
    return {
      instance,
      current: redisSettings(instance),
      proposed: change,
      diff: a.diff,
      warnings: a.warnings,
      validation: {
        status: 'skipped',
        message:
          'Memorystore has no validate-only mode; checked against its documented limits',
      },
      etag: redisEtag(instance),
      impacts,
      ...(cost ? { cost: cost as CostImpact } : {}),
    };
  }

  async write(
    ref: RedisRef,
    _instance: RedisInstance,
    request: { change: RedisChange },
    diff: FieldChange[],
  ) {
    const fields: ('memorySizeGb' | 'redisConfigs')[] = [];
    if (diff.some(d => d.field === 'memorySizeGb')) fields.push('memorySizeGb');
    if (diff.some(d => d.field.startsWith('redisConfigs.')))
      fields.push('redisConfigs');
    const result = await this.deps.redis.updateSettings(
      ref,
      request.change,
      fields,
    );
    return { operation: result.operation, resource: result.instance };
  }

  result(
    _ref: RedisRef,
    instance: RedisInstance,
    diff: RedisApplyResult['diff'],
    operation: string | undefined,
  ): RedisApplyResult {
    return { instance, operation: operation ?? '', diff };
  }
}
