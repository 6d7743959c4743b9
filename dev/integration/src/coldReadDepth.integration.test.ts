import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from './startTestBackend';

let backend: TestBackend;

// Issue 10: a cold page is as deep as its deepest read. A read that another only joins with must
// not hold that other back: here the NEG lists never answer within the deadline, and the backend
// services list they are joined with is asked anyway (before, it waited for them and was never asked).
beforeAll(async () => {
  backend = await startTestBackend({ scenarios: ['gryyd-web'] });
});
afterAll(async () => backend?.close());
beforeEach(async () => {
  await backend.control('POST', '/reset');
  for (const method of [
    'compute.globalNetworkEndpointGroups.list',
    'compute.regionNetworkEndpointGroups.list',
  ])
    await backend.control('POST', '/faults', {
      api: 'compute',
      method,
      latencyMs: backend.timeouts.readMs * 3,
    });
});

describe('reads that are only joined start together', () => {
  for (const page of ['routing', 'cdn']) {
    it(`the ${page} page asks for the backend services without waiting for the NEG lists`, async () => {
      const res = await backend.call(
        'GET',
        `/projects/gryyd-web/${page}?window=1h`,
      );
      expect(res.status).toBe(200);
      // The NEG lists timed out, so the backend services (joined with them) are a panel error…
      expect(
        res.body.errors.map((e: { source: string }) => e.source),
      ).toContain('backendServices');
      // …but the list itself was asked while the NEG lists were still unanswered.
      expect((await backend.counters())['compute.backendServices.list']).toBe(
        1,
      );
    });
  }
});
