import type { Router } from 'express';
import { windowQuerySchema } from '@gcp-serverless/common';
import type { PluginServices } from '../../wiring/createPluginServices';
import { handle } from '../handle';
import { parseInput } from '../validate';
import { serviceParams } from './params';

/** Recent errors of a Cloud Run service from Cloud Logging (service page panel). */
export function registerRecentErrorsRoutes(
  router: Router,
  services: PluginServices,
): void {
  router.get(
    '/projects/:projectId/locations/:region/services/:service/errors',
    handle(async (req, res) => {
      const { projectId, region, service } = parseInput(
        serviceParams,
        req.params,
        'path',
      );
      const { window } = parseInput(windowQuerySchema, req.query, 'query');
      res.json(
        await services.recentErrors.recentErrors(
          projectId,
          region,
          service,
          window,
        ),
      );
    }),
  );
}
