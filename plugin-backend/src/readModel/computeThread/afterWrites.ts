import { AsyncLocalStorage } from 'node:async_hooks';

const afterWrites = new AsyncLocalStorage<number>();

/**
 * Runs a computation that must see every write made before it started (the refresh an apply runs
 * before it answers, `ReadModel.refresh` with `startedAfterMs`). In this thread the gateways'
 * writes already end the sharing of reads in flight; the computation thread's gateways never see
 * those writes, so its calls from inside here share no read that started before the refresh
 * (ComputeThread). `since` names the refresh (its `startedAfterMs`): the pages of one refresh are
 * computed in parallel and still share each other's reads.
 */
export function computeAfterWrites<T>(
  since: number,
  work: () => Promise<T>,
): Promise<T> {
  return afterWrites.run(since, work);
}

/** The refresh the caller computes for inside `computeAfterWrites` (its `since`), if any. */
export function afterWritesSince(): number | undefined {
  return afterWrites.getStore();
}
