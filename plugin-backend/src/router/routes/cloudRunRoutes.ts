import type { Router } from 'express';
import { windowQuerySchema } from '@gcp-serverless/common';
import type { PluginServices } from '../../wiring/createPluginServices';
import { handle } from '../handle';
import { sendPage } from '../sendPage';
import { parseInput } from '../validate';
import { projectParams, serviceParams } from './params';

const SERVICE = '/projects/:projectId/locations/:region/services/:service';

/** Cloud Run: services table and service page (scaling edits: the `scaling` edit kind, registerEditRoutes). */
export function registerCloudRunRoutes(
  router: Router,
  services: PluginServices,
): void {
  router.get(
    '/projects/:projectId/services',
    handle(async (req, res) => {
      const { projectId } = parseInput(projectParams, req.params, 'path');
      const { window } = parseInput(windowQuerySchema, req.query, 'query');
      sendPage(
        req,
        res,
        await services.pages.pageBody('services', projectId, window),
      );
    }),
  );

  router.get(
    SERVICE,
    handle(async (req, res) => {
      const p = parseInput(serviceParams, req.params, 'path');
      const { window } = parseInput(windowQuerySchema, req.query, 'query');
      res.json(
        await services.catalog.getService(
          p.projectId,
          p.region,
          p.service,
          window,
        ),
      );
    }),
  );
}
