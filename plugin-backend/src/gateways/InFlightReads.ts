import { AsyncLocalStorage } from 'node:async_hooks';

/** Inside `withReadsFrom`: the number of the last call started before it. */
const startedBefore = new AsyncLocalStorage<number>();
/** Numbers calls in the order they start, across every gateway of this thread. */
let callsStarted = 0;
/** Counts the writes started through any gateway of this thread. */
let writesStarted = 0;

/** The number of writes started so far in this thread (the computation thread's refresh keys use it). */
export function writesStartedSoFar(): number {
  return writesStarted;
}

/** The number of calls started so far in this thread: a floor for `withReadsFrom`. */
export function callsStartedSoFar(): number {
  return callsStarted;
}

/**
 * Runs `work` so that its reads join no call started up to the `floor`-th (`callsStartedSoFar`):
 * they start their own, or share only calls started after it. The read model's computation thread
 * runs a computation asked for after an apply this way: the write went through the main thread's
 * gateways, so the thread's calls in flight do not know of it (ComputeThread).
 */
export function withReadsFrom<T>(
  floor: number,
  work: () => Promise<T>,
): Promise<T> {
  return startedBefore.run(floor, work);
}

/**
 * Identical reads asked for while one is in flight share its Google call. A refresh computes a
 * project's pages in parallel, and several of them need the same list (the services page, the
 * queues page's wiring and the Redis page's budgets all list Cloud Run services): without this,
 * each refresh would list them three times (issue 10).
 *
 * A write through the gateway ends the sharing of every call in flight: a read asked for after a
 * write starts (or after it answers) never joins a call that started before it, so the refresh an
 * apply runs before it answers sees the write.
 */
export class InFlightReads {
  private readonly calls = new Map<
    string,
    { answer: Promise<unknown>; number: number }
  >();

  /** The answer of the call in flight under `key`, or of a new call when none is. */
  read<T>(key: string, call: () => Promise<T>): Promise<T> {
    const running = this.calls.get(key);
    const floor = startedBefore.getStore();
    if (running && (floor === undefined || running.number > floor))
      return running.answer as Promise<T>;
    const entry = { answer: call(), number: ++callsStarted };
    entry.answer = entry.answer.finally(() => {
      if (this.calls.get(key) === entry) this.calls.delete(key);
    });
    this.calls.set(key, entry);
    return entry.answer as Promise<T>;
  }

  /** Runs a write: reads asked for once it has started start their own calls, and so do those after it. */
  async write<T>(run: () => Promise<T>): Promise<T> {
    writesStarted++;
    this.calls.clear();
    try {
      return await run();
    } finally {
      this.calls.clear();
    }
  }
}
