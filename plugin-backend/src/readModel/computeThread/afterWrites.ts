import { AsyncLocalStorage } from 'node:async_hooks';

const afterWrites = new AsyncLocalStorage<true>();

/**
 * Runs a computation that must see every write made before it started (the refresh an apply runs
 * before it answers, `ReadModel.refresh` with `startedAfterMs`). In this thread the gateways'
 * writes already end the sharing of reads in flight; the computation thread's gateways never see
 * those writes, so its calls from inside here share no read that started before (ComputeThread).
 */
export function computeAfterWrites<T>(work: () => Promise<T>): Promise<T> {
  return afterWrites.run(true, work);
}

/** Whether the caller runs inside `computeAfterWrites`. */
export function isAfterWrites(): boolean {
  return afterWrites.getStore() === true;
}
