import express from 'express';
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  type BackstageUserPrincipal,
  type PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  type TestBackend as BackstageTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@gcp-serverless/sandbox';
import {
  gcpServerlessApplyDirectlyPermission,
  gcpServerlessApprovePermission,
} from '@gcp-serverless/common';
import gcpServerlessPlugin, {
  createGcpServerlessApprovalConditionalDecision,
  gcpServerlessApprovalConditions,
} from '@gcp-serverless/plugin-backend';
import { testTimeouts } from './testDeadlines';

// Approvals inside Backstage (docs/approvals.md): the policy decision is the permission framework's
// conditional decision on gcp-serverless.change.apply-directly, applied by the plugin to the change
// with its own rules; the approver is whoever the policy allows gcp-serverless.change-request.approve.
const WORKER =
  '/api/gcp-serverless/projects/gryyd-web/locations/asia-northeast3/services/gryd-worker';
const ANA = 'user:default/ana';
const BOB = 'user:default/bob';

/** What the notifications backend received; `failNext` makes its next answer a 500. */
const notifications: Array<{
  recipients: { type: string; entityRef?: string[] };
  payload: { title: string; description?: string; link?: string };
}> = [];
let failNext = false;

/** A stand-in for Backstage's notifications backend: the same route NotificationService posts to. */
const fakeNotificationsBackend = createBackendPlugin({
  pluginId: 'notifications',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const router = express.Router();
        router.use(express.json());
        router.post('/notifications', (req, res) => {
          if (failNext) {
            failNext = false;
            res.status(500).json({ error: { message: 'down' } });
            return;
          }
          notifications.push(req.body);
          res.json([]);
        });
        httpRouter.use(router);
      },
    });
  },
});

let sandbox: Sandbox;
let backend: BackstageTestBackend;
let url: string;

/** A policy as an app would write it: approval above $0.50/hour or on a production label; only Bob approves. */
const permissions = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: (): PermissionsService => ({
    authorize: async (requests, options) => {
      const user = (options.credentials.principal as BackstageUserPrincipal)
        .userEntityRef;
      return requests.map(r => ({
        result:
          r.permission.name !== gcpServerlessApprovePermission.name ||
          user === BOB
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })) as never;
    },
    authorizeConditional: async requests =>
      requests.map(r =>
        r.permission.name === gcpServerlessApplyDirectlyPermission.name
          ? createGcpServerlessApprovalConditionalDecision(
              gcpServerlessApplyDirectlyPermission,
              {
                allOf: [
                  gcpServerlessApprovalConditions.costIncreasePerHourAtMost({
                    max: 0.5,
                  }),
                  {
                    not: gcpServerlessApprovalConditions.hasLabel({
                      key: 'env',
                      value: 'production',
                    }),
                  },
                ],
              },
            )
          : { result: AuthorizeResult.ALLOW },
      ) as never,
  }),
});

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    scenarios: ['gryyd-web'],
    operationDelayMs: 50,
  });
  backend = await startTestBackend({
    features: [
      gcpServerlessPlugin,
      mockServices.rootConfig.factory({
        data: {
          gcpServerless: {
            mode: 'sandbox',
            approvals: { notifyApprovers: ['group:default/sre'] },
            // Not what this test is about: each preview is then the cost and the guardrails.
            capacity: { whatIf: false },
            sandbox: { endpoint: sandbox.url },
            projects: [
              { projectId: 'gryyd-web', regions: ['asia-northeast3'] },
            ],
            timeouts: testTimeouts({
              readMs: 3_000,
              writeMs: 5_000,
              operationMs: 10_000,
            }),
          } as never,
        },
      }),
      permissions,
      fakeNotificationsBackend,
    ],
  });
  const { port } = backend.server.address() as { port: number };
  url = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await backend?.stop();
  await sandbox?.close();
});

async function as(user: string, method: string, path: string, body?: unknown) {
  const res = await fetch(url + path, {
    method,
    headers: {
      authorization: mockCredentials.user.header(user),
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function previewAndApply(user: string, change: unknown) {
  const preview = await as(user, 'POST', `${WORKER}/scaling/preview`, {
    change,
  });
  expect(preview.status, JSON.stringify(preview.body)).toBe(200);
  const apply = await as(user, 'POST', `${WORKER}/scaling/apply`, {
    change,
    etag: preview.body.etag,
    acknowledgedWarnings: (preview.body.warnings ?? []).map(
      (w: { code: string }) => w.code,
    ),
  });
  return { preview, apply };
}

/**
 * A request, a decision and an apply, each a few Google round trips through Backstage's test
 * backend: on a busy machine (beside two CPU burners) that took over vitest's default 60 s.
 */
const FLOW_TIMEOUT_MS = 240_000;

describe('approvals inside Backstage', () => {
  it(
    'the conditional decision turns a change over $0.50/hour into a request; Bob approves it; a cheap change applies at once',
    async () => {
      const service = await as(ANA, 'GET', WORKER);
      const scaling = service.body.service.scaling;

      const cheap = await previewAndApply(ANA, { ...scaling, concurrency: 2 });
      expect(cheap.preview.body.approval).toEqual({
        required: false,
        reasons: [],
      });
      expect(cheap.apply.status).toBe(200);

      const change = { ...scaling, concurrency: 2, maxInstances: 30 };
      const { preview, apply } = await previewAndApply(ANA, change);
      expect(preview.body.approval.required).toBe(true);
      expect(preview.body.approval.reasons).toEqual([
        expect.stringMatching(
          /^the permission policy's condition COST_INCREASE_PER_HOUR_AT_MOST \{"max":0\.5\} does not hold for this change \(cost up \d+\.\d\d\/hour[^)]*\)$/,
        ),
      ]);
      expect(apply.status).toBe(202);
      expect(apply.body.changeRequest).toMatchObject({
        requestedBy: ANA,
        status: 'open',
      });
      const id = apply.body.changeRequest.id;
      expect(
        (await as(ANA, 'GET', WORKER)).body.service.scaling.maxInstances,
      ).toBe(scaling.maxInstances);

      // Ana's policy denies her the approve permission: the guard refuses.
      const own = await as(
        ANA,
        'POST',
        `/api/gcp-serverless/change-requests/${id}/approve`,
        {},
      );
      expect(own.status).toBe(403);
      expect(own.body.error.message).toMatch(
        /gcp-serverless\.change-request\.approve denied/,
      );
      const me = await as(BOB, 'GET', '/api/gcp-serverless/me');
      expect(me.body.approve).toEqual({ verdict: 'allow' });

      const approved = await as(
        BOB,
        'POST',
        `/api/gcp-serverless/change-requests/${id}/approve`,
        { comment: 'sale' },
      );
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
      expect(approved.body.change).toMatchObject({
        action: 'scaling.apply',
        actor: BOB,
        result: 'succeeded',
        note: `approved by ${BOB} (requested by ${ANA}): sale`,
      });
      expect(
        (await as(ANA, 'GET', WORKER)).body.service.scaling.maxInstances,
      ).toBe(30);

      // Notifications: the approvers of the new request, then Ana of the decision.
      expect(
        notifications.map(n => [n.recipients.entityRef, n.payload.title]),
        JSON.stringify(notifications),
      ).toEqual([
        [
          ['group:default/sre'],
          `Approval requested: Cloud Run scaling of gryd-worker by ${ANA}`,
        ],
        [
          [ANA],
          `Approved and applied: Cloud Run scaling of gryd-worker (by ${BOB})`,
        ],
      ]);
      expect(notifications[0]!.payload.link).toBe(
        `/gcp-serverless/projects/gryyd-web/approvals/${id}`,
      );
      expect(notifications[1]!.payload.description).toBe('sale');
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'a notifications backend that fails does not fail the request',
    async () => {
      const scaling = (await as(ANA, 'GET', WORKER)).body.service.scaling;
      failNext = true;
      const { apply } = await previewAndApply(ANA, {
        ...scaling,
        maxInstances: 60,
      });
      expect(apply.status, JSON.stringify(apply.body)).toBe(202);
      expect(apply.body.outcome).toBe('approval-requested');
    },
    FLOW_TIMEOUT_MS,
  );
});
