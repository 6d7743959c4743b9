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
  private readonly calls = new Map<string, Promise<unknown>>();

  /** The answer of the call in flight under `key`, or of a new call when none is. */
  read<T>(key: string, call: () => Promise<T>): Promise<T> {
    const running = this.calls.get(key) as Promise<T> | undefined;
    if (running) return running;
    const started = call().finally(() => {
      if (this.calls.get(key) === started) this.calls.delete(key);
    });
    this.calls.set(key, started);
    return started;
  }

  /** Runs a write: reads asked for once it has started start their own calls, and so do those after it. */
  async write<T>(run: () => Promise<T>): Promise<T> {
    this.calls.clear();
    try {
      return await run();
    } finally {
      this.calls.clear();
    }
  }
}
