import { minuteSample, type MinuteSample } from '../../traffic';
import type { SandboxProject, SandboxRunService } from '../../world';
import {
  CLOUD_RUN_SERVICE_ID,
  runPriceTier,
  skuByDescription,
  type SandboxSku,
} from '../catalog/skuTable';
import type { UsageLine } from './exportTypes';

/**
 * Cloud Run usage of one project in one UTC day, from the same traffic model as the metrics: each
 * hour is represented by its middle minute (as Monitoring samples hourly steps), × 60 minutes. So an
 * edit to min/max instances, concurrency, CPU, memory or billing mode changes the cost of the hours
 * after it, exactly where the metrics change.
 */

export const HOUR_MS = 3_600_000;
/** The sampled minute of each hour: its middle. */
const SAMPLE_OFFSET_MS = 30 * 60_000;

/** A minute sample and the minutes of usage it stands for. */
export interface WeightedSample {
  sample: MinuteSample;
  minutes: number;
}

/** Usage of one hour of one service, by what it bills. */
export interface RunHourUsage {
  /** vCPU-seconds while serving (request-based) or all the time (instance-based). */
  cpuSeconds: number;
  /** vCPU-seconds of idle warm min instances (request-based only; billed at the idle rate). */
  idleCpuSeconds: number;
  /** GiB-seconds of memory (billable instance time × memory). */
  memoryGiBSeconds: number;
  /** Requests served (refused 429s are not billed). */
  requests: number;
  /** true = request-based billing (`cpuIdle`). */
  requestBased: boolean;
}

/** Billable usage of one minute, × `scale` (minutes it stands for). */
export function usageOfSample(
  sample: MinuteSample,
  scale: number,
): RunHourUsage {
  const { config } = sample;
  const idleWarmSeconds = config.cpuIdle
    ? Math.max(
        0,
        Math.min(config.minInstances, sample.instances) -
          sample.activeInstances,
      ) * 60
    : 0;
  const busySeconds = sample.billableInstanceSeconds - idleWarmSeconds;
  return {
    cpuSeconds: busySeconds * config.cpu * scale,
    idleCpuSeconds: idleWarmSeconds * config.cpu * scale,
    memoryGiBSeconds: sample.billableInstanceSeconds * config.memoryGiB * scale,
    requests: config.cpuIdle ? sample.served * scale : 0,
    requestBased: config.cpuIdle,
  };
}

/**
 * The sampled minutes of the full hours in [startMs, endMs): the middle minute of each `stepHours`
 * step, standing for `stepHours` × 60 minutes; a partial last step falls back to hourly samples.
 */
export function sampleMinutes(
  startMs: number,
  endMs: number,
  stepHours: number,
): { at: number; minutes: number }[] {
  const out: { at: number; minutes: number }[] = [];
  const step = stepHours * HOUR_MS;
  let at = startMs;
  for (; at + step <= endMs; at += step)
    out.push({ at: at + step / 2, minutes: stepHours * 60 });
  for (; at + HOUR_MS <= endMs; at += HOUR_MS)
    out.push({ at: at + SAMPLE_OFFSET_MS, minutes: 60 });
  return out;
}

/** The minute samples of a service for the full hours in [startMs, endMs), one per `stepHours`. */
export function hourlySamples(
  project: SandboxProject,
  service: SandboxRunService,
  startMs: number,
  endMs: number,
  stepHours = 1,
): WeightedSample[] {
  return sampleMinutes(startMs, endMs, stepHours).map(({ at, minutes }) => ({
    // One minute an hour: not worth the minute cache's hour block (and it would evict Monitoring's).
    sample: minuteSample(project, service, at, 1, false),
    minutes,
  }));
}

/** The paid (last) rate of a SKU, currency units per usage unit; free tiers are credited separately. */
export function paidRate(sku: SandboxSku): number {
  return sku.tiers[sku.tiers.length - 1]!.unitPrice;
}

function labelsOf(service: SandboxRunService): Record<string, string> {
  const labels = service.resource['labels'];
  return labels && typeof labels === 'object'
    ? { ...(labels as Record<string, string>) }
    : {};
}

/**
 * Usage lines of every Cloud Run service of `project` for the day [dayStartMs, endMs), one line per
 * service and SKU with usage; `samples` gives each service's hourly samples (shared with other usage
 * sources, e.g. Cloud Tasks reads the producer's requests).
 */
export function runUsageLines(
  project: SandboxProject,
  dayStartMs: number,
  endMs: number,
  samples: Map<string, WeightedSample[]>,
): UsageLine[] {
  const lines: UsageLine[] = [];
  for (const service of project.services.values()) {
    const tier = runPriceTier(service.region);
    const totals = new Map<string, number>();
    const add = (description: string, amount: number) => {
      if (amount > 0)
        totals.set(description, (totals.get(description) ?? 0) + amount);
    };
    for (const { sample, minutes } of samples.get(service.name) ?? []) {
      const usage = usageOfSample(sample, minutes);
      const mode = usage.requestBased
        ? 'request-based billing'
        : 'instance-based billing';
      add(`CPU Allocation Time (${mode}) ${tier}`, usage.cpuSeconds);
      add(`Memory Allocation Time (${mode}) ${tier}`, usage.memoryGiBSeconds);
      add(
        `Idle Min-Instance CPU Allocation Time ${tier}`,
        usage.idleCpuSeconds,
      );
      add('Requests', usage.requests);
    }
    // One labels object and global name per service and day, shared by its lines (a fleet has many).
    const labels = labelsOf(service);
    const resourceGlobalName = `//run.googleapis.com/projects/${project.projectId}/locations/${service.region}/services/${service.name}`;
    for (const [description, amount] of totals) {
      const sku = skuByDescription(description);
      lines.push({
        projectId: project.projectId,
        region: service.region,
        serviceId: CLOUD_RUN_SERVICE_ID,
        skuId: sku.skuId,
        resourceName: service.name,
        resourceGlobalName,
        labels,
        startMs: dayStartMs,
        endMs,
        amount,
        cost: amount * paidRate(sku),
      });
    }
  }
  return lines;
}
