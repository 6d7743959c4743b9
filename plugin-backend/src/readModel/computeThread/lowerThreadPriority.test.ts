import { readlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { getPriority } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

const threadIdOfThis = () =>
  Number(readlinkSync('/proc/thread-self').split('/').pop());

/** A thread that lowers its own priority by 3 steps (through tsx, as the computation thread's sources run) and says its id. */
const LOWERING_THREAD = `
const { parentPort } = require('node:worker_threads');
import(${JSON.stringify(
  pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href,
)})
  .then(({ register }) => { register(); return import(${JSON.stringify(
    new URL('./lowerThreadPriority.ts', import.meta.url).href,
  )}); })
  .then(m => {
    const nice = m.lowerThisThreadPriority(3);
    const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
    parentPort.postMessage({ nice, tid });
    setTimeout(() => undefined, 60_000);
  });`;

describe.runIf(process.platform === 'linux')('lowerThisThreadPriority', () => {
  it('lowers the calling thread alone, not the process', async () => {
    const mine = getPriority(threadIdOfThis());
    const worker = new Worker(LOWERING_THREAD, { eval: true });
    try {
      const { nice, tid } = await new Promise<{ nice: number; tid: number }>(
        (resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
        },
      );
      expect(nice).toBe(Math.min(19, mine + 3));
      expect(getPriority(tid)).toBe(nice);
      // The thread that serves pages keeps its priority.
      expect(getPriority(threadIdOfThis())).toBe(mine);
      expect(getPriority(process.pid)).toBe(mine);
    } finally {
      await worker.terminate();
    }
  });
});
