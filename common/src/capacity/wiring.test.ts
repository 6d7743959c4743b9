import { describe, expect, it } from 'vitest';
import {
  pickWiringEnv,
  redisHostOf,
  servicesWiredToQueue,
  servicesWiredToRedis,
} from './wiring';

const svc = (
  name: string,
  wiringEnv: Record<string, string> = {},
  labels: Record<string, string> = {},
) => ({
  projectId: 'chat-realtime',
  name,
  labels,
  wiringEnv,
});

describe('pickWiringEnv', () => {
  it('keeps only wiring variables and drops credentials from REDIS_URL', () => {
    expect(
      pickWiringEnv([
        { name: 'REDISHOST', value: '10.0.0.3' },
        { name: 'DB_PASSWORD', value: 'secret' },
        { name: 'REDIS_URL', value: 'redis://default:hunter2@10.0.0.4:6379/0' },
        { name: 'TASKS_QUEUE', value: 'generation' },
        { name: 'API_KEY' },
      ]),
    ).toEqual({
      REDISHOST: '10.0.0.3',
      REDIS_URL: 'redis://10.0.0.4:6379/0',
      TASKS_QUEUE: 'generation',
    });
  });
});

describe('redisHostOf', () => {
  it.each([
    ['REDISHOST', '10.0.0.3', '10.0.0.3'],
    ['REDIS_URL', 'rediss://user:pw@10.0.0.3:6378/1', '10.0.0.3'],
    ['REDIS_URL', 'redis://[fd00::3]:6379', 'fd00::3'],
    ['REDIS_URL', 'http://10.0.0.3', null],
    ['REDIS_ADDR', '10.0.0.3:6379', '10.0.0.3'],
  ])('%s=%s → %s', (name, value, host) =>
    expect(redisHostOf(name, value)).toBe(host),
  );
});

describe('servicesWiredToRedis', () => {
  const instance = {
    projectId: 'chat-realtime',
    name: 'chat-redis',
    hosts: ['10.0.0.3'],
  };
  it('matches env hosts, labels and config, and nothing else', () => {
    const services = [
      svc('chatservice', { REDISHOST: '10.0.0.3' }),
      svc('presence', {}, { 'redis-instance': 'chat-redis' }),
      svc('history'),
      svc('other', { REDISHOST: '10.9.9.9' }),
      {
        ...svc('elsewhere', { REDISHOST: '10.0.0.3' }),
        projectId: 'gryyd-web',
      },
    ];
    expect(
      servicesWiredToRedis(instance, services, [
        {
          projectId: 'chat-realtime',
          service: 'history',
          redisInstances: ['chat-redis'],
        },
      ]),
    ).toEqual([
      { service: 'chatservice', via: 'env REDISHOST=10.0.0.3' },
      { service: 'presence', via: 'label redis-instance=chat-redis' },
      { service: 'history', via: 'config' },
    ]);
  });
});

describe('servicesWiredToQueue', () => {
  it('env vars naming the queue mark producers; a label or config marks the target', () => {
    const services = [
      {
        ...svc('gryd-be', { TASKS_QUEUE: 'generation' }),
        projectId: 'gryyd-web',
      },
      {
        ...svc('gryd-worker', {}, { 'tasks-queue-target': 'generation' }),
        projectId: 'gryyd-web',
      },
      {
        ...svc('gryd-fe', {
          QUEUE_PATH:
            'projects/gryyd-web/locations/asia-northeast3/queues/generation',
        }),
        projectId: 'gryyd-web',
      },
      { ...svc('gryd-admin'), projectId: 'gryyd-web' },
    ];
    const wired = servicesWiredToQueue(
      { projectId: 'gryyd-web', name: 'generation' },
      services,
      [
        {
          projectId: 'gryyd-web',
          service: 'gryd-admin',
          queueTargets: ['generation'],
        },
      ],
    );
    expect(wired.targets).toEqual([
      { service: 'gryd-worker', via: 'label tasks-queue-target=generation' },
      { service: 'gryd-admin', via: 'config' },
    ]);
    expect(wired.producers.map(p => p.service)).toEqual(['gryd-be', 'gryd-fe']);
  });
});
