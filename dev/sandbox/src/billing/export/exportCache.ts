import { objectId } from '../../monitoring/query/answerCache';
import type { SandboxProject, SandboxWorld } from '../../world';
import type { UsageLine } from './exportTypes';
import { otherResourcesKey, otherUsageLines } from './otherUsage';
import {
  HOUR_MS,
  hourlySamples,
  runUsageLines,
  type WeightedSample,
} from './runUsage';

/**
 * Lazily generated usage lines per project and UTC day, cached. A day is regenerated only when
 * something it depends on changed: a configuration version of a service (or another resource) that
 * took effect before the day's end, a service added, or — for today — another full hour elapsed.
 * Past days therefore survive edits, which only touch the hours after them.
 */

export const DAY_MS = 86_400_000;
/**
 * Sampling step by a day's age, hours: every hour for the last week (where edits show), every 2 hours
 * up to 35 days (month to date and the period before), every 6 hours before that (4 samples a day
 * average a daily cosine exactly). Keeps ~120 days × hundreds of services within a few seconds; a day
 * is resampled when it moves to a coarser step, which changes its total slightly.
 */
export function samplingStepHours(dayStartMs: number, nowMs: number): number {
  const ageDays = (nowMs - dayStartMs) / DAY_MS;
  return ageDays <= 7 ? 1 : ageDays <= 35 ? 2 : 6;
}

interface CachedDay {
  key: string;
  lines: UsageLine[];
}

/** Usage-line cache of a world's billing state (`SandboxBilling.exportCache`). */
export class ExportCache {
  private readonly days = new Map<string, CachedDay>();

  /** Number of (project, day) entries generated since creation (for tests: a cache hit generates none). */
  generated = 0;

  /** Usage lines of `project` for the UTC day starting at `dayStartMs`, up to the last full hour before `nowMs`. */
  dayLines(
    project: SandboxProject,
    dayStartMs: number,
    nowMs: number,
  ): UsageLine[] {
    const endMs = Math.min(
      dayStartMs + DAY_MS,
      Math.floor(nowMs / HOUR_MS) * HOUR_MS,
    );
    if (endMs <= dayStartMs) return [];
    const stepHours = samplingStepHours(dayStartMs, nowMs);
    const key = `${stepHours}h,${dayKey(project, endMs)}`;
    const id = `${project.projectId}/${dayStartMs}`;
    const cached = this.days.get(id);
    if (cached && cached.key === key) return cached.lines;
    const samples = new Map<string, WeightedSample[]>();
    for (const service of project.services.values())
      samples.set(
        service.name,
        hourlySamples(project, service, dayStartMs, endMs, stepHours),
      );
    const lines = [
      ...runUsageLines(project, dayStartMs, endMs, samples),
      ...otherUsageLines(project, dayStartMs, endMs, samples, stepHours),
    ];
    this.days.set(id, { key, lines });
    this.generated++;
    return lines;
  }

  /**
   * The same lines as {@link linesBetween}, generated a (project, day) at a time with a turn of the
   * event loop between them, so a fleet's months of usage never hold the sandbox's other calls up
   * for more than one day's generation.
   */
  async linesBetweenInChunks(
    world: SandboxWorld,
    fromMs: number,
    nowMs: number,
  ): Promise<UsageLine[]> {
    const lines: UsageLine[] = [];
    for (
      let day = Math.floor(fromMs / DAY_MS) * DAY_MS;
      day < nowMs;
      day += DAY_MS
    ) {
      for (const project of world.projects.values()) {
        const before = this.generated;
        for (const line of this.dayLines(project, day, nowMs)) lines.push(line);
        if (this.generated !== before) await yieldTurn();
      }
    }
    return lines;
  }

  /** Usage lines of every project of `world` for the UTC days overlapping [fromMs, nowMs), oldest day first. */
  linesBetween(
    world: SandboxWorld,
    fromMs: number,
    nowMs: number,
  ): UsageLine[] {
    const lines: UsageLine[] = [];
    for (
      let day = Math.floor(fromMs / DAY_MS) * DAY_MS;
      day < nowMs;
      day += DAY_MS
    ) {
      for (const project of world.projects.values())
        lines.push(...this.dayLines(project, day, nowMs));
    }
    return lines;
  }
}

/** Lets the event loop serve other requests before the next chunk of work. */
export const yieldTurn = () =>
  new Promise<void>(resolve => setImmediate(resolve));

/** What a day's lines depend on, up to `endMs`: each service's versions in force by then, and other resources. */
function dayKey(project: SandboxProject, endMs: number): string {
  const parts: string[] = [String(endMs)];
  for (const service of project.services.values()) {
    let versions = 0;
    for (const version of service.history)
      if (version.effectiveFrom < endMs) versions++;
    parts.push(`${service.name}:${versions}`);
  }
  parts.push(otherResourcesKey(project, endMs));
  return parts.join(',');
}

/** The parts of other modules' project state a day's key reads (otherUsage.ts `otherResourcesKey`). */
interface KeyedExtras {
  compute?: { history?: unknown[]; loadBalancers?: unknown[] };
  backing?: {
    queues?: Map<
      string,
      {
        queueId: string;
        workload?: { tasksPerRequest: number };
        history?: unknown[];
      }
    >;
    redisInstances?: Map<
      string,
      {
        instanceId: string;
        resource: Record<string, unknown>;
        history: unknown[];
      }
    >;
  };
}

/** A history array's identity and length (histories are only appended to: the two name its entries). */
const historyKey = (history: unknown[] | undefined) =>
  history ? `${objectId(history)}.${history.length}` : '-';

/**
 * What the key of every (project, day) depends on besides the sandbox hour ({@link dayKey}): each
 * project, each service's history and each other resource's history and settings, by identity and
 * length rather than by the entries in force at a day's end. While it and the hour stay the same, and
 * the cache generated nothing, no day would be regenerated: the export engine checks this before it
 * gathers the export's rows (docs/sandbox.md, "What the sandbox keeps between calls").
 */
export function exportStateKey(world: SandboxWorld): string {
  const parts: string[] = [];
  for (const project of world.projects.values()) {
    parts.push(`p:${project.projectId}:${objectId(project)}`);
    for (const service of project.services.values())
      parts.push(`${service.name}:${historyKey(service.history)}`);
    const extras = project as unknown as KeyedExtras;
    parts.push(
      `c:${historyKey(extras.compute?.history)}:${
        extras.compute?.loadBalancers?.length ?? 0
      }`,
    );
    for (const q of extras.backing?.queues?.values() ?? [])
      parts.push(
        `q:${q.queueId}:${q.workload?.tasksPerRequest ?? 0}:${historyKey(
          q.history,
        )}`,
      );
    for (const r of extras.backing?.redisInstances?.values() ?? [])
      parts.push(
        `r:${r.instanceId}:${String(r.resource['tier'])}:${historyKey(
          r.history,
        )}`,
      );
  }
  return parts.join(',');
}

/**
 * First day the export covers for sandbox time `nowMs`: the first of the month that contains
 * now − 90 days, so at least the last 90 days and whole calendar months are always there.
 */
export function exportStartMs(nowMs: number): number {
  const start = new Date(nowMs - 90 * DAY_MS);
  return Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1);
}
