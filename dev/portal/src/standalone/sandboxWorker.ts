import { parentPort, workerData } from 'node:worker_threads';
import {
  projectRegions,
  SANDBOX_BILLING_ACCOUNT_ID,
  startSandbox,
} from '@gcp-serverless/sandbox';
import type { SandboxThreadReady, SandboxWorkerData } from './sandboxThread';

/**
 * The embedded sandbox's thread (sandboxThread.ts starts it): the sandbox, its model and its HTTP server
 * run here, so their computation never holds up the portal's event loop. The clock's offset from real
 * time is published in shared memory whenever it moves, so the portal's thread reads sandbox time
 * without a message.
 */
const data = workerData as SandboxWorkerData;
const offset = new BigInt64Array(data.clockOffset);
const sandbox = await startSandbox(data.options);
const clock = sandbox.clock;
const publishOffset = () =>
  Atomics.store(offset, 0, BigInt(Math.round(clock.now() - Date.now())));
// The control API (`/_sandbox/clock`, `/_sandbox/reset`) moves the clock through these three methods.
for (const method of ['advance', 'set', 'reset'] as const) {
  const move = clock[method].bind(clock) as (arg?: number) => void;
  clock[method] = ((arg?: number) => {
    move(arg);
    publishOffset();
  }) as never;
}
publishOffset();

const ready: SandboxThreadReady = {
  type: 'ready',
  url: sandbox.url,
  projects: [...sandbox.world.projects.values()].map(p => ({
    projectId: p.projectId,
    regions: projectRegions(p),
  })),
  billingAccountId: SANDBOX_BILLING_ACCOUNT_ID,
};
// The billing export (what every project card's month-to-date cost queries) is built on its first
// query: seconds of this thread's work at a 200-service fleet, which held every card of the first
// visit until it was done, and competed with the page's first paint when started after ready
// (docs/performance.md). Built before the portal says ready; a failure here only means the first
// query builds it, as before.
await fetch(`${sandbox.url}/_sandbox/warm`, { method: 'POST' }).catch(
  () => undefined,
);
parentPort!.postMessage(ready);
