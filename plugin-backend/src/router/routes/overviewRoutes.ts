import type { Router } from 'express';
import { windowQuerySchema } from '@gcp-serverless/common';
import type { PluginServices } from '../../wiring/createPluginServices';
import { handle } from '../handle';
import { parseInput } from '../validate';

/** The index page: health and problems across every configured project. */
export function registerOverviewRoutes(router: Router, services: PluginServices): void {
  router.get(
    '/overview',
    handle(async (req, res) => {
      const { window } = parseInput(windowQuerySchema, req.query, 'query');
      res.json(await services.overview.overview(window));
    }),
  );
}
