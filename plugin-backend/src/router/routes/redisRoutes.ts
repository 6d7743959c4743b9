import type { Router } from 'express';
import { z } from 'zod';
import {
  projectIdSchema,
  redisApplyRequestSchema,
  redisInstanceIdSchema,
  redisPreviewRequestSchema,
  regionSchema,
  windowQuerySchema,
} from '@gcp-serverless/common';
import type { PluginServices } from '../../wiring/createPluginServices';
import { handle } from '../handle';
import { parseInput } from '../validate';
import { projectParams } from './params';

const INSTANCE = '/projects/:projectId/locations/:region/redis/:instance';
const instanceParams = z.object({
  projectId: projectIdSchema,
  region: regionSchema,
  instance: redisInstanceIdSchema,
});

function instanceRef(params: unknown) {
  const p = parseInput(instanceParams, params, 'path');
  return { projectId: p.projectId, region: p.region, name: p.instance };
}

/** Memorystore for Redis: Redis page, memory size / configs preview and apply. */
export function registerRedisRoutes(
  router: Router,
  services: PluginServices,
): void {
  router.get(
    '/projects/:projectId/redis',
    handle(async (req, res) => {
      const { projectId } = parseInput(projectParams, req.params, 'path');
      const { window } = parseInput(windowQuerySchema, req.query, 'query');
      res.json(await services.pages.redis(projectId, window));
    }),
  );

  router.post(
    `${INSTANCE}/preview`,
    handle(async (req, res) => {
      const ref = instanceRef(req.params);
      const body = parseInput(
        redisPreviewRequestSchema,
        req.body,
        'Redis change',
      );
      res.json(await services.redisEdits.preview(ref, body.change));
    }),
  );

  router.post(
    `${INSTANCE}/apply`,
    handle(async (req, res) => {
      const ref = instanceRef(req.params);
      const body = parseInput(
        redisApplyRequestSchema,
        req.body,
        'Redis change',
      );
      res.json(
        await services.redisEdits.apply(ref, body, services.identify(req)),
      );
    }),
  );
}
