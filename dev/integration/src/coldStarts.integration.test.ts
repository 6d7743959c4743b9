import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from './startTestBackend';

interface ProblemBody {
  code: string;
  resource?: string;
  evidence: { metric: string; values: Record<string, number> };
}

let backend: TestBackend;

beforeAll(async () => {
  // A threshold of 0 starts an hour makes any measured container start of a min-0 service a problem,
  // so the test shows the count reaches the detector without depending on how often the model starts containers.
  backend = await startTestBackend({
    scenarios: ['gryyd-web'],
    config: () => ({ problems: { thresholds: { coldStartsPerHour: 0 } } }),
  });
});
afterAll(async () => backend?.close());

describe('cold starts on the overview', () => {
  it('counts container starts from startup_latencies and flags only min-0 services', async () => {
    const res = await backend.call('GET', '/overview?window=24h');
    expect(res.status).toBe(200);
    const coldStarts = (res.body.problems as ProblemBody[]).filter(
      p => p.code === 'SERVICE_COLD_STARTS',
    );
    // In gryyd-web only gryd-worker starts containers over the day, and it is a queue worker: triage
    // judges queue workers by backlog, 429 and 5xx, never by cold starts (docs/problems.md). The
    // detector itself is unit-tested in common; here the overview must not flag the worker.
    expect(
      coldStarts.some(p => JSON.stringify(p).includes('"gryd-worker"')),
    ).toBe(false);
    for (const p of coldStarts) {
      expect(p.evidence.metric).toContain('startup_latencies');
      expect(p.evidence.values.minInstances).toBe(0);
      expect(p.evidence.values.coldStartsPerHour).toBeGreaterThan(0);
    }
    // gryd-be keeps one instance warm (min 1), so it never counts as cold-starting.
    expect(coldStarts.some(p => JSON.stringify(p).includes('"gryd-be"'))).toBe(
      false,
    );
  });
});
