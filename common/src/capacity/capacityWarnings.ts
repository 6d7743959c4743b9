import { formatNumber } from '../format/numberFormat';
import type { ChangeWarning } from '../types/api';
import type {
  CapacityImpact,
  QueueWorkerBudget,
  RedisConnectionBudget,
} from '../types/capacity';
import { explainQueueBudget, formatQueueBudget } from './queueGuardrail';
import { formatRedisBudget } from './redisGuardrail';

/** Warning codes of the capacity guardrails. */
export const CAPACITY_WARNING_CODES = {
  redisOverLimit: 'REDIS_CONNECTIONS_OVER_LIMIT',
  redisAlreadyOver: 'REDIS_CONNECTIONS_ALREADY_OVER_LIMIT',
  queueOverWorker: 'QUEUE_DISPATCH_ABOVE_WORKER_CAPACITY',
  queueAlreadyOver: 'QUEUE_DISPATCH_ALREADY_ABOVE_WORKER_CAPACITY',
} as const;

/** Tasks a queue may have in flight: the smaller of its concurrency cap and rate × task seconds. */
export function queueInFlight(budget: QueueWorkerBudget): number {
  return Math.min(
    budget.maxConcurrentDispatches,
    budget.concurrentAtMaxRate ?? budget.maxConcurrentDispatches,
  );
}

/** Before/after lines of the Redis budgets a change touches (pairs matched by instance id). */
export function redisImpacts(
  pairs: readonly {
    before: RedisConnectionBudget;
    after: RedisConnectionBudget;
  }[],
): CapacityImpact[] {
  return pairs.map(({ before, after }) => ({
    kind: 'redis',
    resource: after.instance,
    before: formatRedisBudget(before),
    after: formatRedisBudget(after),
    exceedsLimit: after.exceedsLimit,
    explanation:
      `Worst case: every service wired to ${after.instance} at its max instances, each instance holding ` +
      `its connections to Redis (per service: max instances × connections per instance, summed); ` +
      `Memorystore accepts ${formatNumber(
        after.limit,
      )} connected clients and refuses the rest.`,
  }));
}

/** Before/after lines of the queue → worker budgets a change touches. */
export function queueImpacts(
  pairs: readonly { before: QueueWorkerBudget; after: QueueWorkerBudget }[],
): CapacityImpact[] {
  return pairs.map(({ before, after }) => ({
    kind: 'queue',
    resource: after.queue,
    before: formatQueueBudget(before),
    after: formatQueueBudget(after),
    exceedsLimit: after.exceedsWorker,
    explanation: explainQueueBudget(after),
  }));
}

/**
 * Redis guardrail warnings: a change that RAISES a worst case past the 65,000 limit needs an
 * acknowledgement; a worst case already past it that the change does not raise is only reported.
 */
export function redisCapacityWarnings(
  pairs: readonly {
    before: RedisConnectionBudget;
    after: RedisConnectionBudget;
  }[],
): ChangeWarning[] {
  const raised = pairs.filter(
    p => p.after.exceedsLimit && p.after.worstCase > p.before.worstCase,
  );
  const already = pairs.filter(
    p => p.after.exceedsLimit && p.after.worstCase <= p.before.worstCase,
  );
  const warnings: ChangeWarning[] = [];
  if (raised.length > 0) {
    warnings.push({
      code: CAPACITY_WARNING_CODES.redisOverLimit,
      severity: 'warning',
      message:
        `Worst-case Redis connections exceed the limit: ${raised
          .map(p => formatRedisBudget(p.after))
          .join('; ')}. ` +
        'At full scale Redis refuses new connections (max number of clients reached) while Cloud Run keeps adding instances.',
      requiresAcknowledgement: true,
    });
  }
  if (already.length > 0) {
    warnings.push({
      code: CAPACITY_WARNING_CODES.redisAlreadyOver,
      // Not the change's doing, so no acknowledgement; still a warning, since the risk is real.
      severity: 'warning',
      message: `Worst-case Redis connections are already above the limit: ${already
        .map(p => formatRedisBudget(p.after))
        .join('; ')}.`,
      requiresAcknowledgement: false,
    });
  }
  return warnings;
}

/**
 * Queue → worker guardrail warnings: a change that makes the queue able to run more tasks at once
 * than the worker's max instances × concurrency (from within it, or further past it) needs an
 * acknowledgement; an existing excess the change does not worsen is only reported.
 */
export function queueCapacityWarnings(
  pairs: readonly { before: QueueWorkerBudget; after: QueueWorkerBudget }[],
): ChangeWarning[] {
  const excess = (b: QueueWorkerBudget) => queueInFlight(b) - b.workerCapacity;
  const worse = pairs.filter(
    p => p.after.exceedsWorker && excess(p.after) > excess(p.before),
  );
  const already = pairs.filter(
    p => p.after.exceedsWorker && excess(p.after) <= excess(p.before),
  );
  const warnings: ChangeWarning[] = [];
  if (worse.length > 0) {
    warnings.push({
      code: CAPACITY_WARNING_CODES.queueOverWorker,
      severity: 'warning',
      message:
        `The queue can dispatch more tasks at once than its worker can run: ${worse
          .map(p => formatQueueBudget(p.after))
          .join('; ')}. ` +
        'Dispatches above it get 429 from Cloud Run and come back as retries with backoff.',
      requiresAcknowledgement: true,
    });
  }
  if (already.length > 0) {
    warnings.push({
      code: CAPACITY_WARNING_CODES.queueAlreadyOver,
      severity: 'warning',
      message: `The queue can already dispatch more tasks at once than its worker can run: ${already
        .map(p => formatQueueBudget(p.after))
        .join('; ')}.`,
      requiresAcknowledgement: false,
    });
  }
  return warnings;
}
