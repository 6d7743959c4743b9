import express, { type Request, type RequestHandler, type Router } from 'express';
import {
  projectIdSchema,
  regionSchema,
  scalingApplyRequestSchema,
  scalingPreviewRequestSchema,
  serviceNameSchema,
  windowQuerySchema,
  type ProjectListResponse,
} from '@gcp-serverless/common';
import { z } from 'zod';
import { errorMiddleware, notFoundHandler } from './errorMiddleware';
import { parseInput } from './validate';
import type { PluginServices } from '../wiring/createPluginServices';

const projectParams = z.object({ projectId: projectIdSchema });
const serviceParams = z.object({ projectId: projectIdSchema, region: regionSchema, service: serviceNameSchema });

/** Express 4 does not catch rejected promises; this forwards them to the error middleware. */
const handle =
  (fn: (req: Request, res: express.Response) => Promise<unknown>): RequestHandler =>
  (req, res, next) => {
    fn(req, res).catch(next);
  };

/**
 * The HTTP API of the plugin, to be mounted at `/api/gcp-serverless`. Handlers only parse input
 * with the shared schemas, call a service and write JSON; errors go to one middleware.
 */
export function buildRouter(services: PluginServices): Router {
  const router = express.Router();
  router.use(express.json({ limit: '100kb', strict: true }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get(
    '/projects',
    handle(async (_req, res) => {
      const body: ProjectListResponse = { mode: services.config.mode, projects: services.access.list() };
      res.json(body);
    }),
  );

  router.get(
    '/projects/:projectId/services',
    handle(async (req, res) => {
      const { projectId } = parseInput(projectParams, req.params, 'path');
      const { window } = parseInput(windowQuerySchema, req.query, 'query');
      res.json(await services.catalog.listServices(projectId, window));
    }),
  );

  router.get(
    '/projects/:projectId/locations/:region/services/:service',
    handle(async (req, res) => {
      const p = parseInput(serviceParams, req.params, 'path');
      const { window } = parseInput(windowQuerySchema, req.query, 'query');
      res.json(await services.catalog.getService(p.projectId, p.region, p.service, window));
    }),
  );

  router.post(
    '/projects/:projectId/locations/:region/services/:service/scaling/preview',
    handle(async (req, res) => {
      const p = parseInput(serviceParams, req.params, 'path');
      const body = parseInput(scalingPreviewRequestSchema, req.body, 'scaling change');
      res.json(await services.scaling.preview({ projectId: p.projectId, region: p.region, name: p.service }, body.change));
    }),
  );

  router.post(
    '/projects/:projectId/locations/:region/services/:service/scaling/apply',
    handle(async (req, res) => {
      const p = parseInput(serviceParams, req.params, 'path');
      const body = parseInput(scalingApplyRequestSchema, req.body, 'scaling change');
      const actor = services.identify(req);
      res.json(await services.scaling.apply({ projectId: p.projectId, region: p.region, name: p.service }, body, actor));
    }),
  );

  router.use(notFoundHandler);
  router.use(errorMiddleware(services.logger));
  return router;
}
