import type { SchedulerService } from '@backstage/backend-plugin-api';
import type { RefreshScheduler } from '../readModel/RefreshScheduler';

/**
 * The read model's refresh on Backstage's scheduler: a global task, so across every replica of
 * the backend one runs it per interval (the scheduler coordinates through the database).
 */
export function backstageRefreshScheduler(
  scheduler: SchedulerService,
): RefreshScheduler {
  return {
    async schedule(task) {
      await scheduler.scheduleTask({
        id: task.id,
        scope: 'global',
        frequency: { milliseconds: task.intervalMs },
        timeout: { milliseconds: task.timeoutMs },
        initialDelay: { milliseconds: task.initialDelayMs ?? 0 },
        fn: signal => task.run(signal as AbortSignal),
      });
    },
  };
}
