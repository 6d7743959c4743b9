import {
  queueCapacityWarnings,
  queueImpacts,
  redisCapacityWarnings,
  redisImpacts,
  type CapacityImpact,
  type ChangeWarning,
  type CloudRunService,
  type ProjectSummary,
  type ScalingSettings,
} from '@gcp-serverless/common';
import {
  queueBudgetsOf,
  queueWiring,
  redisBudgetOf,
  redisWiring,
} from './CapacityGuardrails';
import type { CapacityContextLoader } from './CapacityContextLoader';

/**
 * What a scaling change of one Cloud Run service does to the Redis instances and queues wired to it:
 * before/after lines ("chat-redis: chatservice max 1,000 × 2 connections = 2,000 of 65,000") and the
 * guardrail warnings (raising a worst case past 65,000, or a worker below its queue's dispatch
 * limits, needs an acknowledgement). Best effort: if the inputs cannot be read, an info warning says so.
 */
export async function scalingCapacityImpact(
  loader: CapacityContextLoader,
  project: ProjectSummary,
  service: CloudRunService,
  proposed: ScalingSettings,
  endMs: number,
): Promise<{ impacts: CapacityImpact[]; warnings: ChangeWarning[] }> {
  // Read for this service alone: the Redis instances and queues wired to it (loadFor); the service
  // as just read is the truth for its own current scaling.
  const { context: ctx, errors } = await loader.loadFor(project, endMs, {
    service,
  });
  const override = { service: service.name, scaling: proposed };

  const redisPairs = ctx.redis
    .filter(instance =>
      redisWiring(ctx, instance).some(w => w.service === service.name),
    )
    .map(instance => ({
      before: redisBudgetOf(ctx, instance),
      after: redisBudgetOf(ctx, instance, override),
    }));
  const queuePairs = ctx.queues
    .filter(queue =>
      queueWiring(ctx, queue).targets.some(t => t.service === service.name),
    )
    .flatMap(queue => {
      const before = queueBudgetsOf(ctx, queue).filter(
        b => b.worker === service.name,
      );
      const after = queueBudgetsOf(ctx, queue, {
        scalingOverride: override,
      }).filter(b => b.worker === service.name);
      return before.map((b, i) => ({ before: b, after: after[i]! }));
    });

  const warnings = [
    ...redisCapacityWarnings(redisPairs),
    ...queueCapacityWarnings(queuePairs),
  ];
  const relevant = errors.filter(e => e.source !== 'latencySeconds');
  if (relevant.length > 0) {
    warnings.push({
      code: 'CAPACITY_GUARDRAILS_PARTIAL',
      severity: 'info',
      message: `Redis and queue guardrails may be incomplete: ${relevant
        .map(e => e.message)
        .join('; ')}`,
      requiresAcknowledgement: false,
    });
  }
  return {
    impacts: [...redisImpacts(redisPairs), ...queueImpacts(queuePairs)],
    warnings,
  };
}
