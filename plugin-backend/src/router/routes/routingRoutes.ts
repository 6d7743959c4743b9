import type { Router } from 'express';
import { z } from 'zod';
import {
  COMPUTE_NAME_PATTERN,
  projectIdSchema,
  urlMapApplyRequestSchema,
  urlMapPreviewRequestSchema,
  windowQuerySchema,
} from '@gcp-serverless/common';
import type { PluginServices } from '../../wiring/createPluginServices';
import { handle } from '../handle';
import { parseInput } from '../validate';
import { projectParams } from './params';

const URL_MAP = '/projects/:projectId/url-maps/:urlMap';
const urlMapParams = z.object({
  projectId: projectIdSchema,
  urlMap: z
    .string()
    .regex(
      COMPUTE_NAME_PATTERN,
      'must be a URL map name (lowercase letters, digits, hyphens)',
    ),
});

/** Load balancer routing: the routing page, URL map preview and apply. */
export function registerRoutingRoutes(
  router: Router,
  services: PluginServices,
): void {
  router.get(
    '/projects/:projectId/routing',
    handle(async (req, res) => {
      const { projectId } = parseInput(projectParams, req.params, 'path');
      const { window } = parseInput(windowQuerySchema, req.query, 'query');
      res.json(await services.pages.routing(projectId, window));
    }),
  );

  router.post(
    `${URL_MAP}/preview`,
    handle(async (req, res) => {
      const p = parseInput(urlMapParams, req.params, 'path');
      const body = parseInput(
        urlMapPreviewRequestSchema,
        req.body,
        'URL map change',
      );
      res.json(
        await services.routing.preview(p.projectId, p.urlMap, body.change),
      );
    }),
  );

  router.post(
    `${URL_MAP}/apply`,
    handle(async (req, res) => {
      const p = parseInput(urlMapParams, req.params, 'path');
      const body = parseInput(
        urlMapApplyRequestSchema,
        req.body,
        'URL map change',
      );
      res.json(
        await services.routing.apply(
          p.projectId,
          p.urlMap,
          body,
          services.identify(req),
        ),
      );
    }),
  );
}
