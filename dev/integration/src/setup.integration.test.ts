import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SetupReport } from '@gcp-serverless/common';
import { startTestBackend, type TestBackend } from './startTestBackend';

/**
 * The doctor end to end: GET /setup with the official Resource Manager, Service Usage, Budgets and
 * BigQuery clients against the sandbox playing the real setup failures (docs/sandbox.md#setup-failures).
 */
describe('GET /setup (the doctor)', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend({
      scenarios: ['avocano-shop', 'chat-realtime'],
      // The export's first query builds the sandbox's export tables: give it time whatever the machine's speed.
      config: () => ({
        timeouts: { readMs: 10_000, writeMs: 120_000, operationMs: 180_000 },
        billing: {
          accountId: '012345-6789AB-CDEF01',
          export: { projectId: 'finance-billing', dataset: 'billing_export' },
        },
      }),
    });
  }, 60_000);
  afterAll(() => backend?.close());
  beforeEach(() => backend.control('DELETE', '/setup-failures'));

  const setup = async () => {
    const { status, body } = await backend.call('GET', '/setup?refresh=1');
    expect(status).toBe(200);
    return body as SetupReport;
  };

  it('reports everything in place when nothing is broken', async () => {
    const report = await setup();
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.projects.map(p => p.project.status)).toEqual(['ok', 'ok']);
    expect(report.projects[0]!.apis.every(a => a.state === 'enabled')).toBe(
      true,
    );
    expect(report.billing.budgets.status).toBe('ok');
    expect(report.billing.export.status).toBe('ok');
  });

  it('names a disabled API with its activation URL and a missing permission with its role; the features are unavailable with the reason', async () => {
    await backend.control('PUT', '/setup-failures', {
      disabledApis: [
        { projectId: 'avocano-shop', service: 'cloudtasks.googleapis.com' },
      ],
      deniedPermissions: [
        { projectId: 'avocano-shop', permission: 'run.services.update' },
        { projectId: 'chat-realtime', permission: 'redis.instances.list' },
      ],
    });
    const report = await setup();
    expect(report.ok).toBe(false);
    const avocano = report.projects.find(p => p.projectId === 'avocano-shop')!;
    expect(
      avocano.apis.find(a => a.service === 'cloudtasks.googleapis.com'),
    ).toMatchObject({
      state: 'disabled',
      activationUrl:
        'https://console.developers.google.com/apis/api/cloudtasks.googleapis.com/overview?project=avocano-shop',
    });
    expect(avocano.features.find(f => f.id === 'queues')).toMatchObject({
      available: false,
      disabledApis: ['cloudtasks.googleapis.com'],
    });
    expect(avocano.features.find(f => f.id === 'scaling')).toMatchObject({
      available: false,
      missingPermissions: [
        { permission: 'run.services.update', role: 'roles/run.developer' },
      ],
    });
    expect(avocano.features.find(f => f.id === 'services')!.available).toBe(
      true,
    );
    const chat = report.projects.find(p => p.projectId === 'chat-realtime')!;
    expect(chat.features.find(f => f.id === 'redis')).toMatchObject({
      available: false,
      missingPermissions: [
        { permission: 'redis.instances.list', role: 'roles/redis.viewer' },
      ],
    });
    expect(report.problems.join('\n')).toContain(
      'cloudtasks.googleapis.com/overview?project=avocano-shop',
    );
    expect(report.problems.join('\n')).toContain(
      'run.services.update → grant roles/run.developer',
    );

    // The pages meet the same failures as Google answers them: the disabled API names the URL.
    const queues = await backend.call('GET', '/projects/avocano-shop/queues');
    expect(JSON.stringify(queues.body)).toContain(
      'cloudtasks.googleapis.com/overview?project=avocano-shop',
    );
    // …and carry what the UI needs to say the panel is unavailable and link to the setup page.
    expect(queues.status).toBe(403);
    expect(
      (queues.body as { error: { details?: unknown } }).error.details,
    ).toMatchObject({
      setup: {
        reason: 'SERVICE_DISABLED',
        service: 'cloudtasks.googleapis.com',
      },
    });
    const redis = await backend.call('GET', '/projects/chat-realtime/redis');
    expect(redis.status).toBe(403);
    expect(
      (redis.body as { error: { details?: unknown } }).error.details,
    ).toEqual({
      setup: {
        reason: 'PERMISSION_DENIED',
        permission: 'redis.instances.list',
        role: 'roles/redis.viewer',
      },
    });
  });

  it('says a project Google cannot show may not exist, and missing credentials are reported as such', async () => {
    await backend.control('PUT', '/setup-failures', {
      unknownProjects: ['chat-realtime'],
    });
    const unknown = await setup();
    const chat = unknown.projects.find(p => p.projectId === 'chat-realtime')!;
    expect(chat.project.status).toBe('missing');
    expect(chat.project.fix).toContain('check the project id');
    expect(chat.features.every(f => !f.available)).toBe(true);

    await backend.control('PUT', '/setup-failures', { credentials: 'missing' });
    const noCredentials = await setup();
    expect(noCredentials.ok).toBe(false);
    expect(noCredentials.problems.join('\n')).toMatch(
      /UNAUTHENTICATED|authentication credential/,
    );
  });
});
