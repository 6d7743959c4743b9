import type { Router } from 'express';
import { windowQuerySchema } from '@gcp-serverless/common';
import type { PluginServices } from '../../wiring/createPluginServices';
import { handle } from '../handle';
import { sendPage } from '../sendPage';
import { parseInput } from '../validate';
import { projectParams } from './params';

/** Cloud CDN: the CDN page (cache policy edits: the `cdn` edit kind, registerEditRoutes). */
export function registerCdnRoutes(
  router: Router,
  services: PluginServices,
): void {
  router.get(
    '/projects/:projectId/cdn',
    handle(async (req, res) => {
      const { projectId } = parseInput(projectParams, req.params, 'path');
      const { window } = parseInput(windowQuerySchema, req.query, 'query');
      sendPage(
        req,
        res,
        await services.pages.pageBody('cdn', projectId, window),
      );
    }),
  );
}
