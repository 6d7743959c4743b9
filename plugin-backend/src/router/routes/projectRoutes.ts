import type { Router } from 'express';
import type { ProjectListResponse } from '@gcp-serverless/common';
import type { PluginServices } from '../../wiring/createPluginServices';
import { handle } from '../handle';

/** GET /projects: the allowlist and the mode. */
export function registerProjectRoutes(
  router: Router,
  services: PluginServices,
): void {
  router.get(
    '/projects',
    handle(async (_req, res) => {
      const body: ProjectListResponse = {
        mode: services.config.mode,
        projects: services.access.list(),
      };
      res.json(body);
    }),
  );
}
