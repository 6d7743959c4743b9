import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from './startTestBackend';

let backend: TestBackend;

beforeAll(async () => {
  backend = await startTestBackend({
    scenarios: ['chat-realtime', 'avocano-shop'],
  });
});
afterAll(async () => backend?.close());
beforeEach(async () => {
  await backend.control('POST', '/reset');
});

type P = {
  code: string;
  projectId: string;
  resource: string;
  severity: string;
  link: Record<string, unknown>;
};

describe('GET /overview', () => {
  it('lists every configured project with counts and the chat-realtime Redis guardrail problem', async () => {
    const res = await backend.call('GET', '/overview?window=1h');
    expect(res.status).toBe(200);
    expect(
      res.body.projects.map((p: { projectId: string }) => p.projectId).sort(),
    ).toEqual(['avocano-shop', 'chat-realtime']);
    const chat = res.body.projects.find(
      (p: { projectId: string }) => p.projectId === 'chat-realtime',
    );
    expect(chat.services.count).toBeGreaterThan(0);
    expect(chat.redis).toMatchObject({
      count: 1,
      health: 'warning',
      withProblems: 1,
    });
    const guardrail = res.body.problems.find(
      (p: P) => p.code === 'REDIS_GUARDRAIL_EXCEEDED',
    );
    expect(guardrail).toMatchObject({
      projectId: 'chat-realtime',
      resource: 'chat-redis',
      severity: 'warning',
      // (65,000 − chatservice's 2,000) ÷ chat-history's 80 per instance = 787
      link: {
        page: 'scaling',
        projectId: 'chat-realtime',
        region: 'asia-northeast3',
        resource: 'chat-history',
        suggested: { maxInstances: 787 },
      },
    });
    expect(guardrail.evidence.values).toMatchObject({
      worstCase: 82_000,
      limit: 65_000,
    });
    expect(res.body.thresholds.errorRatio5xx).toBe(0.05);
  });

  it('a service failing in the sandbox raises a critical 5xx problem, listed before the warnings', async () => {
    const avocano = backend.sandbox.world.projects
      .get('avocano-shop')!
      .services.get('avocano-api')!;
    avocano.traffic = { ...avocano.traffic, errorRate5xx: 0.4 };
    const res = await backend.call('GET', '/overview?window=1h');
    expect(res.status).toBe(200);
    const problem = res.body.problems.find(
      (p: P) => p.code === 'SERVICE_5XX_RATIO' && p.resource === 'avocano-api',
    );
    expect(problem).toMatchObject({
      severity: 'critical',
      link: { page: 'service', resource: 'avocano-api' },
    });
    expect(problem.evidence.values.errorRatio5xx).toBeGreaterThan(0.2);
    expect(res.body.problems[0].severity).toBe('critical');
    const project = res.body.projects.find(
      (p: { projectId: string }) => p.projectId === 'avocano-shop',
    );
    expect(project.services.health).toBe('critical');
  });

  it('a failing Memorystore API leaves the Redis card unknown and the rest of the page intact', async () => {
    await backend.control('POST', '/faults', { api: 'redis', status: 503 });
    // A window no earlier test has read: with a last good snapshot the read model would (rightly) serve
    // it, marked stale; here there is none, so the card must say unknown.
    const res = await backend.call('GET', '/overview?window=6h');
    expect(res.status).toBe(200);
    const chat = res.body.projects.find(
      (p: { projectId: string }) => p.projectId === 'chat-realtime',
    );
    expect(chat.redis).toMatchObject({ count: null, health: 'unknown' });
    expect(chat.errors.map((e: { source: string }) => e.source)).toContain(
      'redis',
    );
    expect(chat.services.count).toBeGreaterThan(0);
    expect(
      res.body.problems.some((p: P) => p.code === 'REDIS_GUARDRAIL_EXCEEDED'),
    ).toBe(false);
  });

  it('one project: its card and problems from its snapshot, and 404 outside the allowlist', async () => {
    const one = await backend.call(
      'GET',
      '/projects/chat-realtime/overview?window=1h',
    );
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      window: '1h',
      project: { projectId: 'chat-realtime' },
      thresholds: { errorRatio5xx: 0.05 },
    });
    // Served from the project's overview snapshot, with its age (the card's "updated … ago").
    expect(one.body.snapshot).toMatchObject({ stale: false });
    expect(one.body.asOf).toBe(
      new Date(
        Math.floor(Date.parse(one.body.snapshot.computedAt) / 1000) * 1000,
      ).toISOString(),
    );
    expect(one.body.project.redis).toMatchObject({
      count: 1,
      health: 'warning',
      withProblems: 1,
    });
    expect(
      one.body.project.problems.find(
        (p: P) => p.code === 'REDIS_GUARDRAIL_EXCEEDED',
      ),
    ).toMatchObject({ projectId: 'chat-realtime', resource: 'chat-redis' });
    expect(
      one.body.project.problems.every(
        (p: P) => p.projectId === 'chat-realtime',
      ),
    ).toBe(true);
    expect(
      (await backend.call('GET', '/projects/other-project/overview?window=1h'))
        .status,
    ).toBe(404);
    expect(
      (await backend.call('GET', '/projects/chat-realtime/overview?window=2d'))
        .status,
    ).toBe(400);
  });

  it('topology: chat-realtime services wired to chat-redis, coloured by the guardrail problem and linked', async () => {
    const res = await backend.call(
      'GET',
      '/projects/chat-realtime/topology?window=1h',
    );
    expect(res.status).toBe(200);
    const redis = res.body.nodes.find(
      (n: { id: string }) => n.id === 'redis:chat-redis',
    );
    expect(redis).toMatchObject({
      kind: 'redis',
      health: 'warning',
      problems: ['REDIS_GUARDRAIL_EXCEEDED'],
      link: { page: 'redis', resource: 'chat-redis' },
    });
    expect(res.body.edges).toContainEqual({
      from: 'service:chatservice',
      to: 'redis:chat-redis',
    });
    expect(res.body.edges).toContainEqual({
      from: 'service:chat-history',
      to: 'redis:chat-redis',
    });
    expect(
      (await backend.call('GET', '/projects/other-project/topology')).status,
    ).toBe(404);
  });

  it('refuses an unknown window with 400 naming the field', async () => {
    const res = await backend.call('GET', '/overview?window=2d');
    expect(res.status).toBe(400);
    expect(res.body.error.fieldErrors[0].path).toBe('window');
  });
});

describe('GET /overview at scale', () => {
  it('costs no per-service call for 1,000 services: paged lists and a fixed number of Monitoring calls', async () => {
    // The in-process sandbox computes 1,000 services' metrics on the test's own thread: generous deadlines.
    const fleet = await startTestBackend({
      scenarios: ['scale-fleet'],
      services: 1000,
      config: () => ({
        timeouts: { readMs: 60_000, writeMs: 60_000, operationMs: 60_000 },
      }),
    });
    try {
      await fleet.control('DELETE', '/counters');
      const res = await fleet.call('GET', '/overview?window=1h');
      expect(res.status).toBe(200);
      expect(res.body.projects[0].errors).toEqual([]);
      expect(res.body.projects[0].services.count).toBe(1000);
      const counts = await fleet.counters();
      // Lists are paged (the services page, and the queue and Redis wiring, each page through Run's list);
      // no Google call names one resource.
      expect(Object.keys(counts).filter(k => !k.endsWith('.list'))).toEqual([]);
      // services 3 + 429s 1 + the routing, CDN, queue and Redis pages' own fixed queries, whatever N is
      expect(counts['monitoring.timeSeries.list']).toBeLessThanOrEqual(20);
    } finally {
      await fleet.close();
    }
  }, 120_000);
});
