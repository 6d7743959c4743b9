import type { Router } from 'express';
import { windowQuerySchema } from '@gcp-serverless/common';
import type { PluginServices } from '../../wiring/createPluginServices';
import { handle } from '../handle';
import { sendPage } from '../sendPage';
import { parseInput } from '../validate';
import { projectParams } from './params';

/** Memorystore for Redis: the Redis page (memory and config edits: the `redis` edit kind, registerEditRoutes). */
export function registerRedisRoutes(
  router: Router,
  services: PluginServices,
): void {
  router.get(
    '/projects/:projectId/redis',
    handle(async (req, res) => {
      const { projectId } = parseInput(projectParams, req.params, 'path');
      const { window } = parseInput(windowQuerySchema, req.query, 'query');
      sendPage(
        req,
        res,
        await services.pages.pageBody('redis', projectId, window),
      );
    }),
  );
}
