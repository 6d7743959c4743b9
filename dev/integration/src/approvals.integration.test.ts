import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SandboxIap } from '@gcp-serverless/sandbox';
import { startTestBackend, type TestBackend } from './startTestBackend';

// Approvals for risky changes (docs/approvals.md) through HTTP, with several users: each request
// carries an Identity-Aware Proxy header signed by SandboxIap, verified by the real verifier.
const WORKER =
  '/projects/gryyd-web/locations/asia-northeast3/services/gryd-worker';
const QUEUE = '/projects/gryyd-web/locations/asia-northeast3/queues/generation';
const ANA = 'ana@example.com'; // editor: requests
const BOB = 'bob@example.com'; // approver
const CAROL = 'carol@example.com'; // editor and approver

const iap = new SandboxIap();

let backend: TestBackend;

/** A call to the plugin API as `user`. */
async function as(user: string, method: string, path: string, body?: unknown) {
  return backend.raw(method, path, {
    headers: {
      ...iap.headers(user),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function workerSettings() {
  const res = await as(BOB, 'GET', WORKER);
  expect(res.status).toBe(200);
  return res.body.service.scaling as {
    minInstances: number;
    maxInstances: number;
    concurrency: number;
  };
}

/** Preview then apply as `user`; answers both. */
async function previewAndApply(user: string, path: string, change: unknown) {
  const preview = await as(user, 'POST', `${path}/preview`, { change });
  expect(preview.status).toBe(200);
  const apply = await as(user, 'POST', `${path}/apply`, {
    change,
    etag: preview.body.etag,
    acknowledgedWarnings: (preview.body.warnings ?? []).map(
      (w: { code: string }) => w.code,
    ),
  });
  return { preview, apply };
}

beforeAll(async () => {
  backend = await startTestBackend({
    scenarios: ['gryyd-web'],
    iapPublicKeys: iap.publicKeys,
    config: () => ({
      access: {
        identity: { type: 'iap', audience: iap.audience },
        roles: {
          editor: [ANA, CAROL],
          approver: [BOB, CAROL],
          viewer: [BOB],
        },
      },
      approvals: { costIncreasePerHourOver: 0.5, kinds: ['queue'] },
      // The what-if is not what these tests are about; each preview then is the cost and the guardrails.
      capacity: { whatIf: false },
    }),
  });
});
afterAll(async () => backend?.close());
beforeEach(async () => {
  await backend.control('POST', '/reset');
});

describe('approvals', () => {
  it('a change over the cost threshold waits for a second person and is applied only on approval', async () => {
    const before = await workerSettings();
    const change = { ...before, maxInstances: 30 };
    const { preview, apply } = await previewAndApply(
      ANA,
      WORKER + '/scaling',
      change,
    );
    // The preview tells why the apply will ask for approval.
    expect(preview.body.approval.required).toBe(true);
    expect(preview.body.approval.reasons[0]).toMatch(
      /^worst-case cost up \$\d+\.\d\d\/hour, over the \$0\.50\/hour that needs approval$/,
    );
    expect(apply.status).toBe(202);
    expect(apply.body.outcome).toBe('approval-requested');
    const request = apply.body.changeRequest;
    expect(request).toMatchObject({
      status: 'open',
      requestedBy: ANA,
      kind: 'scaling',
      resource:
        'projects/gryyd-web/locations/asia-northeast3/services/gryd-worker',
    });
    // Stored with the preview as the requester saw it (same guard, same diff and cost).
    expect(request.preview.etag).toBe(preview.body.etag);
    expect(request.preview.diff).toEqual(preview.body.diff);
    expect(request.preview.cost).toEqual(preview.body.cost);
    // Nothing was written to Google.
    expect(await workerSettings()).toEqual(before);

    // The list shows it with the open count.
    const list = await as(BOB, 'GET', '/change-requests?status=open');
    expect(list.body.openCount).toBe(1);
    expect(list.body.requests.map((r: { id: string }) => r.id)).toEqual([
      request.id,
    ]);

    // The requester cannot approve (no approver role: the guard refuses; nothing written).
    const own = await as(
      ANA,
      'POST',
      `/change-requests/${request.id}/approve`,
      {},
    );
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(/approver role/);

    // The approver sees the frozen preview and the resource now: nothing moved.
    const view = await as(BOB, 'GET', `/change-requests/${request.id}`);
    expect(view.status).toBe(200);
    expect(view.body.stale).toBe(false);
    expect(view.body.changedSince).toEqual([]);
    expect(view.body.now.etag).toBe(request.etag);
    expect(view.body.request.preview.diff).toEqual(preview.body.diff);

    const approved = await as(
      BOB,
      'POST',
      `/change-requests/${request.id}/approve`,
      {
        comment: 'Friday sale, agreed with finance',
      },
    );
    expect(approved.status).toBe(200);
    expect(approved.body.request).toMatchObject({
      status: 'approved',
      decidedBy: BOB,
      comment: 'Friday sale, agreed with finance',
    });
    expect(approved.body.change).toMatchObject({
      action: 'scaling.apply',
      actor: BOB,
      result: 'succeeded',
    });
    expect((await workerSettings()).maxInstances).toBe(30);

    // History: who requested, who approved with the comment, and the apply.
    const history = await as(
      BOB,
      'GET',
      `/projects/gryyd-web/history?resource=${encodeURIComponent(
        request.resource,
      )}`,
    );
    const entries = history.body.entries as Array<{
      action: string;
      actor: string;
      note?: string;
      result: string;
    }>;
    expect(entries.map(e => [e.action, e.actor])).toEqual([
      ['scaling.apply', BOB],
      ['scaling.request', ANA],
    ]);
    expect(entries[0]!.note).toBe(
      `approved by ${BOB} (requested by ${ANA}): Friday sale, agreed with finance`,
    );
    expect(entries[1]!.note).toMatch(/^approval requested: worst-case cost up/);

    // Decided once: a second approval is a 409.
    const again = await as(
      CAROL,
      'POST',
      `/change-requests/${request.id}/approve`,
      {},
    );
    expect(again.status).toBe(409);
    expect(
      (await as(BOB, 'GET', '/change-requests?status=open')).body.openCount,
    ).toBe(0);
  });

  it('an approver who requested a change cannot approve it; another approver can', async () => {
    const before = await workerSettings();
    const { apply } = await previewAndApply(CAROL, WORKER + '/scaling', {
      ...before,
      maxInstances: 25,
    });
    expect(apply.status).toBe(202);
    const id = apply.body.changeRequest.id;
    const own = await as(CAROL, 'POST', `/change-requests/${id}/approve`, {});
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe(
      'You requested this change: another person with the approver role must decide on it',
    );
    expect(await workerSettings()).toEqual(before);
    const approved = await as(
      BOB,
      'POST',
      `/change-requests/${id}/approve`,
      {},
    );
    expect(approved.status).toBe(200);
    expect((await workerSettings()).maxInstances).toBe(25);
  });

  it('a change under the threshold applies at once', async () => {
    const before = await workerSettings();
    const { preview, apply } = await previewAndApply(ANA, WORKER + '/scaling', {
      ...before,
      concurrency: 2,
    });
    expect(preview.body.approval).toEqual({ required: false, reasons: [] });
    expect(apply.status).toBe(200);
    expect(apply.body.outcome).toBe('succeeded');
    expect((await workerSettings()).concurrency).toBe(2);
  });

  it('approval of a request whose resource moved since fails with the reason and overwrites nothing', async () => {
    const before = await workerSettings();
    const { apply } = await previewAndApply(ANA, WORKER + '/scaling', {
      ...before,
      maxInstances: 30,
    });
    const id = apply.body.changeRequest.id;
    // Someone changes the service meanwhile (under the threshold: applied at once).
    const other = await previewAndApply(CAROL, WORKER + '/scaling', {
      ...before,
      concurrency: 3,
    });
    expect(other.apply.status).toBe(200);

    const view = await as(BOB, 'GET', `/change-requests/${id}`);
    expect(view.body.stale).toBe(true);
    expect(view.body.changedSince).toEqual([
      expect.objectContaining({
        field: 'concurrency',
        before: before.concurrency,
        after: 3,
      }),
    ]);

    const approved = await as(
      BOB,
      'POST',
      `/change-requests/${id}/approve`,
      {},
    );
    expect(approved.status).toBe(409);
    expect(approved.body.error.message).toMatch(
      /^Approval failed: the resource changed since the request was made .*nothing was written/,
    );
    const failed = await as(BOB, 'GET', `/change-requests/${id}`);
    expect(failed.body.request.status).toBe('failed');
    expect(failed.body.request.outcome).toMatch(/nothing was written/);
    expect(await workerSettings()).toEqual({ ...before, concurrency: 3 });
  });

  it('a rejection needs a comment, writes nothing and is in history', async () => {
    const before = await workerSettings();
    const { apply } = await previewAndApply(ANA, WORKER + '/scaling', {
      ...before,
      maxInstances: 30,
    });
    const id = apply.body.changeRequest.id;
    const bare = await as(BOB, 'POST', `/change-requests/${id}/reject`, {});
    expect(bare.status).toBe(400);
    expect(bare.body.error.fieldErrors[0]).toMatchObject({ path: 'comment' });
    const rejected = await as(BOB, 'POST', `/change-requests/${id}/reject`, {
      comment: 'not before the capacity review',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.request).toMatchObject({
      status: 'rejected',
      decidedBy: BOB,
      comment: 'not before the capacity review',
    });
    expect(rejected.body.change).toMatchObject({
      action: 'scaling.reject',
      actor: BOB,
      note: `rejected by ${BOB} (requested by ${ANA}): not before the capacity review`,
    });
    expect(await workerSettings()).toEqual(before);
  });

  it('works for another kind through the same edit contract: every queue change needs approval', async () => {
    const list = await as(ANA, 'GET', '/projects/gryyd-web/queues');
    const q = list.body.queues.find(
      (x: { name: string }) => x.name === 'generation',
    );
    const change = {
      rateLimits: {
        maxDispatchesPerSecond: 3,
        maxConcurrentDispatches: q.rateLimits.maxConcurrentDispatches,
      },
      retryConfig: q.retryConfig,
    };
    const { preview, apply } = await previewAndApply(ANA, QUEUE, change);
    expect(preview.body.approval.reasons).toEqual([
      'every queue change needs approval',
    ]);
    expect(apply.status).toBe(202);
    const approved = await as(
      BOB,
      'POST',
      `/change-requests/${apply.body.changeRequest.id}/approve`,
      { comment: 'ok' },
    );
    expect(approved.status).toBe(200);
    expect(approved.body.change).toMatchObject({
      action: 'queue.apply',
      result: 'succeeded',
    });
    const after = await as(ANA, 'GET', '/projects/gryyd-web/queues');
    expect(
      after.body.queues.find((x: { name: string }) => x.name === 'generation')
        .rateLimits.maxDispatchesPerSecond,
    ).toBe(3);
  });
});
