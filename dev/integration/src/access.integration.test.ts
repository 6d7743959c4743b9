import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplePath } from '@gcp-serverless/plugin-backend';
import { startTestBackend, type TestBackend } from './startTestBackend';

const BE = '/projects/gryyd-web/locations/asia-northeast3/services/gryd-be';
const PARAMS = {
  projectId: 'gryyd-web',
  region: 'asia-northeast3',
  service: 'gryd-be',
};

describe('standalone roles', () => {
  let viewer: TestBackend;
  beforeAll(async () => {
    viewer = await startTestBackend({
      config: () => ({
        access: {
          identity: { type: 'local', user: 'ana@example.com' },
          roles: { viewer: ['ana@example.com'] },
        },
      }),
    });
  });
  afterAll(async () => viewer?.close());

  it('lets a viewer read and tells what she may not change', async () => {
    expect((await viewer.call('GET', BE)).status).toBe(200);
    const me = await viewer.call('GET', '/me');
    expect(me.body).toMatchObject({
      system: 'standalone',
      user: 'ana@example.com',
      roles: ['viewer'],
      read: { verdict: 'allow' },
    });
    expect(me.body.changes.scaling).toEqual({
      verdict: 'deny',
      reason: 'needs the editor role (gcp-serverless.scaling.update)',
    });
    expect(me.body.changes.budget.reason).toMatch(/finance role/);
  });

  it('answers 403 to a viewer on preview and apply, with no Google call', async () => {
    await viewer.control('DELETE', '/counters');
    for (const action of ['preview', 'apply']) {
      const res = await viewer.call(
        'POST',
        `${examplePath(
          '/projects/:projectId/locations/:region/services/:service',
          PARAMS,
        )}/scaling/${action}`,
        {
          change: { minInstances: 1, maxInstances: 41, concurrency: 80 },
          etag: 'x',
        },
      );
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({
        name: 'NotAllowedError',
        message:
          'Not allowed to change scaling: needs the editor role (gcp-serverless.scaling.update)',
      });
    }
    expect(await viewer.counters()).toEqual({});
  });
});

describe('no role', () => {
  let stranger: TestBackend;
  beforeAll(async () => {
    stranger = await startTestBackend({
      config: () => ({
        access: {
          identity: { type: 'local', user: 'eve@example.com' },
          roles: { editor: ['bob@example.com'] },
        },
      }),
    });
  });
  afterAll(async () => stranger?.close());

  it('refuses reads with 403 naming the missing role, health stays open', async () => {
    const res = await stranger.call('GET', '/projects');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/eve@example.com has no role/);
    expect((await stranger.call('GET', '/health')).status).toBe(200);
  });
});

describe('editor (the test default)', () => {
  let editor: TestBackend;
  beforeAll(async () => {
    editor = await startTestBackend();
  });
  afterAll(async () => editor?.close());

  it('may change every kind', async () => {
    const me = await editor.call('GET', '/me');
    expect(me.body.user).toBe('test-user');
    expect(
      Object.values(me.body.changes).every((c: any) => c.verdict === 'allow'),
    ).toBe(true);
    const res = await editor.call('POST', `${BE}/scaling/preview`, {
      change: { minInstances: 1, maxInstances: 41, concurrency: 80 },
    });
    expect(res.status).toBe(200);
  });
});
