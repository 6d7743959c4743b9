import type { Router } from 'express';
import { z } from 'zod';
import type { PluginServices } from '../../wiring/createPluginServices';
import { handle } from '../handle';
import { parseInput } from '../validate';
import { projectParams } from './params';

const emptyBody = z.object({}).strict();

/** POST /projects/:projectId/refresh: recompute the project's snapshots now; answers when they are stored. */
export function registerRefreshRoutes(
  router: Router,
  services: PluginServices,
): void {
  router.post(
    '/projects/:projectId/refresh',
    handle(async (req, res) => {
      const { projectId } = parseInput(projectParams, req.params, 'path');
      parseInput(emptyBody, req.body ?? {}, 'refresh request');
      res.json(await services.readModel.refreshProject(projectId));
    }),
  );
}
