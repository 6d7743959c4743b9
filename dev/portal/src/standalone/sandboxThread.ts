import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SandboxOptions } from '@gcp-serverless/sandbox';
import type { SandboxProjectRegions } from './sandboxPortalConfig';

/** What sandboxWorker.ts is started with. */
export interface SandboxWorkerData {
  options: SandboxOptions;
  /** 8 bytes: the sandbox clock's offset from real time, ms (a BigInt64), written by the worker. */
  clockOffset: SharedArrayBuffer;
}

/** The worker's first message: the sandbox listens. */
export interface SandboxThreadReady {
  type: 'ready';
  url: string;
  projects: SandboxProjectRegions[];
  /** The sandbox's billing account, which pays for every project. */
  billingAccountId: string;
}

/** The embedded sandbox running in its own thread. */
export interface SandboxThread {
  /** Base URL, e.g. `http://127.0.0.1:8123`. */
  url: string;
  /** Its projects and the regions of their services, for the portal's config. */
  projects: SandboxProjectRegions[];
  /** The sandbox's billing account, which pays for every project. */
  billingAccountId: string;
  /** Sandbox time, epoch ms (real time plus the offset the sandbox's clock control set). */
  now(): number;
  /** Stops the sandbox and its thread. */
  close(): Promise<void>;
}

/**
 * Starts the GCP sandbox in a worker thread (sandboxWorker.ts). In the portal's own thread its traffic
 * and Monitoring model held the event loop for seconds at a time at 1,000 services (a CPU profile of
 * one services list: 52 s of CPU, nearly all the sandbox's model, its billing export and their garbage),
 * so even the page's HTML waited behind it; in its own thread, with its own heap and event loop, it
 * computes while the portal serves.
 */
export async function startSandboxThread(
  options: SandboxOptions,
): Promise<SandboxThread> {
  const clockOffset = new SharedArrayBuffer(8);
  const offset = new BigInt64Array(clockOffset);
  // The worker runs TypeScript as its parent does: tsx's loader, registered inside the thread (a loader
  // given as --import in the worker's execArgv does not reach the worker's own entry on Node 20).
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url).resolve('tsx/esm/api'),
  ).href;
  const entry = new URL('./sandboxWorker.ts', import.meta.url).href;
  const data: SandboxWorkerData = { options, clockOffset };
  const worker = new Worker(
    `import(${JSON.stringify(tsxApi)})
      .then(({ register }) => { register(); return import(${JSON.stringify(
        entry,
      )}); })`,
    { eval: true, workerData: data },
  );
  const ready = await new Promise<SandboxThreadReady>((resolve, reject) => {
    const failed = (err: unknown) =>
      reject(
        new Error(
          `the embedded GCP sandbox did not start: ${
            err instanceof Error ? err.message : `its thread exited (${err})`
          }`,
        ),
      );
    worker.once('error', failed);
    worker.once('exit', failed);
    worker.once('message', (message: SandboxThreadReady) => {
      worker.off('error', failed);
      worker.off('exit', failed);
      resolve(message);
    });
  });
  return {
    url: ready.url,
    projects: ready.projects,
    billingAccountId: ready.billingAccountId,
    now: () => Date.now() + Number(Atomics.load(offset, 0)),
    // Terminating the thread closes its server and connections with it, even while its model is in
    // the middle of a computation (a message asking it to close would wait behind that computation).
    async close() {
      await worker.terminate();
    },
  };
}
