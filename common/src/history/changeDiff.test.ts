import { describe, expect, it } from 'vitest';
import {
  GRYYD_BACKENDS,
  gryydWebUrlMap,
} from '../routing/gryydWebUrlMap.fixture';
import { diffChangeRecord } from './changeDiff';

describe('diffChangeRecord', () => {
  it('reads a URL map change as routing lines added, removed and changed, in the editor’s notation', () => {
    const before = gryydWebUrlMap();
    const after = gryydWebUrlMap();
    const matcher = after.pathMatchers!.find(m => m.name === 'path-matcher-2')!;
    // Add /api/v2/* → be, drop /admin from the be rule, send /api/generation/* to be instead of the worker.
    matcher.pathRules = [
      { paths: ['/api/v2/*'], service: GRYYD_BACKENDS.be },
      ...matcher.pathRules!.map(r =>
        r.paths!.includes('/api/generation/*')
          ? { ...r, service: GRYYD_BACKENDS.be }
          : { ...r, paths: r.paths!.filter(p => p !== '/admin') },
      ),
    ];
    const lines = diffChangeRecord({
      kind: 'routing',
      action: 'urlMap.apply',
      before,
      after,
    });
    expect(lines).toEqual(
      expect.arrayContaining([
        {
          field: 'matcher:path-matcher-2:path:/api/v2/*',
          label: 'path-matcher-2: /api/v2/*',
          before: null,
          after: 'gryd-be-service',
          change: 'added',
        },
        {
          field: 'matcher:path-matcher-2:path:/admin',
          label: 'path-matcher-2: /admin',
          before: 'gryd-be-service',
          after: null,
          change: 'removed',
        },
        {
          field: 'matcher:path-matcher-2:path:/api/generation/*',
          label: 'path-matcher-2: /api/generation/*',
          before: 'gryd-worker-be-service',
          after: 'gryd-be-service',
          change: 'changed',
        },
      ]),
    );
    expect(lines).toHaveLength(3);
  });

  it('labels each kind’s fields as its form does', () => {
    expect(
      diffChangeRecord({
        kind: 'scaling',
        action: 'scaling.apply',
        before: { minInstances: 1, maxInstances: 40, concurrency: 80 },
        after: { minInstances: 1, maxInstances: 60, concurrency: 80 },
      }),
    ).toEqual([
      {
        field: 'maxInstances',
        label: 'Max instances',
        before: 40,
        after: 60,
        change: 'changed',
      },
    ]);
    const queue = {
      rateLimits: { maxDispatchesPerSecond: 0.2, maxConcurrentDispatches: 5 },
      retryConfig: {
        maxAttempts: 3,
        maxRetryDurationSeconds: 0,
        minBackoffSeconds: 1,
        maxBackoffSeconds: 60,
        maxDoublings: 4,
      },
    };
    expect(
      diffChangeRecord({
        kind: 'queue',
        action: 'queue.apply',
        before: queue,
        after: {
          ...queue,
          rateLimits: { ...queue.rateLimits, maxDispatchesPerSecond: 5 },
        },
      }).map(l => `${l.label}: ${l.before} → ${l.after}`),
    ).toEqual(['Max dispatches per second: 0.2 → 5']);
    expect(
      diffChangeRecord({
        kind: 'queue',
        action: 'queue.pause',
        before: null,
        after: { action: 'pause', state: 'PAUSED' },
      }).map(l => `${l.label}: ${l.after}`),
    ).toEqual(['Queue: paused', 'State: PAUSED']);
  });

  it('reads budget thresholds the same before (Google’s fractions) and after (the form’s percent)', () => {
    expect(
      diffChangeRecord({
        kind: 'budget',
        action: 'budget.apply',
        before: {
          amount: 2500,
          period: 'MONTH',
          thresholds: [{ percent: 0.9, spendBasis: 'CURRENT_SPEND' }],
        },
        after: {
          amount: 3000,
          period: 'MONTH',
          thresholds: [{ percent: 90, spendBasis: 'CURRENT_SPEND' }],
        },
      }),
    ).toEqual([
      {
        field: 'amount',
        label: 'Amount',
        before: '2500.00',
        after: '3000.00',
        change: 'changed',
      },
    ]);
  });

  it('falls back to a leaf-by-leaf diff for a shape no kind claims', () => {
    expect(
      diffChangeRecord({
        kind: 'redis',
        action: 'redis.apply',
        before: { memorySizeGb: 1 },
        after: 'not an object',
      }),
    ).toEqual([
      {
        field: 'memorySizeGb',
        label: 'memorySizeGb',
        before: 1,
        after: null,
        change: 'removed',
      },
    ]);
  });
});
