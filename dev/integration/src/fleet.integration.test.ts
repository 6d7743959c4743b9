import { describe, expect, it } from 'vitest';
import { fleetRegions } from '@gcp-serverless/sandbox';
import { startTestBackend } from './startTestBackend';

async function monitoringCallsToList(services: number) {
  const backend = await startTestBackend({
    scenarios: ['scale-fleet'],
    services,
    // Every region the fleet fills (1,000 services a region). The in-process sandbox computes the
    // fleet's metrics on the test's own thread: generous deadlines.
    config: () => ({
      projects: [{ projectId: 'scale-fleet', regions: fleetRegions(services) }],
      timeouts: { readMs: 60_000, writeMs: 60_000, operationMs: 60_000 },
    }),
  });
  try {
    await backend.control('DELETE', '/counters');
    const res = await backend.call(
      'GET',
      '/projects/scale-fleet/services?window=1h',
    );
    expect(res.status).toBe(200);
    expect(res.body.services).toHaveLength(services);
    expect(
      res.body.services.every(
        (s: { summary: { requestsPerSecond: number | null } }) =>
          s.summary.requestsPerSecond !== null,
      ),
    ).toBe(true);
    return await backend.counters();
  } finally {
    await backend.close();
  }
}

describe('listing a fleet', () => {
  it('costs the same number of Monitoring calls for 10 and 1,500 services', async () => {
    const small = await monitoringCallsToList(10);
    const large = await monitoringCallsToList(1500);
    // Request rates, 5xx rates, latencies, instances: one call each (CloudRunMetrics.summaries),
    // each a single page however many services (a page of up to 10,000 one-point series).
    expect(small['monitoring.timeSeries.list']).toBe(4);
    expect(large['monitoring.timeSeries.list']).toBe(
      small['monitoring.timeSeries.list'],
    );
  }, 120_000);
});
