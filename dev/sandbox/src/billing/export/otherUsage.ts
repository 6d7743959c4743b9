import type { SandboxProject } from '../../world';
import {
  CLOUD_TASKS_SERVICE_ID,
  MEMORYSTORE_SERVICE_ID,
  NETWORKING_SERVICE_ID,
  REDIS_BANDS,
  skuByDescription,
} from '../catalog/skuTable';
import { cdnUsageLines } from './cdnUsage';
import type { UsageLine } from './exportTypes';
import { HOUR_MS, paidRate, type WeightedSample } from './runUsage';

/**
 * Usage of the resources besides Cloud Run, when the world has them: load-balancer forwarding rules,
 * Cloud CDN (cdnUsage.ts), Cloud Tasks operations and Memorystore capacity. Those resources are other
 * modules' state (compute/, tasks/, redis/); this file reads only the few fields it needs through
 * structural types, so billing keeps working whatever else those modules add.
 */

interface QueueLike {
  location: string;
  queueId: string;
  /** Producer service and tasks per producer request (tasks/queueTypes.ts QueueWorkload). */
  workload?: { producer: string; tasksPerRequest: number };
}

interface RedisLike {
  location: string;
  instanceId: string;
  resource: Record<string, unknown>;
  history: { effectiveFrom: number; memorySizeGb: number }[];
}

/** The fields of other modules' project state this file reads. */
interface ProjectExtras {
  backing?: {
    queues?: Map<string, QueueLike>;
    redisInstances?: Map<string, RedisLike>;
  };
  compute?: { loadBalancers?: { forwardingRule: string; urlMap: string }[] };
}

/**
 * Cloud Tasks operations per task: the create call plus one push attempt (retries not counted; an
 * approximation of "API calls and delivery attempts").
 */
export const OPERATIONS_PER_TASK = 2;

function line(
  project: SandboxProject,
  base: Omit<UsageLine, 'projectId' | 'labels' | 'cost'>,
  rate: number,
): UsageLine {
  return {
    projectId: project.projectId,
    labels: {},
    ...base,
    cost: base.amount * rate,
  };
}

/** Hours of [startMs, endMs) that are full hours. */
function fullHours(startMs: number, endMs: number): number {
  return Math.max(0, Math.floor((endMs - startMs) / HOUR_MS));
}

/** Forwarding rules of the project's load balancers: one per rule, billed per hour. */
function forwardingRuleLines(
  project: SandboxProject,
  extras: ProjectExtras,
  startMs: number,
  endMs: number,
): UsageLine[] {
  const sku = skuByDescription(
    'Global External Application Load Balancer Forwarding Rule',
  );
  return (extras.compute?.loadBalancers ?? [])
    .map(lb =>
      line(
        project,
        {
          region: 'global',
          serviceId: NETWORKING_SERVICE_ID,
          skuId: sku.skuId,
          resourceName: lb.forwardingRule,
          resourceGlobalName: `//compute.googleapis.com/projects/${project.projectId}/global/forwardingRules/${lb.forwardingRule}`,
          startMs,
          endMs,
          amount: fullHours(startMs, endMs),
        },
        paidRate(sku),
      ),
    )
    .filter(l => l.amount > 0);
}

/** Cloud Tasks operations of each queue with a workload: tasks = producer requests × tasks per request. */
function tasksLines(
  project: SandboxProject,
  extras: ProjectExtras,
  startMs: number,
  endMs: number,
  samples: Map<string, WeightedSample[]>,
): UsageLine[] {
  const sku = skuByDescription('Cloud Tasks Operations');
  const lines: UsageLine[] = [];
  for (const queue of extras.backing?.queues?.values() ?? []) {
    if (!queue.workload) continue;
    const producerRequests = (
      samples.get(queue.workload.producer) ?? []
    ).reduce((sum, s) => sum + s.sample.served * s.minutes, 0);
    const amount =
      producerRequests * queue.workload.tasksPerRequest * OPERATIONS_PER_TASK;
    if (amount <= 0) continue;
    lines.push(
      line(
        project,
        {
          region: queue.location,
          serviceId: CLOUD_TASKS_SERVICE_ID,
          skuId: sku.skuId,
          resourceName: queue.queueId,
          resourceGlobalName: `//cloudtasks.googleapis.com/projects/${project.projectId}/locations/${queue.location}/queues/${queue.queueId}`,
          startMs,
          endMs,
          amount,
        },
        paidRate(sku),
      ),
    );
  }
  return lines;
}

/** The capacity band SKU description of a Redis instance size and tier, e.g. `Redis Capacity Basic M1`. */
export function redisSkuDescription(
  tier: string,
  memorySizeGb: number,
): string {
  let band = REDIS_BANDS[0]!;
  for (const candidate of REDIS_BANDS)
    if (memorySizeGb >= candidate.fromGb) band = candidate;
  return `Redis Capacity ${tier === 'STANDARD_HA' ? 'Standard' : 'Basic'} ${
    band.band
  }`;
}

/** Memorystore capacity: GiB-hours of the size in force each hour, in the band of that size. */
function redisLines(
  project: SandboxProject,
  extras: ProjectExtras,
  startMs: number,
  endMs: number,
): UsageLine[] {
  const lines: UsageLine[] = [];
  for (const instance of extras.backing?.redisInstances?.values() ?? []) {
    const tier = String(instance.resource['tier'] ?? 'BASIC');
    const byDescription = new Map<string, number>();
    for (let hour = startMs; hour + HOUR_MS <= endMs; hour += HOUR_MS) {
      let size =
        instance.history[0]?.memorySizeGb ??
        Number(instance.resource['memorySizeGb'] ?? 1);
      for (const version of instance.history)
        if (version.effectiveFrom <= hour) size = version.memorySizeGb;
      const description = redisSkuDescription(tier, size);
      byDescription.set(
        description,
        (byDescription.get(description) ?? 0) + size,
      );
    }
    for (const [description, amount] of byDescription) {
      const sku = skuByDescription(description);
      lines.push(
        line(
          project,
          {
            region: instance.location,
            serviceId: MEMORYSTORE_SERVICE_ID,
            skuId: sku.skuId,
            resourceName: instance.instanceId,
            resourceGlobalName: `//redis.googleapis.com/projects/${project.projectId}/locations/${instance.location}/instances/${instance.instanceId}`,
            startMs,
            endMs,
            amount,
          },
          paidRate(sku),
        ),
      );
    }
  }
  return lines;
}

/** Usage lines of the project's non-Cloud Run resources for the day [startMs, endMs). */
export function otherUsageLines(
  project: SandboxProject,
  startMs: number,
  endMs: number,
  samples: Map<string, WeightedSample[]>,
  stepHours = 1,
): UsageLine[] {
  const extras = project as unknown as ProjectExtras;
  return [
    ...forwardingRuleLines(project, extras, startMs, endMs),
    ...cdnUsageLines(project, startMs, endMs, stepHours),
    ...tasksLines(project, extras, startMs, endMs, samples),
    ...redisLines(project, extras, startMs, endMs),
  ];
}

/**
 * A string that changes when anything the day's usage depends on changes: each resource's history
 * entries in force before the day's end (edits after it do not touch the day).
 */
export function otherResourcesKey(
  project: SandboxProject,
  endMs: number,
): string {
  // Queue settings and URL-map snapshots change the demand services see (demand sources), so they count too.
  type Versioned = { history?: { effectiveFrom: number }[] };
  const extras = project as unknown as ProjectExtras & {
    compute?: Versioned;
    backing?: { queues?: Map<string, QueueLike & Versioned> };
  };
  const before = (v: Versioned | undefined) =>
    v?.history?.filter(h => h.effectiveFrom < endMs).length ?? 0;
  const parts: string[] = [`c:${before(extras.compute)}`];
  for (const q of extras.backing?.queues?.values() ?? [])
    parts.push(
      `q:${q.queueId}:${q.workload?.tasksPerRequest ?? 0}:${before(
        q as Versioned,
      )}`,
    );
  for (const r of extras.backing?.redisInstances?.values() ?? []) {
    parts.push(
      `r:${r.instanceId}:${String(r.resource['tier'])}:${
        r.history.filter(v => v.effectiveFrom < endMs).length
      }`,
    );
  }
  parts.push(`lb:${extras.compute?.loadBalancers?.length ?? 0}`);
  return parts.join('|');
}
