import { describe, expect, it } from 'vitest';
import { configFromService } from '../run/serviceConfig';
import { buildChatRealtime } from '../scenarios/chatRealtime';
import type { SandboxProject } from '../world';
import { REDIS_MAX_CLIENTS, redisMinute, wiredServices } from './redisModel';
import type { SandboxRedisInstance } from './redisTypes';

const NOW = Date.parse('2026-03-03T12:00:00Z'); // 21:00 in Seoul
const HOUR = 3_600_000;

function scenario(): { project: SandboxProject; redis: SandboxRedisInstance } {
  const project = buildChatRealtime({ now: NOW, services: 0 });
  return {
    project,
    redis: project.backing!.redisInstances.get('asia-northeast3/chat-redis')!,
  };
}

function setMinInstances(
  project: SandboxProject,
  name: string,
  minInstances: number,
  at: number,
): void {
  const service = project.services.get(name)!;
  service.history.push({
    effectiveFrom: at,
    config: { ...configFromService(service.resource), minInstances },
  });
}

describe('Redis connection model', () => {
  it('wires chatservice (REDISHOST) and chat-history (REDIS_URL) with their connections per container', () => {
    const { project, redis } = scenario();
    expect(
      wiredServices(project, redis).map(w => [
        w.service.name,
        w.connectionsPerInstance,
      ]),
    ).toEqual([
      ['chatservice', 2],
      ['chat-history', 80],
    ]);
    // Without the declared map, the env var still wires them; the label gives chat-history's pool size.
    const bare = { ...redis, connectionsPerInstance: {} };
    expect(
      wiredServices(project, bare).map(w => [
        w.service.name,
        w.connectionsPerInstance,
      ]),
    ).toEqual([
      ['chatservice', 1],
      ['chat-history', 80],
    ]);
  });

  it('connected clients = Σ instances × connections per instance, well under the limit normally', () => {
    const { project, redis } = scenario();
    for (const at of [NOW - 12 * HOUR, NOW - HOUR]) {
      const minute = redisMinute(project, redis, at);
      const expected = minute.shares.reduce(
        (sum, s) => sum + s.instances * s.connectionsPerInstance,
        0,
      );
      expect(minute.connectedClients).toBe(expected);
      expect(minute.rejectedConnections).toBe(0);
      expect(
        minute.shares.find(s => s.service === 'chatservice')!.instances,
      ).toBeGreaterThan(50);
      expect(minute.memoryUsageRatio).toBeGreaterThan(0.45);
      expect(minute.memoryUsageRatio).toBeLessThan(1);
    }
  });

  it('caps at 65,000 connected clients and rejects the rest when a wired service scales out', () => {
    const { project, redis } = scenario();
    const from = NOW - 2 * HOUR;
    setMinInstances(project, 'chat-history', 900, from); // 900 × 80 = 72,000 from chat-history alone
    const before = redisMinute(project, redis, from - 10 * 60_000);
    const after = redisMinute(project, redis, from + 10 * 60_000);
    expect(before.rejectedConnections).toBe(0);
    expect(after.connectedClients).toBe(REDIS_MAX_CLIENTS);
    expect(after.wanted).toBeGreaterThan(72_000);
    expect(after.rejectedConnections).toBe(after.wanted - REDIS_MAX_CLIENTS);
  });

  it('usage ratio follows the memory size in force at each minute', () => {
    const { project, redis } = scenario();
    redis.history.push({ effectiveFrom: NOW - HOUR, memorySizeGb: 2 });
    const before = redisMinute(project, redis, NOW - HOUR - 60_000);
    const after = redisMinute(project, redis, NOW - HOUR + 60_000);
    expect(before.memorySizeGb).toBe(1);
    expect(after.memorySizeGb).toBe(2);
    expect(after.memoryUsageRatio).toBeLessThan(before.memoryUsageRatio * 0.6);
  });
});
