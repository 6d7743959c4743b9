import {
  REDIS_MAX_CONNECTED_CLIENTS,
  type RedisConnectionBudget,
} from '../types/capacity';
import type { SeriesPoint } from '../types/metrics';
import type { QueueState } from '../types/queues';
import type { RedisLiveSummary } from '../types/redis';
import type { TimeWindow } from '../types/timeWindow';
import { formatDuration } from '../format/formatDuration';
import { int, pct, round3 } from './format';
import type { Problem } from './problemTypes';
import type { ProblemThresholds } from './thresholds';

/** What the queue detectors look at. */
export interface QueueHealthInput {
  projectId: string;
  region: string;
  name: string;
  state: QueueState;
  /** Depth (tasks in the queue) over the window, oldest point first. */
  depth: SeriesPoint[];
  /** Age of the oldest task now, seconds; null when not measured. */
  oldestTaskAgeSeconds?: number | null;
  window: TimeWindow;
}

/** A backlog that grew by more than the threshold over the window and is still growing at its end. */
export function detectQueueBacklog(
  q: QueueHealthInput,
  t: ProblemThresholds,
): Problem | null {
  if (q.depth.length < 2) return null;
  const first = q.depth[0]!.value;
  const last = q.depth.at(-1)!.value;
  const previous = q.depth.at(-2)!.value;
  const growth = last - first;
  if (growth <= t.queueBacklogGrowth || last < previous) return null;
  const paused = q.state === 'PAUSED';
  return {
    projectId: q.projectId,
    resourceKind: 'queue',
    resource: q.name,
    code: 'QUEUE_BACKLOG_GROWING',
    severity: paused ? 'warning' : 'critical',
    title: `Queue ${q.name} backlog grew by ${int(growth)} tasks`,
    explanation: paused
      ? `The queue is paused, so tasks pile up (${int(
          last,
        )} now). Resume it when its worker is ready.`
      : `Tasks arrive faster than they are dispatched (${int(first)} → ${int(
          last,
        )} over ${q.window}). Raise the dispatch ` +
        'rate if the worker has room, or the worker’s max instances if it is the bottleneck.',
    evidence: {
      metric: 'cloudtasks.googleapis.com/queue/depth',
      window: q.window,
      values: {
        depthStart: first,
        depthNow: last,
        growth,
        threshold: t.queueBacklogGrowth,
      },
    },
    link: {
      page: 'queues',
      projectId: q.projectId,
      region: q.region,
      resource: q.name,
      label: paused ? 'Resume the queue' : 'Review the queue limits',
    },
  };
}

/** The oldest task has waited longer than the threshold: something downstream is stuck or too slow. */
export function detectQueueAgeing(
  q: QueueHealthInput,
  t: ProblemThresholds,
): Problem | null {
  const age = q.oldestTaskAgeSeconds ?? null;
  if (age === null || age <= t.queueOldestTaskSeconds) return null;
  return {
    projectId: q.projectId,
    resourceKind: 'queue',
    resource: q.name,
    code: 'QUEUE_OLDEST_TASK_AGEING',
    severity: 'warning',
    title: `Queue ${q.name}: oldest task waiting ${formatDuration(age * 1000)}`,
    explanation:
      'A task has been waiting far longer than usual, so jobs finish late. Check the worker for errors and the queue’s retry settings.',
    evidence: {
      metric: 'oldest task age',
      window: 'now',
      values: {
        oldestTaskAgeSeconds: age,
        threshold: t.queueOldestTaskSeconds,
      },
    },
    link: {
      page: 'queues',
      projectId: q.projectId,
      region: q.region,
      resource: q.name,
      label: 'Open the queue',
    },
  };
}

/** What the Redis detectors look at. */
export interface RedisHealthInput {
  projectId: string;
  region: string;
  name: string;
  summary: RedisLiveSummary;
  budget: RedisConnectionBudget | null;
  window: TimeWindow;
}

/** Rejected connections now, or connected clients near the limit (peak over the window). */
export function detectRedisConnections(
  r: RedisHealthInput,
  t: ProblemThresholds,
): Problem | null {
  const limit = r.budget?.limit ?? REDIS_MAX_CONNECTED_CLIENTS;
  const rejected = r.summary.rejectedConnections ?? 0;
  const peak = r.summary.peakConnectedClients ?? r.summary.connectedClients;
  const near = peak !== null && peak / limit >= t.redisConnectionsRatio;
  if (rejected <= 0 && !near) return null;
  return {
    projectId: r.projectId,
    resourceKind: 'redis',
    resource: r.name,
    code:
      rejected > 0
        ? 'REDIS_REJECTING_CONNECTIONS'
        : 'REDIS_NEAR_CONNECTION_LIMIT',
    severity: rejected > 0 ? 'critical' : 'warning',
    title:
      rejected > 0
        ? `Redis ${r.name} rejected ${int(rejected)} connections`
        : `Redis ${r.name} at ${pct(
            (peak ?? 0) / limit,
          )} of its connection limit`,
    explanation:
      `Memorystore accepts at most ${int(
        limit,
      )} clients; beyond that new connections fail and the services using it error. ` +
      'Lower the max instances of the wired services or their connection pools.',
    evidence: {
      metric:
        'redis.googleapis.com/clients/connected, stats/reject_connections_count',
      window: r.window,
      values: {
        peakConnectedClients: peak,
        rejectedConnections: rejected,
        limit,
        ratio: t.redisConnectionsRatio,
      },
    },
    link: {
      page: 'redis',
      projectId: r.projectId,
      region: r.region,
      resource: r.name,
      label: 'Open the Redis instance',
    },
  };
}

/**
 * The guardrail: the wired services' max instances × connections per instance exceed the limit, so a
 * scale-out would be refused by Redis even if today's traffic is fine. Links to the service with the
 * largest share, suggesting the max instances that fits its share of the limit.
 */
export function detectRedisGuardrail(r: RedisHealthInput): Problem | null {
  const b = r.budget;
  if (!b || !b.exceedsLimit || b.terms.length === 0) return null;
  const worst = [...b.terms].sort((a, c) => c.connections - a.connections)[0]!;
  const others = b.worstCase - worst.connections;
  const fits = Math.max(
    1,
    Math.floor(
      Math.max(0, b.limit - others) / Math.max(1, worst.connectionsPerInstance),
    ),
  );
  return {
    projectId: r.projectId,
    resourceKind: 'redis',
    resource: r.name,
    code: 'REDIS_GUARDRAIL_EXCEEDED',
    severity: 'warning',
    title: `Redis ${r.name}: worst case ${int(
      b.worstCase,
    )} connections exceeds ${int(b.limit)}`,
    explanation:
      `At max instances the services wired to ${r.name} would open ${int(
        b.worstCase,
      )} connections, more than the ${int(b.limit)} ` +
      `Memorystore allows. ${worst.service} holds the largest share (${int(
        worst.maxInstances,
      )} × ${int(worst.connectionsPerInstance)}); ` +
      `max instances ${int(fits)} keeps the total within the limit.`,
    evidence: {
      metric: 'connection guardrail (max instances × connections per instance)',
      window: r.window,
      values: {
        worstCase: b.worstCase,
        limit: b.limit,
        service: worst.service,
        connectionsPerInstance: round3(worst.connectionsPerInstance),
      },
    },
    link: {
      page: 'scaling',
      projectId: r.projectId,
      region: r.region,
      resource: worst.service,
      suggested: { maxInstances: Math.min(worst.maxInstances, fits) },
      label: `Lower ${worst.service} max instances to ${int(
        Math.min(worst.maxInstances, fits),
      )}`,
    },
  };
}
