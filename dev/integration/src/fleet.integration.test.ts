import { describe, expect, it } from 'vitest';
import { startTestBackend } from './startTestBackend';

async function monitoringCallsToList(services: number) {
  const backend = await startTestBackend({
    scenarios: ['scale-fleet'],
    services,
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
  it('costs the same number of Monitoring calls for 10 and 200 services', async () => {
    const small = await monitoringCallsToList(10);
    const large = await monitoringCallsToList(200);
    // Request rates, 5xx rates, latencies, instances: one call each (CloudRunMetrics.summaries).
    expect(small['monitoring.timeSeries.list']).toBe(4);
    expect(large['monitoring.timeSeries.list']).toBe(
      small['monitoring.timeSeries.list'],
    );
  });
});
