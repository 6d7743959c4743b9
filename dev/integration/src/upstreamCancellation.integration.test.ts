import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestBackend, type TestBackend } from './startTestBackend';

let backend: TestBackend;

// Reads past their deadline are aborted, not left open (issue 10, upstream discipline): the sandbox
// itself counts the Google calls it holds open, so the test sees the cancelled calls end there. The
// injected latency (10 minutes) is far beyond any wait below, so the count can only drop because the
// backend aborted its requests; nothing here measures speed.
const HOLD_MS = 600_000;

beforeAll(async () => {
  backend = await startTestBackend({
    scenarios: ['gryyd-web'],
    config: () => ({
      // A page's reads run inside the read model's computation, whose deadline is refreshReadMs
      // (docs/architecture.md, "The read model"): both 2 s here.
      timeouts: {
        readMs: 2_000,
        refreshReadMs: 2_000,
        writeMs: 5_000,
        operationMs: 10_000,
      },
    }),
  });
});
afterAll(async () => backend?.close());

const inFlight = async () =>
  (await backend.control('GET', '/activity')).inFlight as number;

describe('Google calls nobody waits for any more are aborted', () => {
  it('Monitoring calls past the read deadline end in the sandbox; the page answers without their figures', async () => {
    await backend.control('POST', '/faults', {
      api: 'monitoring',
      latencyMs: HOLD_MS,
    });
    const res = await backend.call('GET', '/projects/gryyd-web/services');
    expect(res.body.error?.message).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.body.services.length).toBeGreaterThan(0);
    expect(res.body.errors.length).toBeGreaterThan(0);
    expect(res.body.services[0].summary.requestsPerSecond).toBeNull();
    const activity = await backend.control('GET', '/activity');
    expect(activity.peakInFlight).toBeGreaterThan(0);
    // Every held call was aborted by the backend: none is left open in the sandbox.
    await vi.waitFor(async () => expect(await inFlight()).toBe(0), {
      timeout: 20_000,
      interval: 50,
    });
  });

  it('a list call past its deadline ends too: the page fails with a timeout and leaves nothing open', async () => {
    await backend.control('POST', '/reset');
    await backend.control('POST', '/faults', {
      api: 'run',
      method: 'run.services.list',
      latencyMs: HOLD_MS,
    });
    // Another window than the first test's, so no last good snapshot stands in for the failed read.
    const res = await backend.call(
      'GET',
      '/projects/gryyd-web/services?window=24h',
    );
    expect(res.status).toBe(504);
    await vi.waitFor(async () => expect(await inFlight()).toBe(0), {
      timeout: 20_000,
      interval: 50,
    });
  });

  it('a single-resource read past its deadline ends too: the service page fails with a timeout and leaves nothing open', async () => {
    await backend.control('POST', '/reset');
    const list = await backend.call('GET', '/projects/gryyd-web/services');
    const service = list.body.services[0];
    await backend.control('POST', '/faults', {
      api: 'run',
      method: 'run.services.get',
      latencyMs: HOLD_MS,
    });
    const res = await backend.call(
      'GET',
      `/projects/gryyd-web/locations/${service.region}/services/${service.name}`,
    );
    expect(res.status).toBe(504);
    await vi.waitFor(async () => expect(await inFlight()).toBe(0), {
      timeout: 20_000,
      interval: 50,
    });
  });
});
