import { randomUUID } from 'node:crypto';
import type { PluginLogger } from '../services/AuditLog';
import type { RefreshLeases } from './RefreshLeases';

/** A periodic task of the read model: the background refresh. */
export interface ScheduledRefresh {
  id: string;
  intervalMs: number;
  /** A run longer than this is abandoned (its Google calls aborted by their own deadlines). */
  timeoutMs: number;
  run(signal: AbortSignal): Promise<void>;
}

/**
 * Runs the refresh once per interval across every replica. Inside Backstage this is the scheduler
 * service with `scope: 'global'`; standalone it is `LeaseIntervalScheduler` on the shared database.
 */
export interface RefreshScheduler {
  schedule(task: ScheduledRefresh): Promise<void>;
}

/**
 * The standalone scheduler: each replica ticks a few times per interval and claims the due run
 * with one conditional update in the shared database (`RefreshLeases.claimInterval`), so one
 * replica runs it per interval whichever starts first — what Backstage's global scope does.
 */
export class LeaseIntervalScheduler implements RefreshScheduler {
  private readonly leases: RefreshLeases;
  private readonly logger: PluginLogger;
  private readonly holder = randomUUID();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly controller = new AbortController();

  constructor(deps: { leases: RefreshLeases; logger: PluginLogger }) {
    this.leases = deps.leases;
    this.logger = deps.logger;
  }

  async schedule(task: ScheduledRefresh): Promise<void> {
    let running = false;
    const tick = async () => {
      if (running || this.controller.signal.aborted) return;
      running = true;
      try {
        if (
          !(await this.leases.claimInterval(
            `task:${task.id}`,
            this.holder,
            task.intervalMs,
          ))
        )
          return;
        const run = AbortSignal.any([
          this.controller.signal,
          AbortSignal.timeout(task.timeoutMs),
        ]);
        await task.run(run);
      } catch (err) {
        this.logger.warn(`gcp-serverless: scheduled task ${task.id} failed`, {
          error: String(err),
        });
      } finally {
        running = false;
      }
    };
    // Ticks 4 times per interval, so a run starts at most a quarter interval after it is due.
    const timer = setInterval(
      () => void tick(),
      Math.max(50, Math.floor(task.intervalMs / 4)),
    );
    timer.unref();
    this.timers.add(timer);
    void tick();
  }

  /** Stops ticking and aborts a run in progress. */
  stop(): void {
    this.controller.abort();
    for (const t of this.timers) clearInterval(t);
    this.timers.clear();
  }
}
