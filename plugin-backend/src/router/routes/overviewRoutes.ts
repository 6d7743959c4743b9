import type { Router } from 'express';
import { windowQuerySchema } from '@gcp-serverless/common';
import { projectParams } from './params';
import type { PluginServices } from '../../wiring/createPluginServices';
import { handle } from '../handle';
import { sendPage } from '../sendPage';
import { parseInput } from '../validate';

/** The index page (health and problems across every configured project, or of one project) and a project's topology. */
export function registerOverviewRoutes(
  router: Router,
  services: PluginServices,
): void {
  router.get(
    '/overview',
    handle(async (req, res) => {
      const { window } = parseInput(windowQuerySchema, req.query, 'query');
      sendPage(req, res, await services.pages.overviewBody(window));
    }),
  );

  router.get(
    '/projects/:projectId/overview',
    handle(async (req, res) => {
      const { projectId } = parseInput(projectParams, req.params, 'path');
      const { window } = parseInput(windowQuerySchema, req.query, 'query');
      res.json(await services.pages.projectOverviewPage(projectId, window));
    }),
  );

  router.get(
    '/projects/:projectId/topology',
    handle(async (req, res) => {
      const { projectId } = parseInput(projectParams, req.params, 'path');
      const { window } = parseInput(windowQuerySchema, req.query, 'query');
      res.json(await services.pages.topology(projectId, window));
    }),
  );
}
