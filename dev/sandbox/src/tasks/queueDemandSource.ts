/**
 * Couples Cloud Run demand to Cloud Tasks dispatches: the target service of a queue gets the queue's
 * dispatch attempts of each minute as requests, so its instances, max instances and concurrency
 * decide how many succeed (the rest are 429s, retried by the queue). Registered once per project in
 * `SandboxProject.demandSources`.
 */
import type { DemandSource, SandboxProject, SandboxRunService } from '../world';
import { attemptsIn } from './queueModel';

const MINUTE_MS = 60_000;

export class QueueDemandSource implements DemandSource {
  private readonly project: SandboxProject;

  constructor(project: SandboxProject) {
    this.project = project;
  }

  /** Demand of `service` in the minute: its own (unless it only does queue work) plus the dispatches to it. */
  adjust(
    service: SandboxRunService,
    minuteStartMs: number,
    demandRps: number,
  ): number {
    const queues = this.project.backing?.queues;
    if (!queues || queues.size === 0) return demandRps;
    let result = demandRps;
    let replaced = false;
    const minute = Math.floor(minuteStartMs / MINUTE_MS);
    for (const queue of queues.values()) {
      if (queue.workload?.target !== service.name) continue;
      if (queue.workload.targetDemand === 'replace' && !replaced) {
        result = 0;
        replaced = true;
      }
      result += attemptsIn(this.project, queue, minute) / 60;
    }
    return result;
  }
}
