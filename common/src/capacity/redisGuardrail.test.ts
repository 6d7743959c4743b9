import { describe, expect, it } from 'vitest';
import {
  estimateConnectionsPerInstance,
  formatRedisBudget,
  redisConnectionBudget,
  resolveConnectionsPerInstance,
} from './redisGuardrail';
import { redisCapacityWarnings, redisImpacts } from './capacityWarnings';

const chat = {
  service: 'chatservice',
  maxInstances: 1000,
  connectionsPerInstance: 2,
  connectionsSource: 'metrics' as const,
};

describe('redisConnectionBudget', () => {
  it('is max instances × connections per instance against 65,000', () => {
    const b = redisConnectionBudget('chat-redis', [chat]);
    expect(b).toMatchObject({
      worstCase: 2000,
      limit: 65_000,
      exceedsLimit: false,
    });
    expect(formatRedisBudget(b)).toBe(
      'chat-redis: chatservice max 1,000 × 2 connections = 2,000 of 65,000',
    );
  });

  it('sums every wired service and flags a worst case past the limit', () => {
    const b = redisConnectionBudget('chat-redis', [
      chat,
      {
        ...chat,
        service: 'chat-history',
        maxInstances: 500,
        connectionsPerInstance: 130,
      },
    ]);
    expect(b.worstCase).toBe(2000 + 65_000);
    expect(b.exceedsLimit).toBe(true);
    expect(formatRedisBudget(b)).toBe(
      'chat-redis: chatservice max 1,000 × 2 connections = 2,000 + chat-history max 500 × 130 connections = 65,000 = 67,000 of 65,000',
    );
  });

  it('exactly at the limit is not over it', () => {
    expect(
      redisConnectionBudget('r', [
        { ...chat, maxInstances: 65, connectionsPerInstance: 1000 },
      ]).exceedsLimit,
    ).toBe(false);
  });
});

describe('connections per instance', () => {
  it('estimates peak connected clients ÷ instances, rounded up', () => {
    expect(estimateConnectionsPerInstance(39_000, 156)).toBe(250);
    expect(estimateConnectionsPerInstance(1001, 500)).toBe(3);
    expect(estimateConnectionsPerInstance(10, 0)).toBeNull();
    expect(estimateConnectionsPerInstance(null, 3)).toBeNull();
  });

  it('prefers config, then a label, then metrics, then the default', () => {
    expect(
      resolveConnectionsPerInstance({ config: 4, label: '8', estimated: 2 }),
    ).toEqual({ connectionsPerInstance: 4, connectionsSource: 'config' });
    expect(resolveConnectionsPerInstance({ label: '8', estimated: 2 })).toEqual(
      { connectionsPerInstance: 8, connectionsSource: 'label' },
    );
    expect(
      resolveConnectionsPerInstance({ label: 'lots', estimated: 2 }),
    ).toEqual({ connectionsPerInstance: 2, connectionsSource: 'metrics' });
    expect(resolveConnectionsPerInstance({})).toEqual({
      connectionsPerInstance: 1,
      connectionsSource: 'default',
    });
  });
});

describe('redisCapacityWarnings', () => {
  const at = (max: number, per = 100) =>
    redisConnectionBudget('chat-redis', [
      { ...chat, maxInstances: max, connectionsPerInstance: per },
    ]);

  it('requires acknowledgement when a change raises the worst case past 65,000', () => {
    const warnings = redisCapacityWarnings([
      { before: at(500), after: at(700) },
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      code: 'REDIS_CONNECTIONS_OVER_LIMIT',
      requiresAcknowledgement: true,
    });
    expect(warnings[0]!.message).toContain(
      'max 700 × 100 connections = 70,000 of 65,000',
    );
  });

  it('only reports an excess the change does not raise', () => {
    expect(
      redisCapacityWarnings([{ before: at(900), after: at(800) }]),
    ).toEqual([
      expect.objectContaining({
        code: 'REDIS_CONNECTIONS_ALREADY_OVER_LIMIT',
        requiresAcknowledgement: false,
      }),
    ]);
  });

  it('is silent within the limit, and impacts show before and after', () => {
    expect(
      redisCapacityWarnings([{ before: at(100), after: at(650) }]),
    ).toEqual([]);
    expect(redisImpacts([{ before: at(100), after: at(650) }])).toEqual([
      {
        kind: 'redis',
        resource: 'chat-redis',
        before:
          'chat-redis: chatservice max 100 × 100 connections = 10,000 of 65,000',
        after:
          'chat-redis: chatservice max 650 × 100 connections = 65,000 of 65,000',
        exceedsLimit: false,
        explanation: expect.stringContaining(
          'per service: max instances × connections per instance, summed',
        ),
      },
    ]);
  });
});
