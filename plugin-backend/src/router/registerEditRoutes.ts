import type { Router } from 'express';
import { identityOf } from '../access/RequestAuthorizer';
import { previewGuardedEdit } from '../edits/applyGuardedEdit';
import type { AnyGuardedEditKind } from '../edits/GuardedEditKind';
import type { PluginServices } from '../wiring/createPluginServices';
import { handle } from './handle';
import { parseInput } from './validate';

/**
 * The routes of one edit kind, the same for every kind: `POST ${routePath}/preview` with
 * `{ change }` and `POST ${routePath}/apply` with `{ change, etag, acknowledgedWarnings }`. Apply
 * answers 200 `{ outcome: 'succeeded', change, …kind fields }` or 202 `{ outcome: 'pending',
 * changeId, message }`, or 202 `{ outcome: 'approval-requested', changeRequest, message }` when
 * the approval policy asks for a second person (docs/approvals.md); refusals are typed errors (409 stale etag, 400 bad input).
 */
export function registerEditRoutes(
  router: Router,
  services: PluginServices,
  kind: AnyGuardedEditKind,
): void {
  router.post(
    `${kind.routePath}/preview`,
    handle(async (req, res) => {
      const ref = kind.refOfParams(req.params);
      const body = parseInput(
        kind.contract.previewRequestSchema,
        req.body,
        kind.changeLabel,
      );
      const preview = await previewGuardedEdit(kind, ref, body.change);
      // While an approval policy is configured, the preview says whether applying it asks for approval, and why.
      res.json(
        services.approvals.active
          ? {
              ...preview,
              approval: await services.approvals.requirementOf(
                kind,
                preview,
                identityOf(req),
              ),
            }
          : preview,
      );
    }),
  );

  router.post(
    `${kind.routePath}/apply`,
    handle(async (req, res) => {
      const ref = kind.refOfParams(req.params);
      const body = parseInput(
        kind.contract.applyRequestSchema,
        req.body,
        kind.changeLabel,
      );
      // Straight through the guarded edit, or a change request when the approval policy says so.
      const answer = await services.approvals.applyOrRequest(
        kind,
        ref,
        body,
        {
          actor: services.identify(req),
          origin: req,
          identity: identityOf(req),
        },
        req.path.replace(/\/apply$/, ''),
      );
      res.status(answer.outcome === 'succeeded' ? 200 : 202).json(answer);
    }),
  );
}
