import type { Router } from 'express';
import { windowQuerySchema } from '@gcp-serverless/common';
import type { PluginServices } from '../../wiring/createPluginServices';
import { handle } from '../handle';
import { sendPage } from '../sendPage';
import { parseInput } from '../validate';
import { projectParams } from './params';

/** Load balancer routing: the routing page (URL map edits: the `routing` edit kind, registerEditRoutes). */
export function registerRoutingRoutes(
  router: Router,
  services: PluginServices,
): void {
  router.get(
    '/projects/:projectId/routing',
    handle(async (req, res) => {
      const { projectId } = parseInput(projectParams, req.params, 'path');
      const { window } = parseInput(windowQuerySchema, req.query, 'query');
      sendPage(
        req,
        res,
        await services.pages.pageBody('routing', projectId, window),
      );
    }),
  );
}
