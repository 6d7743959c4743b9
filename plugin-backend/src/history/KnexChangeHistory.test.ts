import { afterAll, describe, expect, it } from 'vitest';
import { readGcpServerlessConfig } from '../config/config';
import {
  KnexChangeHistory,
  kindOfAction,
  projectOfResource,
} from './KnexChangeHistory';
import { openStandaloneDatabase } from './standaloneDatabase';

const db = openStandaloneDatabase(
  readGcpServerlessConfig({
    mode: 'sandbox',
    sandbox: { endpoint: 'http://127.0.0.1:9' },
    projects: [{ projectId: 'project-one', regions: ['us-central1'] }],
  }),
);
afterAll(() => db.destroy());

describe('KnexChangeHistory on SQLite', () => {
  const history = new KnexChangeHistory(db);
  const base = {
    actor: 'a@example.com',
    before: { maxInstances: 1 },
    after: { maxInstances: 2 },
    result: 'succeeded' as const,
  };

  it('stores entries and lists them by project and resource, newest first', async () => {
    await history.record({
      ...base,
      time: '2026-01-01T00:00:00.000Z',
      action: 'scaling.apply',
      resource: 'projects/p-1/locations/us-central1/services/a',
      operation: 'op-1',
    });
    await history.record({
      ...base,
      time: '2026-01-02T00:00:00.000Z',
      action: 'urlMap.apply',
      resource: 'projects/p-1/global/urlMaps/lb',
    });
    await history.record({
      ...base,
      time: '2026-01-03T00:00:00.000Z',
      action: 'scaling.apply',
      resource: 'projects/p-2/locations/us-central1/services/b',
    });
    const all = await history.list({ projectId: 'p-1', limit: 10 });
    expect(all.map(e => [e.kind, e.resource])).toEqual([
      ['routing', 'projects/p-1/global/urlMaps/lb'],
      ['scaling', 'projects/p-1/locations/us-central1/services/a'],
    ]);
    const one = await history.list({
      projectId: 'p-1',
      resource: 'projects/p-1/locations/us-central1/services/a',
      limit: 10,
    });
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({
      before: { maxInstances: 1 },
      after: { maxInstances: 2 },
      operation: 'op-1',
      error: null,
      result: 'succeeded',
    });
    expect(await history.get(one[0]!.id)).toEqual(one[0]);
    expect(await history.list({ projectId: 'p-1', limit: 1 })).toHaveLength(1);
  });

  it('derives kind and project', () => {
    expect(kindOfAction('queue.pause')).toBe('queue');
    expect(kindOfAction('urlMap.apply')).toBe('routing');
    expect(projectOfResource('billingAccounts/A/budgets/B')).toBeNull();
    expect(projectOfResource('projects/x/locations/l/queues/q')).toBe('x');
  });
});
