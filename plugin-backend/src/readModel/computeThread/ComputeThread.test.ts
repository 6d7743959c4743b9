import { threadId as mainThreadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import {
  ServiceUnavailableError,
  UpstreamTimeoutError,
} from '@gcp-serverless/common';
import { readGcpServerlessConfig } from '../../config/config';
import type { PluginLogger } from '../../services/AuditLog';
import { toPanelError } from '../../services/panelErrors';
import { computeAfterWrites } from './afterWrites';
import { ComputeThread, computeThreadEntry } from './ComputeThread';

const config = readGcpServerlessConfig({
  mode: 'sandbox',
  sandbox: { endpoint: 'http://127.0.0.1:9' },
  projects: [{ projectId: 'demo-project', regions: ['us-central1'] }],
});

function recordingLogger(): PluginLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info() {}, error() {}, warn: m => warnings.push(m) };
}

/**
 * A stand-in for the worker module, speaking its protocol: echoes each call, fails one with a
 * typed error, and ends its thread on another (a crash).
 */
const ECHO_THREAD = `
const { parentPort, threadId } = require('node:worker_threads');
parentPort.postMessage({ type: 'ready', threadId });
parentPort.on('message', call => {
  if (call.args[0] === 'crash') process.exit(3);
  if (call.args[0] === 'late')
    return parentPort.postMessage({ type: 'error', id: call.id, error: {
      typed: true, name: 'UpstreamTimeoutError', message: 'listing took too long', details: { api: 'run' } } });
  parentPort.postMessage({ type: 'result', id: call.id, value: {
    threadId, source: call.source, method: call.method, args: call.args, nowMs: call.nowMs,
    fresh: call.fresh ?? false, deadlineMs: call.deadlineMs } });
});`;

const local = (): Promise<unknown> => Promise.resolve({ inThisThread: true });

describe('ComputeThread', () => {
  it('finds the worker module beside itself, with its own extension', () => {
    expect(
      computeThreadEntry(
        new URL('file:///app/dist/readModel/ComputeThread.cjs.js'),
      ),
    ).toEqual({
      kind: 'file',
      url: new URL('file:///app/dist/readModel/readModelWorker.cjs.js'),
    });
    expect(
      computeThreadEntry(new URL('file:///app/bench/portalProcess.mjs')),
    ).toEqual({
      kind: 'file',
      url: new URL('file:///app/bench/readModelWorker.mjs'),
    });
    // The TypeScript sources (vitest, tsx, Backstage's transform): a loader has to be set up first.
    const source = computeThreadEntry(
      new URL('./ComputeThread.ts', import.meta.url),
    );
    expect(source.kind).toBe('eval');
    expect(source.kind === 'eval' && source.code).toContain(
      new URL('./readModelWorker.ts', import.meta.url).pathname,
    );
  });

  it('computes in its thread with the caller clock, and marks calls that must see earlier writes', async () => {
    const thread = new ComputeThread({
      config,
      logger: recordingLogger(),
      now: () => 1_000_000,
      entry: { kind: 'eval', code: ECHO_THREAD },
    });
    try {
      const answer = (await thread.run(
        'catalog',
        'listServices',
        ['p', '1h'],
        local,
      )) as Record<string, unknown>;
      expect(answer).toMatchObject({
        source: 'catalog',
        method: 'listServices',
        args: ['p', '1h'],
        nowMs: 1_000_000,
        fresh: false,
      });
      expect(answer.threadId).not.toBe(mainThreadId);
      expect(answer.threadId).toBe(thread.threadId);
      const after = (await computeAfterWrites(42, () =>
        thread.run('queues', 'listQueues', ['p', '1h'], local),
      )) as Record<string, unknown>;
      expect(after.fresh).toMatch(/^42\/\d+$/);
      expect(thread.answered).toBe(2);
    } finally {
      await thread.stop();
    }
  });

  it('rebuilds a typed error as the same class, so its panel error has the same status', async () => {
    const thread = new ComputeThread({
      config,
      logger: recordingLogger(),
      now: Date.now,
      entry: { kind: 'eval', code: ECHO_THREAD },
    });
    try {
      const err = (await thread
        .run('catalog', 'listServices', ['late'], local)
        .catch((e: unknown) => e)) as UpstreamTimeoutError;
      expect(err).toBeInstanceOf(UpstreamTimeoutError);
      expect(err.details).toEqual({ api: 'run' });
      expect(toPanelError('services', err)).toEqual({
        source: 'services',
        message: 'listing took too long',
        status: 504,
      });
    } finally {
      await thread.stop();
    }
  });

  it('fails the calls of a thread that dies as unavailable, and starts a new thread for the next call', async () => {
    const logger = recordingLogger();
    const thread = new ComputeThread({
      config,
      logger,
      now: Date.now,
      entry: { kind: 'eval', code: ECHO_THREAD },
    });
    try {
      await thread.start();
      const first = thread.threadId;
      const err = await thread
        .run('catalog', 'listServices', ['crash'], local)
        .catch(e => e);
      expect(err).toBeInstanceOf(ServiceUnavailableError);
      expect(toPanelError('services', err).status).toBe(503);
      const next = (await thread.run(
        'catalog',
        'listServices',
        ['p'],
        local,
      )) as {
        threadId: number;
      };
      expect(next.threadId).not.toBe(first);
      expect(logger.warnings).toHaveLength(1);
    } finally {
      await thread.stop();
    }
  });

  it('replaces a thread that runs out of its heap limit by one with twice the limit, and says so', async () => {
    const logger = recordingLogger();
    const thread = new ComputeThread({
      config: readGcpServerlessConfig({
        mode: 'sandbox',
        sandbox: { endpoint: 'http://127.0.0.1:9' },
        projects: [{ projectId: 'demo-project', regions: ['us-central1'] }],
        readModel: { computeThreadHeapMb: 32 },
      }),
      logger,
      now: Date.now,
      // Answers each call with its own old generation limit, or fills its heap until V8 stops it.
      entry: {
        kind: 'eval',
        code: `
const { parentPort, threadId, resourceLimits } = require('node:worker_threads');
parentPort.postMessage({ type: 'ready', threadId });
const kept = [];
parentPort.on('message', call => {
  if (call.args[0] === 'fill') for (;;) kept.push(new Array(100_000).fill(kept.length));
  parentPort.postMessage({ type: 'result', id: call.id, value: resourceLimits.maxOldGenerationSizeMb });
});`,
      },
    });
    try {
      expect(await thread.run('catalog', 'listServices', [], local)).toBe(32);
      const err = await thread
        .run('catalog', 'listServices', ['fill'], local)
        .catch(e => e);
      expect(err).toBeInstanceOf(ServiceUnavailableError);
      expect(toPanelError('services', err).status).toBe(503);
      expect(await thread.run('catalog', 'listServices', [], local)).toBe(64);
      expect(logger.warnings).toEqual([
        expect.stringMatching(
          /ran out of its 32 MB heap .*a new one with 64 MB$/,
        ),
      ]);
    } finally {
      await thread.stop();
    }
  });

  it('computes in this thread, after one warning, when its thread cannot start', async () => {
    const logger = recordingLogger();
    const thread = new ComputeThread({
      config,
      logger,
      now: Date.now,
      entry: { kind: 'eval', code: `throw new Error('no loader here')` },
    });
    try {
      expect(await thread.start()).toBe(false);
      expect(await thread.run('catalog', 'listServices', ['p'], local)).toEqual(
        {
          inThisThread: true,
        },
      );
      expect(await thread.run('cdn', 'overview', ['p'], local)).toEqual({
        inThisThread: true,
      });
      expect(logger.warnings).toHaveLength(1);
      expect(thread.threadId).toBeUndefined();
    } finally {
      await thread.stop();
    }
  });
});
