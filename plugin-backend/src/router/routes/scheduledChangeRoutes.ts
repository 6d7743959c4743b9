import type { Router } from 'express';
import { z } from 'zod';
import {
  SCHEDULABLE_KINDS,
  scheduledChangesQuerySchema,
} from '@gcp-serverless/common';
import { identityOf } from '../../access/RequestAuthorizer';
import { previewGuardedEdit } from '../../edits/applyGuardedEdit';
import type { PluginServices } from '../../wiring/createPluginServices';
import { handle } from '../handle';
import { parseInput } from '../validate';
import { projectParams } from './params';

const scheduleIdParams = z
  .object({ scheduleId: z.string().uuid('must be a scheduled change id') })
  .passthrough();

/**
 * Changes scheduled for a window (docs/scheduled-changes.md): the calendar of a project,
 * `POST ${routePath}/schedule` and `POST ${routePath}/schedule/:scheduleId/cancel` of each
 * schedulable edit kind (scaling, queue), authorized as that kind's changes.
 */
export function registerScheduledChangeRoutes(
  router: Router,
  services: PluginServices,
): void {
  const { service } = services.scheduledChanges;
  router.get(
    '/projects/:projectId/scheduledChanges',
    handle(async (req, res) => {
      const { projectId } = parseInput(projectParams, req.params, 'path');
      const query = parseInput(scheduledChangesQuerySchema, req.query, 'query');
      res.json(await service.list(projectId, query));
    }),
  );
  const schedulable = services.edits.kinds.filter(k =>
    (SCHEDULABLE_KINDS as readonly string[]).includes(k.contract.kind),
  );
  for (const kind of schedulable) {
    router.post(
      `${kind.routePath}/schedule`,
      handle(async (req, res) => {
        res
          .status(201)
          .json(
            await service.schedule(
              kind,
              req.params,
              req.body,
              services.identify(req),
              req,
              async (ref, change) =>
                services.approvals.active
                  ? services.approvals.requirementOf(
                      kind,
                      await previewGuardedEdit(kind, ref, change),
                      identityOf(req),
                    )
                  : undefined,
            ),
          );
      }),
    );
    router.post(
      `${kind.routePath}/schedule/:scheduleId/cancel`,
      handle(async (req, res) => {
        const { scheduleId } = parseInput(scheduleIdParams, req.params, 'path');
        res.json(
          await service.cancel(
            kind,
            req.params,
            scheduleId,
            services.identify(req),
            req,
          ),
        );
      }),
    );
  }
}
