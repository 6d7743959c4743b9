import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The Google read deadline of a snapshot computation (docs/architecture.md, "The read model"). A
 * computation serves every viewer, and none of them waits for it past their own wait, so it is not
 * bound by one viewer's deadline (`timeouts.readMs`): its reads get `readModel.computeReadSeconds`
 * instead. Carried through the computation's async calls, so the gateways need no new parameter.
 */
const computationReadMs = new AsyncLocalStorage<number>();

/** Runs `work` (a snapshot computation) with every Google read in it given at least `deadlineMs`. */
export function withComputationReadDeadline<T>(
  deadlineMs: number,
  work: () => Promise<T>,
): Promise<T> {
  return computationReadMs.run(deadlineMs, work);
}

/**
 * The deadline a read asked for with `deadlineMs` gets: inside a snapshot computation, the
 * computation's when it is longer. Writes never run inside a computation, so their deadlines are
 * never lengthened.
 */
export function readDeadlineMs(deadlineMs: number): number {
  const inComputation = computationReadMs.getStore();
  return inComputation === undefined
    ? deadlineMs
    : Math.max(deadlineMs, inComputation);
}

/** Whether the caller runs inside a snapshot computation (background work no viewer waits on directly). */
export function inSnapshotComputation(): boolean {
  return computationReadMs.getStore() !== undefined;
}

/** The deadline of the snapshot computation the caller runs in (undefined outside one), ms. */
export function computationReadDeadline(): number | undefined {
  return computationReadMs.getStore();
}
