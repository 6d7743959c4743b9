import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { ServiceUnavailableError } from '@gcp-serverless/common';
import type { GcpServerlessConfig } from '../../config/config';
import { computationReadDeadline } from '../../gateways/computationReadDeadline';
import type { PluginLogger } from '../../services/AuditLog';
import { afterWritesSince } from './afterWrites';
import { writesStartedSoFar } from '../../gateways/InFlightReads';
import {
  COMPUTE_THREAD_MARKER,
  rehydrateError,
  type ComputeCall,
  type ComputeThreadData,
  type FromComputeThread,
} from './computeProtocol';
import type { ComputeSourceName } from './ComputeSources';
// Imported (not only named) so that every build keeps the worker module beside this one.
import { READ_MODEL_WORKER_MODULE } from './readModelWorker';

/** How to start the worker module from the module at `here` (this one, wherever it runs from). */
export type ComputeThreadEntry =
  | { kind: 'file'; url: URL }
  | { kind: 'eval'; code: string };

/**
 * Where the worker module is, in each way the plugin runs:
 * - built (Backstage's `package build`, the bench's bundle): JavaScript, the worker module beside
 *   this one with the same extension (`.cjs.js`, `.mjs`);
 * - TypeScript sources: inside Backstage (`backstage-cli`'s `--require` transform, which worker
 *   threads inherit) a `require` of the source; under tsx and vitest tsx's loader registered in
 *   the thread first (a loader given as `--import` does not reach a worker's own entry on Node 20).
 */
export function computeThreadEntry(here: URL): ComputeThreadEntry {
  const file = here.pathname.slice(here.pathname.lastIndexOf('/') + 1);
  const extension = file.slice(file.indexOf('.'));
  const sibling = new URL(`./${READ_MODEL_WORKER_MODULE}${extension}`, here);
  if (extension !== '.ts') return { kind: 'file', url: sibling };
  let tsx: string | undefined;
  try {
    tsx = pathToFileURL(createRequire(here).resolve('tsx/esm/api')).href;
  } catch {
    tsx = undefined;
  }
  const withTsx = tsx
    ? `import(${JSON.stringify(tsx)}).then(({ register }) => {
        register();
        return import(${JSON.stringify(sibling.href)});
      });`
    : `throw new Error('no TypeScript loader reaches this thread');`;
  return {
    kind: 'eval',
    code: `if (require('node:module')._extensions['.ts'])
      require(${JSON.stringify(fileURLToPath(sibling))});
    else ${withTsx}`,
  };
}

/**
 * Whether this process was started with V8's `--max-old-space-size` (on its command line or in
 * NODE_OPTIONS): V8 then gives every thread that limit, over a worker's own `resourceLimits`.
 */
function processSetsHeapLimit(): boolean {
  const flag = /--max[-_]old[-_]space[-_]size/;
  return (
    process.execArgv.some(a => flag.test(a)) ||
    flag.test(process.env.NODE_OPTIONS ?? '')
  );
}

/**
 * The computation thread's young generation, MB, when its heap is limited: its garbage is mostly
 * short-lived decoding objects, and V8's default young generation cost about 20 MB more of RSS
 * at the same speed (docs/performance.md, "Session 8, RSS").
 */
const YOUNG_GENERATION_MB = 8;

interface PendingCall {
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/**
 * The read model's computations in a worker thread of their own (docs/architecture.md, "The read
 * model"): the Google reads, google-gax's decoding of their answers (a 1,000-service list page took
 * 0.5–0.9 s of synchronous decoding, docs/performance.md) and their aggregation into a page run
 * there, and this thread, which serves the pages, gets the plain page. Started on first use; when
 * it cannot start (no loader for the worker module, an error before it is ready), one warning is
 * logged and computations run in this thread as `local`. A thread that dies fails the calls it was
 * answering (a panel error, never a hang) and the next call starts a new one.
 */
export class ComputeThread {
  private readonly config: GcpServerlessConfig;
  private readonly logger: PluginLogger;
  private readonly now: () => number;
  private readonly entry: ComputeThreadEntry | undefined;
  private readonly pending = new Map<number, PendingCall>();
  private starting: Promise<Worker | undefined> | undefined;
  private current: Worker | undefined;
  private unavailable = false;
  private stopped = false;
  private nextId = 1;
  /** The old generation limit of the next thread, MB (`readModel.computeThreadHeapMb`); 0: V8's default. */
  private heapMb: number;
  /** The thread id of the computation thread serving now (undefined when none is). */
  threadId: number | undefined;
  /** Calls the computation thread answered (with a value or an error) since this object was built. */
  answered = 0;

  constructor(deps: {
    config: GcpServerlessConfig;
    logger: PluginLogger;
    /** The read model's clock, epoch ms: every call carries its reading (docs/sandbox.md: the sandbox clock). */
    now: () => number;
    /** How to start the thread; default: the worker module beside this one (`computeThreadEntry`). */
    entry?: ComputeThreadEntry;
  }) {
    this.config = deps.config;
    this.logger = deps.logger;
    this.now = deps.now;
    this.entry = deps.entry;
    this.heapMb = deps.config.readModel.computeThreadHeapMb;
  }

  /** Starts the thread (if it is not running); resolves with whether computations run there. */
  async start(): Promise<boolean> {
    return (await this.worker()) !== undefined;
  }

  /**
   * `source.method(...args)` computed in the thread, or `local()` in this thread when the thread
   * cannot run. Carries this thread's clock, the computation's read deadline and whether the
   * computation must see earlier writes.
   */
  async run<T>(
    source: ComputeSourceName,
    method: string,
    args: unknown[],
    local: () => Promise<T>,
  ): Promise<T> {
    const worker = await this.worker();
    if (!worker) return local();
    const deadlineMs = computationReadDeadline();
    const since = afterWritesSince();
    const call: ComputeCall = {
      type: 'call',
      id: this.nextId++,
      source,
      method,
      args,
      nowMs: this.now(),
      ...(deadlineMs !== undefined ? { deadlineMs } : {}),
      // One key per refresh and write: pages of one refresh share reads; a refresh after a later write
      // made in the same millisecond does not take the earlier one's floor.
      ...(since !== undefined
        ? { fresh: `${since}/${writesStartedSoFar()}` }
        : {}),
    };
    return new Promise<T>((resolve, reject) => {
      this.pending.set(call.id, {
        resolve: resolve as (v: unknown) => void,
        reject,
      });
      // A thread with calls in flight keeps the process alive; an idle one does not.
      if (this.pending.size === 1) worker.ref();
      try {
        worker.postMessage(call);
      } catch (err) {
        this.settle(call.id);
        reject(err);
      }
    });
  }

  /** Ends the thread; calls in flight fail. Later calls run in this thread. */
  async stop(): Promise<void> {
    this.stopped = true;
    const worker = await this.starting;
    this.starting = undefined;
    this.current = undefined;
    this.failPending('the read model was stopped');
    await worker?.terminate();
  }

  private worker(): Promise<Worker | undefined> {
    if (this.unavailable || this.stopped) return Promise.resolve(undefined);
    this.starting ??= this.spawn();
    return this.starting;
  }

  private async spawn(): Promise<Worker | undefined> {
    const data: ComputeThreadData = {
      [COMPUTE_THREAD_MARKER]: true,
      config: this.config,
    };
    const options = {
      workerData: data,
      ...(this.heapMb > 0
        ? {
            resourceLimits: {
              maxOldGenerationSizeMb: this.heapMb,
              maxYoungGenerationSizeMb: YOUNG_GENERATION_MB,
            },
          }
        : {}),
    };
    let worker: Worker;
    try {
      const entry = this.entry ?? computeThreadEntry(new URL(import.meta.url));
      worker =
        entry.kind === 'file'
          ? new Worker(entry.url, options)
          : new Worker(entry.code, { ...options, eval: true });
    } catch (err) {
      return this.giveUp(err);
    }
    const ready = await new Promise<number | Error>(resolve => {
      worker.once('error', resolve);
      worker.once('exit', code =>
        resolve(new Error(`its thread exited (code ${code})`)),
      );
      worker.on('message', (message: FromComputeThread) => {
        if (message.type === 'ready') resolve(message.threadId);
        else this.onMessage(message);
      });
    });
    if (ready instanceof Error) {
      void worker.terminate();
      return this.giveUp(ready);
    }
    worker.removeAllListeners('error');
    worker.removeAllListeners('exit');
    worker.on('error', err => this.lost(worker, err));
    worker.on('exit', code => this.lost(worker, `exit code ${code}`));
    if (this.pending.size === 0) worker.unref();
    if (this.stopped) {
      await worker.terminate();
      return undefined;
    }
    this.current = worker;
    this.threadId = ready;
    if (this.heapMb > 0 && processSetsHeapLimit())
      this.logger.warn(
        `gcp-serverless: readModel.computeThreadHeapMb (${this.heapMb} MB) has no effect: this process's --max-old-space-size applies to every thread, the read model's computation thread included`,
      );
    // Operators (and the Backstage app check) see where the pages are computed.
    this.logger.info(
      `gcp-serverless: the read model computes in its own thread (thread ${ready})`,
    );
    return worker;
  }

  private giveUp(err: unknown): undefined {
    this.unavailable = true;
    this.logger.warn(
      "gcp-serverless: the read model's computation thread did not start; pages are computed in the serving thread",
      { error: err instanceof Error ? err.message : String(err) },
    );
    return undefined;
  }

  /** The thread died: the calls it had fail, and the next call starts a new thread. */
  private lost(worker: Worker, reason: unknown): void {
    if (this.current !== worker) return;
    this.current = undefined;
    this.starting = undefined;
    this.threadId = undefined;
    const why = reason instanceof Error ? reason.message : String(reason);
    const outOfMemory =
      (reason as { code?: unknown } | undefined)?.code ===
      'ERR_WORKER_OUT_OF_MEMORY';
    if (outOfMemory && this.heapMb > 0) {
      // Never the same limit twice: a fleet that needs more than the limit gets twice as much each
      // time, and past this process's own limit the thread takes V8's default, as this thread does.
      const ranOut = this.heapMb;
      const doubled = ranOut * 2;
      this.heapMb =
        doubled * 2 ** 20 >= getHeapStatistics().heap_size_limit ? 0 : doubled;
      this.logger.warn(
        `gcp-serverless: the read model's computation thread ran out of its ${ranOut} MB heap (readModel.computeThreadHeapMb); the next computation starts a new one with ${
          this.heapMb > 0 ? `${this.heapMb} MB` : "this process's heap limit"
        }`,
        { error: why },
      );
    } else
      this.logger.warn(
        "gcp-serverless: the read model's computation thread stopped; the next computation starts a new one",
        { error: why },
      );
    this.failPending(`the read model's computation thread stopped (${why})`);
  }

  private failPending(why: string): void {
    const calls = [...this.pending.values()];
    this.pending.clear();
    for (const call of calls)
      call.reject(
        new ServiceUnavailableError(
          `${why}; the page is computed again on the next refresh`,
        ),
      );
  }

  private onMessage(message: FromComputeThread): void {
    if (message.type === 'log') {
      this.logger[message.level](message.message, message.meta);
      return;
    }
    if (message.type === 'ready') return;
    const call = this.pending.get(message.id);
    if (!call) return;
    this.settle(message.id);
    this.answered++;
    if (message.type === 'result') call.resolve(message.value);
    else call.reject(rehydrateError(message.error));
  }

  private settle(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.current?.unref();
  }
}
