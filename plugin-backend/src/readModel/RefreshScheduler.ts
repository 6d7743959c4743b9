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
  /**
   * The first run waits this long after the task is scheduled, ms (default 0: at once; Backstage's
   * `initialDelay`). A task nobody's first page needs (the recommendations' week of metrics) leaves
   * the first minutes after start to the pages.
   */
  initialDelayMs?: number;
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
 * replica runs it per interval whichever starts first — what Backstage's global scope does. Due
 * times follow the read model's clock (the sandbox's in sandbox mode, so moving the sandbox clock
 * on by an interval makes the next refresh due, as it makes the snapshots stale).
 */
export class LeaseIntervalScheduler implements RefreshScheduler {
  private readonly leases: RefreshLeases;
  private readonly logger: PluginLogger;
  private readonly now: () => number;
  private readonly holder = randomUUID();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly controller = new AbortController();
  /**
   * Each scheduled task's tick, the tick in progress (ticks of one task never overlap), and whether
   * its ticks began (false during its initial delay).
   */
  private readonly tasks = new Map<
    string,
    {
      tick: () => Promise<boolean>;
      current?: Promise<boolean>;
      started?: boolean;
    }
  >();

  constructor(deps: {
    leases: RefreshLeases;
    logger: PluginLogger;
    /** Epoch ms; default `Date.now`. */
    now?: () => number;
  }) {
    this.leases = deps.leases;
    this.logger = deps.logger;
    this.now = deps.now ?? Date.now;
  }

  async schedule(task: ScheduledRefresh): Promise<void> {
    const claimAndRun = async (): Promise<boolean> => {
      if (this.controller.signal.aborted) return false;
      try {
        if (
          !(await this.leases.claimInterval(
            `task:${task.id}`,
            this.holder,
            task.intervalMs,
            this.now(),
          ))
        )
          return false;
        const run = AbortSignal.any([
          this.controller.signal,
          AbortSignal.timeout(task.timeoutMs),
        ]);
        await task.run(run);
        return true;
      } catch (err) {
        this.logger.warn(`gcp-serverless: scheduled task ${task.id} failed`, {
          error: String(err),
        });
        return false;
      }
    };
    const entry: {
      tick: () => Promise<boolean>;
      current?: Promise<boolean>;
      started?: boolean;
    } = {
      tick: () => {
        if (entry.current) return entry.current;
        entry.current = claimAndRun().finally(() => {
          entry.current = undefined;
        });
        return entry.current;
      },
    };
    this.tasks.set(task.id, entry);
    const begin = () => {
      entry.started = true;
      // Ticks 4 times per interval, so a run starts at most a quarter interval after it is due.
      const timer = setInterval(
        () => void entry.tick(),
        Math.max(50, Math.floor(task.intervalMs / 4)),
      );
      timer.unref();
      this.timers.add(timer);
      void entry.tick();
    };
    const delayMs = task.initialDelayMs ?? 0;
    if (delayMs <= 0) {
      begin();
      return;
    }
    const first = setTimeout(() => {
      this.timers.delete(first);
      if (!this.controller.signal.aborted) begin();
    }, delayMs);
    first.unref();
    this.timers.add(first);
  }

  /**
   * One tick now, as the timer does: for each task, waits for a tick in progress, then claims and
   * runs the task if it is due. Resolves when done with the ids this replica ran. The timer ticks a
   * quarter interval apart; this lets a caller (a test on the sandbox clock, a shutdown hook) tick at
   * a moment of its choosing instead of waiting. A task still in its initial delay is skipped.
   */
  async runDue(): Promise<string[]> {
    const ran: string[] = [];
    for (const [id, entry] of this.tasks) {
      // As the timer: a task still in its initial delay is not ticked.
      if (!entry.started) continue;
      // A tick of its own: never counts another caller's (or the timer's) run as this one.
      while (entry.current) await entry.current;
      if (await entry.tick()) ran.push(id);
    }
    return ran;
  }

  /** Stops ticking and aborts a run in progress. */
  stop(): void {
    this.controller.abort();
    for (const t of this.timers) clearInterval(t);
    this.timers.clear();
  }
}
