import type { Router } from 'express';
import {
  historyQuerySchema,
  type ChangeHistoryResponse,
} from '@gcp-serverless/common';
import type { PluginServices } from '../../wiring/createPluginServices';
import {
  decodeHistoryCursor,
  encodeHistoryCursor,
} from '../../history/historyCursor';
import { handle } from '../handle';
import { parseInput } from '../validate';
import { projectParams } from './params';

/**
 * GET /projects/:projectId/history[?resource=&kind=&actor=&limit=&cursor=]: the change history of a
 * project or one resource, newest first, filtered by kind of change and person over the whole history
 * (in the database, not over a page), a page at a time (`nextCursor`).
 */
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
      const scope = {
        projectId,
        ...(query.resource ? { resource: query.resource } : {}),
      };
      const [rows, facets] = await Promise.all([
        // One more than the page: whether it exists says whether there is a next page.
        services.history.list({
          ...scope,
          ...(query.kind ? { kind: query.kind } : {}),
          ...(query.actor ? { actor: query.actor } : {}),
          ...(query.cursor ? { after: decodeHistoryCursor(query.cursor) } : {}),
          limit: query.limit + 1,
        }),
        services.history.facets(scope),
      ]);
      const entries = rows.slice(0, query.limit);
      const last = entries[entries.length - 1];
      const body: ChangeHistoryResponse = {
        projectId,
        resource: query.resource ?? null,
        filters: { kind: query.kind ?? null, actor: query.actor ?? null },
        entries,
        nextCursor:
          rows.length > query.limit && last
            ? encodeHistoryCursor({ time: last.time, id: last.id })
            : null,
        facets,
      };
      res.json(body);
    }),
  );
}
