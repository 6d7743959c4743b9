import { CallCancelledError } from './cancellableCalls';

/**
 * At most `limit` pieces of work at a time, the others waiting in arrival order. A waiter whose
 * signal aborts (its read's deadline answered for it) leaves the queue at once. Written here rather
 * than taken from p-limit: its CommonJS versions cannot drop a waiter on an abort signal.
 */
export class ConcurrencyLimit {
  private readonly limit: number;
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Runs `work` when a place is free; rejects with CallCancelledError if `signal` aborts first. */
  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.running >= this.limit) await this.place(signal);
    else this.running++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The place passes to the next waiter as it is; otherwise it is freed.
      if (next) next();
      else this.running--;
    }
  }

  private place(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new CallCancelledError('waiting for a Monitoring page'));
        return;
      }
      // Entering removes the abort listener (through its own signal), so a later abort is a no-op.
      const listening = new AbortController();
      const enter = () => {
        listening.abort();
        resolve();
      };
      const leave = () => {
        const at = this.waiting.indexOf(enter);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(new CallCancelledError('waiting for a Monitoring page'));
      };
      signal?.addEventListener('abort', leave, {
        once: true,
        signal: listening.signal,
      });
      this.waiting.push(enter);
    });
  }
}
