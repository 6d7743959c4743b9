import type { Router } from 'express';
import {
  approveRequestSchema,
  changeRequestParamsSchema,
  changeRequestQuerySchema,
  rejectRequestSchema,
} from '@gcp-serverless/common';
import { identityOf } from '../../access/RequestAuthorizer';
import type { PluginServices } from '../../wiring/createPluginServices';
import { handle } from '../handle';
import { parseInput } from '../validate';

/**
 * Change requests (docs/approvals.md): `GET /change-requests[?status=&projectId=&limit=]` (with the
 * open count), `GET /change-requests/:id` (frozen preview, fresh preview, what changed since),
 * `POST /change-requests/:id/approve` `{ comment? }` and `/reject` `{ comment }` (approver
 * permission, checked by the router's guard; never the requester).
 */
export function registerChangeRequestRoutes(
  router: Router,
  services: PluginServices,
): void {
  router.get(
    '/change-requests',
    handle(async (req, res) => {
      const query = parseInput(changeRequestQuerySchema, req.query, 'query');
      if (query.projectId) services.access.project(query.projectId);
      res.json(await services.approvals.list(query));
    }),
  );

  router.get(
    '/change-requests/:id',
    handle(async (req, res) => {
      const { id } = parseInput(changeRequestParamsSchema, req.params, 'path');
      res.json(await services.approvals.view(id));
    }),
  );

  router.post(
    '/change-requests/:id/approve',
    handle(async (req, res) => {
      const { id } = parseInput(changeRequestParamsSchema, req.params, 'path');
      const body = parseInput(approveRequestSchema, req.body ?? {}, 'approval');
      res.json(
        await services.approvals.approve(id, body.comment, {
          actor: services.identify(req),
          origin: req,
          identity: identityOf(req),
        }),
      );
    }),
  );

  router.post(
    '/change-requests/:id/reject',
    handle(async (req, res) => {
      const { id } = parseInput(changeRequestParamsSchema, req.params, 'path');
      const body = parseInput(rejectRequestSchema, req.body ?? {}, 'rejection');
      res.json(
        await services.approvals.reject(id, body.comment, {
          actor: services.identify(req),
          origin: req,
          identity: identityOf(req),
        }),
      );
    }),
  );
}
