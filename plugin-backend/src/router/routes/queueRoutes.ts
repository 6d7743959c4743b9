import type { Router } from 'express';
import { z } from 'zod';
import {
  projectIdSchema,
  queueIdSchema,
  queuePurgeRequestSchema,
  regionSchema,
  windowQuerySchema,
} from '@gcp-serverless/common';
import type { PluginServices } from '../../wiring/createPluginServices';
import { handle } from '../handle';
import { sendPage } from '../sendPage';
import { parseInput } from '../validate';
import { projectParams } from './params';

const QUEUE = '/projects/:projectId/locations/:region/queues/:queue';
const queueParams = z.object({
  projectId: projectIdSchema,
  region: regionSchema,
  queue: queueIdSchema,
});
const emptyBody = z.object({}).strict();

function queueRef(params: unknown) {
  const p = parseInput(queueParams, params, 'path');
  return { projectId: p.projectId, region: p.region, name: p.queue };
}

/** Cloud Tasks: queues page, pause, resume, purge (rate limit / retry edits: the `queue` edit kind, registerEditRoutes). */
export function registerQueueRoutes(
  router: Router,
  services: PluginServices,
): void {
  router.get(
    '/projects/:projectId/queues',
    handle(async (req, res) => {
      const { projectId } = parseInput(projectParams, req.params, 'path');
      const { window } = parseInput(windowQuerySchema, req.query, 'query');
      sendPage(
        req,
        res,
        await services.pages.pageBody('queues', projectId, window),
      );
    }),
  );

  for (const action of ['pause', 'resume'] as const) {
    router.post(
      `${QUEUE}/${action}`,
      handle(async (req, res) => {
        const ref = queueRef(req.params);
        parseInput(emptyBody, req.body, `${action} request`);
        res.json(
          await services.queueActions[action](ref, {
            actor: services.identify(req),
            origin: req,
          }),
        );
      }),
    );
  }

  router.post(
    `${QUEUE}/purge`,
    handle(async (req, res) => {
      const ref = queueRef(req.params);
      const body = parseInput(
        queuePurgeRequestSchema,
        req.body,
        'purge request',
      );
      res.json(
        await services.queueActions.purge(ref, body.confirmName, {
          actor: services.identify(req),
          origin: req,
        }),
      );
    }),
  );
}
