import { CloudTasksClient } from '@google-cloud/tasks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sandboxClientOptions } from '../run/servicesClientForSandbox';
import { startSandbox, type Sandbox } from '../server';

/** The real `@google-cloud/tasks` CloudTasksClient against the sandbox over HTTP (docs/google-apis.md §1 options). */

const PARENT = 'projects/gryyd-web/locations/asia-northeast3';
const GENERATION = `${PARENT}/queues/generation`;
const noRetry = { retry: { retryCodes: [] } } as never;

let sandbox: Sandbox;
let client: CloudTasksClient;

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    scenarios: ['gryyd-web', 'avocano-shop'],
    now: Date.parse('2026-03-03T12:00:00Z'),
  });
  client = new CloudTasksClient(sandboxClientOptions(sandbox.port) as never);
});
afterAll(async () => {
  await client.close();
  await sandbox.close();
});
beforeEach(() => sandbox.reset());

async function rejection(
  promise: Promise<unknown>,
): Promise<{ code: number; message: string; statusDetails?: unknown[] }> {
  try {
    await promise;
  } catch (error) {
    return error as {
      code: number;
      message: string;
      statusDetails?: unknown[];
    };
  }
  throw new Error('expected the call to fail');
}

describe('Cloud Tasks v2 with the official client', () => {
  it('lists and gets the scenario queue with defaults and output-only fields', async () => {
    const [queues] = await client.listQueues({ parent: PARENT });
    expect(queues.map(q => q.name)).toEqual([GENERATION]);
    const [queue] = await client.getQueue({ name: GENERATION });
    expect(queue).toMatchObject({
      name: GENERATION,
      state: 'RUNNING',
      rateLimits: {
        maxDispatchesPerSecond: 5,
        maxBurstSize: 1,
        maxConcurrentDispatches: 1000,
      },
      retryConfig: {
        maxAttempts: 10,
        minBackoff: { seconds: '5' },
        maxBackoff: { seconds: '600' },
        maxDoublings: 5,
      },
    });
    expect(sandbox.counters.get('tasks.queues.list')).toBe(1);
    expect(sandbox.counters.get('tasks.queues.get')).toBe(1);
    const [other] = await client.listQueues({
      parent: 'projects/gryyd-web/locations/us-central1',
    });
    expect(other).toEqual([]);
  });

  it('updates only the masked fields and ignores output-only state', async () => {
    const [updated] = await client.updateQueue({
      queue: {
        name: GENERATION,
        rateLimits: { maxDispatchesPerSecond: 2, maxConcurrentDispatches: 10 },
        retryConfig: { maxAttempts: 3 },
        state: 'PAUSED',
      },
      updateMask: {
        paths: [
          'rate_limits.max_concurrent_dispatches',
          'retryConfig.maxAttempts',
          'state',
        ],
      },
    });
    expect(updated.rateLimits).toMatchObject({
      maxDispatchesPerSecond: 5,
      maxConcurrentDispatches: 10,
    });
    expect(updated.retryConfig).toMatchObject({
      maxAttempts: 3,
      maxDoublings: 5,
    });
    expect(updated.state).toBe('RUNNING');
    const [read] = await client.getQueue({ name: GENERATION });
    expect(read.rateLimits?.maxConcurrentDispatches).toBe(10);
  });

  it('without a mask replaces every field: unset ones fall back to the defaults', async () => {
    const [updated] = await client.updateQueue({
      queue: { name: GENERATION, rateLimits: { maxDispatchesPerSecond: 500 } },
    });
    expect(updated.rateLimits).toMatchObject({
      maxDispatchesPerSecond: 500,
      maxBurstSize: 100,
      maxConcurrentDispatches: 1000,
    });
    expect(updated.retryConfig).toMatchObject({
      maxAttempts: 100,
      minBackoff: { seconds: '0', nanos: 100_000_000 },
      maxDoublings: 16,
    });
  });

  it('rejects values over the limits with INVALID_ARGUMENT naming the field, and writes nothing', async () => {
    const error = await rejection(
      client.updateQueue(
        {
          queue: {
            name: GENERATION,
            rateLimits: {
              maxDispatchesPerSecond: 501,
              maxConcurrentDispatches: 5001,
            },
          },
          updateMask: { paths: ['rate_limits'] },
        },
        noRetry,
      ),
    );
    expect(error.code).toBe(3);
    expect(error.message).toContain('max_dispatches_per_second');
    const fields = (
      error.statusDetails?.[0] as { fieldViolations: Array<{ field: string }> }
    ).fieldViolations.map(v => v.field);
    expect(fields).toEqual([
      'queue.rate_limits.max_dispatches_per_second',
      'queue.rate_limits.max_concurrent_dispatches',
    ]);
    const [read] = await client.getQueue({ name: GENERATION });
    expect(read.rateLimits?.maxDispatchesPerSecond).toBe(5);

    const badAttempts = await rejection(
      client.updateQueue(
        {
          queue: { name: GENERATION, retryConfig: { maxAttempts: -2 } },
          updateMask: { paths: ['retry_config.max_attempts'] },
        },
        noRetry,
      ),
    );
    expect(badAttempts.code).toBe(3);
    expect(badAttempts.message).toContain('max_attempts');
    const badMask = await rejection(
      client.updateQueue(
        {
          queue: { name: GENERATION },
          updateMask: { paths: ['rate_limits.nope'] },
        },
        noRetry,
      ),
    );
    expect(badMask.code).toBe(3);
    expect(badMask.message).toContain('update_mask');
  });

  it('pauses, resumes and purges with POST …:pause|:resume|:purge', async () => {
    const [paused] = await client.pauseQueue({ name: GENERATION });
    expect(paused.state).toBe('PAUSED');
    expect((await client.getQueue({ name: GENERATION }))[0].state).toBe(
      'PAUSED',
    );
    const [resumed] = await client.resumeQueue({ name: GENERATION });
    expect(resumed.state).toBe('RUNNING');
    const [purged] = await client.purgeQueue({ name: GENERATION });
    // Sandbox time flows in real time: the purge happened within the last few seconds.
    const purgedAgo =
      sandbox.clock.now() / 1000 - Number(purged.purgeTime?.seconds);
    expect(purgedAgo).toBeGreaterThanOrEqual(0);
    expect(purgedAgo).toBeLessThan(5);
    expect(sandbox.counters.get('tasks.queues.pause')).toBe(1);
    expect(sandbox.counters.get('tasks.queues.purge')).toBe(1);
    const queue = sandbox.world.projects
      .get('gryyd-web')!
      .backing!.queues.get('asia-northeast3/generation')!;
    expect(
      queue.history.map(v => [v.settings.state, v.purge ?? false]),
    ).toEqual([
      ['RUNNING', false],
      ['PAUSED', false],
      ['RUNNING', false],
      ['RUNNING', true],
    ]);
  });

  it('answers NOT_FOUND for a missing queue and project', async () => {
    const missing = await rejection(
      client.pauseQueue({ name: `${PARENT}/queues/nope` }, noRetry),
    );
    expect(missing.code).toBe(5);
    expect(missing.message).toContain('Queue does not exist');
    const project = await rejection(
      client.listQueues(
        { parent: 'projects/nope/locations/asia-northeast3' },
        noRetry,
      ),
    );
    expect(project.code).toBe(5);
  });

  it('creates a missing queue on update (with defaults) and filters the list by state', async () => {
    const [created] = await client.updateQueue({
      queue: {
        name: `${PARENT}/queues/thumbnails`,
        rateLimits: { maxDispatchesPerSecond: 20 },
      },
    });
    expect(created).toMatchObject({
      state: 'RUNNING',
      rateLimits: { maxDispatchesPerSecond: 20, maxConcurrentDispatches: 1000 },
    });
    await client.pauseQueue({ name: `${PARENT}/queues/thumbnails` });
    const [paused] = await client.listQueues({
      parent: PARENT,
      filter: 'state: PAUSED',
    });
    expect(paused.map(q => q.name)).toEqual([`${PARENT}/queues/thumbnails`]);
    const [all] = await client.listQueues(
      { parent: PARENT, pageSize: 1 },
      { autoPaginate: true },
    );
    expect(all).toHaveLength(2);
    const badFilter = await rejection(
      client.listQueues({ parent: PARENT, filter: 'name: x' }, noRetry),
    );
    expect(badFilter.code).toBe(3);
    const badId = await rejection(
      client.updateQueue(
        { queue: { name: `${PARENT}/queues/bad_id` } },
        noRetry,
      ),
    );
    expect(badId.code).toBe(3);
  });
});
