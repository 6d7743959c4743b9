import type { Router } from 'express';
import {
  historyQuerySchema,
  type ChangeHistoryResponse,
} from '@gcp-serverless/common';
import type { PluginServices } from '../../wiring/createPluginServices';
import { handle } from '../handle';
import { parseInput } from '../validate';
import { projectParams } from './params';

/** GET /projects/:projectId/history[?resource=&limit=]: the change history of a project or one resource, newest first. */
export function registerHistoryRoutes(
  router: Router,
  services: PluginServices,
): void {
  router.get(
    '/projects/:projectId/history',
    handle(async (req, res) => {
      const { projectId } = parseInput(projectParams, req.params, 'path');
      const query = parseInput(historyQuerySchema, req.query, 'query');
      services.access.project(projectId);
      const entries = await services.history.list({
        projectId,
        limit: query.limit,
        ...(query.resource ? { resource: query.resource } : {}),
      });
      const body: ChangeHistoryResponse = {
        projectId,
        resource: query.resource ?? null,
        entries,
      };
      res.json(body);
    }),
  );
}
