/**
 * Cloud Tasks and Memorystore metrics through the official MetricServiceClient, with the real
 * CloudTasksClient pausing the queue and the control surface advancing the sandbox clock: what the
 * plugin's queue and Redis pages read.
 */
import { MetricServiceClient } from '@google-cloud/monitoring';
import { CloudTasksClient } from '@google-cloud/tasks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../index';
import { sandboxClientOptions } from '../run/servicesClientForSandbox';

const NOW = Date.parse('2026-03-03T12:00:00Z'); // 21:00 in Seoul, 06:00 in Chicago
const GENERATION =
  'projects/gryyd-web/locations/asia-northeast3/queues/generation';

let sandbox: Sandbox;
let monitoring: MetricServiceClient;
let tasks: CloudTasksClient;

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    scenarios: ['gryyd-web', 'chat-realtime', 'avocano-shop'],
    now: NOW,
  });
  monitoring = new MetricServiceClient(
    sandboxClientOptions(sandbox.port) as never,
  );
  tasks = new CloudTasksClient(sandboxClientOptions(sandbox.port) as never);
});
afterAll(async () => {
  await monitoring?.close();
  await tasks?.close();
  await sandbox?.close();
});
beforeEach(() => sandbox.reset());

const seconds = (ms: number) => ({ seconds: Math.floor(ms / 1000) });

/** Points of one metric over the last `minutes`, one series per resource, newest first. */
async function series(
  project: string,
  metricType: string,
  minutes: number,
  aggregation: Record<string, unknown> = {},
) {
  const end = sandbox.clock.now();
  const [result] = await monitoring.listTimeSeries({
    name: `projects/${project}`,
    filter: `metric.type = "${metricType}"`,
    interval: {
      startTime: seconds(end - minutes * 60_000),
      endTime: seconds(end),
    },
    aggregation: {
      alignmentPeriod: { seconds: 60 },
      perSeriesAligner: 'ALIGN_MAX' as never,
      ...aggregation,
    },
  });
  return result;
}

const values = (
  points:
    | Array<{ value?: { int64Value?: unknown; doubleValue?: unknown } | null }>
    | null
    | undefined,
) =>
  (points ?? []).map(p => Number(p.value?.int64Value ?? p.value?.doubleValue));

async function controlClock(advanceSeconds: number): Promise<void> {
  const res = await fetch(`${sandbox.url}/_sandbox/clock`, {
    method: 'POST',
    body: JSON.stringify({ advanceSeconds }),
    headers: { 'content-type': 'application/json' },
  });
  expect(res.status).toBe(200);
}

describe('Cloud Tasks metrics', () => {
  it('serves depth, attempts by response code and enqueues of the generation queue', async () => {
    const [depth] = await series(
      'gryyd-web',
      'cloudtasks.googleapis.com/queue/depth',
      60,
    );
    expect(depth!.resource).toMatchObject({
      type: 'cloud_tasks_queue',
      labels: {
        queue_id: 'generation',
        location: 'asia-northeast3',
        project_id: 'gryyd-web',
      },
    });
    expect(depth!.points).toHaveLength(60);
    const attempts = await series(
      'gryyd-web',
      'cloudtasks.googleapis.com/queue/task_attempt_count',
      180,
      {
        alignmentPeriod: { seconds: 3600 },
        perSeriesAligner: 'ALIGN_RATE',
        crossSeriesReducer: 'REDUCE_SUM',
        groupByFields: ['metric.labels.response_code'],
      },
    );
    const codes = attempts.map(s => s.metric?.labels?.['response_code']).sort();
    expect(codes).toContain('200');
    // At the evening peak the worker (max 10 × 1) is full: some attempts are refused with 429.
    expect(codes).toContain('429');
    const [enqueued] = await series(
      'gryyd-web',
      'cloudtasks.googleapis.com/api/request_count',
      60,
      { alignmentPeriod: { seconds: 3600 }, perSeriesAligner: 'ALIGN_RATE' },
    );
    expect(values(enqueued!.points)[0]).toBeGreaterThan(0.05);
  });

  it('shows a paused queue growing in later points after the clock advances', async () => {
    await tasks.pauseQueue({ name: GENERATION });
    await controlClock(3 * 3600);
    const [depth] = await series(
      'gryyd-web',
      'cloudtasks.googleapis.com/queue/depth',
      180,
      { alignmentPeriod: { seconds: 600 } },
    );
    const points = values(depth!.points); // newest first
    expect(points[0]).toBeGreaterThan(points[points.length - 1]! + 100);
    for (let i = 1; i < points.length; i++)
      expect(points[i - 1]!).toBeGreaterThanOrEqual(points[i]!);
    const [attempts] = await series(
      'gryyd-web',
      'cloudtasks.googleapis.com/queue/task_attempt_count',
      60,
      { alignmentPeriod: { seconds: 3600 }, perSeriesAligner: 'ALIGN_DELTA' },
    );
    expect(attempts).toBeUndefined();
  });
});

describe('Memorystore metrics', () => {
  it('serves connected clients, memory usage and rejected connections of chat-redis', async () => {
    const [connected] = await series(
      'chat-realtime',
      'redis.googleapis.com/clients/connected',
      30,
    );
    expect(connected!.resource).toMatchObject({
      type: 'redis_instance',
      labels: {
        instance_id:
          'projects/chat-realtime/locations/asia-northeast3/instances/chat-redis',
        region: 'asia-northeast3',
        node_id: 'node-0',
      },
    });
    const clients = values(connected!.points);
    expect(clients).toHaveLength(30);
    expect(Math.min(...clients)).toBeGreaterThan(100);
    expect(Math.max(...clients)).toBeLessThan(65_000);
    const [usage] = await series(
      'chat-realtime',
      'redis.googleapis.com/stats/memory/usage_ratio',
      30,
    );
    expect(values(usage!.points)[0]).toBeGreaterThan(0.4);
    expect(values(usage!.points)[0]).toBeLessThan(1);
    const [rejected] = await series(
      'chat-realtime',
      'redis.googleapis.com/stats/reject_connections_count',
      30,
      { alignmentPeriod: { seconds: 1800 }, perSeriesAligner: 'ALIGN_DELTA' },
    );
    expect(values(rejected!.points)).toEqual([0]);
    const [avocano] = await series(
      'avocano-shop',
      'redis.googleapis.com/clients/connected',
      5,
    );
    expect(values(avocano!.points)[0]).toBeGreaterThanOrEqual(4);
  });
});
