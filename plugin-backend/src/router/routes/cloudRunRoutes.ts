import type { Router } from 'express';
import {
  scalingApplyRequestSchema,
  scalingPreviewRequestSchema,
  windowQuerySchema,
} from '@gcp-serverless/common';
import type { PluginServices } from '../../wiring/createPluginServices';
import { handle } from '../handle';
import { parseInput } from '../validate';
import { projectParams, serviceParams } from './params';

const SERVICE = '/projects/:projectId/locations/:region/services/:service';

/** Cloud Run: services table, service page, scaling preview and apply. */
export function registerCloudRunRoutes(
  router: Router,
  services: PluginServices,
): void {
  router.get(
    '/projects/:projectId/services',
    handle(async (req, res) => {
      const { projectId } = parseInput(projectParams, req.params, 'path');
      const { window } = parseInput(windowQuerySchema, req.query, 'query');
      res.json(await services.pages.services(projectId, window));
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

  router.post(
    `${SERVICE}/scaling/preview`,
    handle(async (req, res) => {
      const p = parseInput(serviceParams, req.params, 'path');
      const body = parseInput(
        scalingPreviewRequestSchema,
        req.body,
        'scaling change',
      );
      res.json(
        await services.scaling.preview(
          { projectId: p.projectId, region: p.region, name: p.service },
          body.change,
        ),
      );
    }),
  );

  router.post(
    `${SERVICE}/scaling/apply`,
    handle(async (req, res) => {
      const p = parseInput(serviceParams, req.params, 'path');
      const body = parseInput(
        scalingApplyRequestSchema,
        req.body,
        'scaling change',
      );
      const actor = services.identify(req);
      res.json(
        await services.scaling.apply(
          { projectId: p.projectId, region: p.region, name: p.service },
          body,
          actor,
        ),
      );
    }),
  );
}
