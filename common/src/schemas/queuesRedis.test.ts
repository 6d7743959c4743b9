import { describe, expect, it } from 'vitest';
import { zodFieldErrors } from './fieldErrors';
import {
  queueApplyRequestSchema,
  queueChangeSchema,
  queuePurgeRequestSchema,
} from './queues';
import { redisChangeSchema } from './redis';
import { diffQueue } from '../queues/queueDiff';
import { diffRedis, redisChangeWarnings } from '../redis/redisDiff';
import { settingsFingerprint } from '../edits/settingsFingerprint';

const errorsOf = (schema: { safeParse(v: unknown): any }, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? [] : zodFieldErrors(r.error);
};
const retryConfig = {
  maxAttempts: 10,
  maxRetryDurationSeconds: 0,
  minBackoffSeconds: 5,
  maxBackoffSeconds: 600,
  maxDoublings: 5,
};
const queue = {
  rateLimits: { maxDispatchesPerSecond: 5, maxConcurrentDispatches: 1000 },
  retryConfig,
};

describe('queueChangeSchema', () => {
  it('accepts Cloud Tasks limits at their edges', () => {
    expect(
      queueChangeSchema.safeParse({
        rateLimits: {
          maxDispatchesPerSecond: 500,
          maxConcurrentDispatches: 5000,
        },
        retryConfig: { ...retryConfig, maxAttempts: -1 },
      }).success,
    ).toBe(true);
  });

  it.each([
    [
      {
        ...queue,
        rateLimits: { ...queue.rateLimits, maxDispatchesPerSecond: 500.5 },
      },
      'rateLimits.maxDispatchesPerSecond',
      'Max dispatches per second must be at most 500',
    ],
    [
      {
        ...queue,
        rateLimits: { ...queue.rateLimits, maxConcurrentDispatches: 1.5 },
      },
      'rateLimits.maxConcurrentDispatches',
      'Max concurrent dispatches must be a whole number',
    ],
    [
      { ...queue, retryConfig: { ...retryConfig, maxAttempts: -2 } },
      'retryConfig.maxAttempts',
      'Max attempts must be at least -1',
    ],
    [
      { ...queue, retryConfig: { ...retryConfig, minBackoffSeconds: 700 } },
      'retryConfig.minBackoffSeconds',
      'Min backoff (700 s) must not exceed max backoff (600 s)',
    ],
    [
      { ...queue, rateLimits: { ...queue.rateLimits, maxBurstSize: 10 } },
      'rateLimits',
      'Unknown field(s): maxBurstSize',
    ],
  ])('names the field of %j', (input, path, message) => {
    expect(errorsOf(queueChangeSchema, input)).toContainEqual({
      path,
      message,
    });
  });

  it('apply needs the fingerprint from preview; purge needs the name', () => {
    expect(errorsOf(queueApplyRequestSchema, { change: queue })).toEqual([
      { path: 'etag', message: 'etag is required: preview the change first' },
    ]);
    expect(errorsOf(queuePurgeRequestSchema, {})).toEqual([
      { path: 'confirmName', message: 'type the queue name to confirm' },
    ]);
  });
});

describe('redisChangeSchema', () => {
  it('accepts the settable configs and refuses maxclients by name', () => {
    expect(
      redisChangeSchema.safeParse({
        memorySizeGb: 5,
        redisConfigs: {
          'maxmemory-policy': 'allkeys-lru',
          activedefrag: 'yes',
          'maxmemory-gb': '4.5',
        },
      }).success,
    ).toBe(true);
    const errors = errorsOf(redisChangeSchema, {
      memorySizeGb: 5,
      redisConfigs: { maxclients: '100000' },
    });
    expect(errors).toEqual([
      {
        path: 'redisConfigs.maxclients',
        message:
          'maxclients is fixed by Google (65,000 connected clients) and cannot be set',
      },
    ]);
  });

  it.each([
    [{ memorySizeGb: 0 }, 'memorySizeGb', 'Memory size must be at least 1 GB'],
    [
      { memorySizeGb: 301 },
      'memorySizeGb',
      'Memory size must be at most 300 GB',
    ],
    [
      { memorySizeGb: 2, redisConfigs: { 'maxmemory-gb': '3' } },
      'redisConfigs.maxmemory-gb',
      'maxmemory-gb (3) must not exceed the memory size (2 GB)',
    ],
    [
      { memorySizeGb: 2, redisConfigs: { 'lfu-log-factor': '256' } },
      'redisConfigs.lfu-log-factor',
      'lfu-log-factor must be between 0 and 255',
    ],
  ])('names the field of %j', (input, path, message) => {
    expect(errorsOf(redisChangeSchema, input)).toContainEqual({
      path,
      message,
    });
  });
});

describe('diffs, warnings and fingerprints', () => {
  it('diffQueue lists changed fields by dot path in form order', () => {
    expect(
      diffQueue(queue, {
        ...queue,
        retryConfig: { ...retryConfig, maxDoublings: 3 },
        rateLimits: { ...queue.rateLimits, maxDispatchesPerSecond: 2 },
      }).map(d => d.field),
    ).toEqual([
      'rateLimits.maxDispatchesPerSecond',
      'retryConfig.maxDoublings',
    ]);
  });

  it('diffRedis shows size and config changes, removals as null', () => {
    expect(
      diffRedis(
        {
          memorySizeGb: 1,
          redisConfigs: {
            activedefrag: 'no',
            'maxmemory-policy': 'allkeys-lru',
          },
        },
        { memorySizeGb: 2, redisConfigs: { activedefrag: 'yes' } },
      ),
    ).toEqual([
      { field: 'memorySizeGb', label: 'Memory size (GB)', before: 1, after: 2 },
      {
        field: 'redisConfigs.activedefrag',
        label: 'activedefrag',
        before: 'no',
        after: 'yes',
      },
      {
        field: 'redisConfigs.maxmemory-policy',
        label: 'maxmemory-policy',
        before: 'allkeys-lru',
        after: null,
      },
    ]);
  });

  it('shrinking below the used memory and resizing BASIC need acknowledgement', () => {
    const codes = redisChangeWarnings({
      current: { memorySizeGb: 4, redisConfigs: {} },
      proposed: { memorySizeGb: 2, redisConfigs: {} },
      tier: 'BASIC',
      memoryUsageRatio: 0.5,
    });
    expect(codes.map(w => [w.code, w.requiresAcknowledgement])).toEqual([
      ['REDIS_MEMORY_BELOW_USAGE', true],
      ['REDIS_BASIC_RESIZE_FLUSHES', true],
    ]);
    expect(
      redisChangeWarnings({
        current: { memorySizeGb: 4, redisConfigs: {} },
        proposed: { memorySizeGb: 3, redisConfigs: {} },
        tier: 'STANDARD_HA',
        memoryUsageRatio: 0.5,
      }),
    ).toEqual([]);
  });

  it('fingerprints ignore key order and change with any value', () => {
    expect(settingsFingerprint({ a: 1, b: { c: 'x' } })).toBe(
      settingsFingerprint({ b: { c: 'x' }, a: 1 }),
    );
    expect(settingsFingerprint({ a: 1 })).not.toBe(
      settingsFingerprint({ a: 2 }),
    );
  });
});
