import type { Router } from 'express';
import {
  applyGuardedEdit,
  previewGuardedEdit,
} from '../edits/applyGuardedEdit';
import type { AnyGuardedEditKind } from '../edits/GuardedEditKind';
import type { PluginServices } from '../wiring/createPluginServices';
import { handle } from './handle';
import { parseInput } from './validate';

/**
 * The routes of one edit kind, the same for every kind: `POST ${routePath}/preview` with
 * `{ change }` and `POST ${routePath}/apply` with `{ change, etag, acknowledgedWarnings }`. Apply
 * answers 200 `{ outcome: 'succeeded', change, …kind fields }` or 202 `{ outcome: 'pending',
 * changeId, message }`; refusals are typed errors (409 stale etag, 400 bad input).
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
      res.json(await previewGuardedEdit(kind, ref, body.change));
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
      const answer = await applyGuardedEdit(
        kind,
        ref,
        body,
        { actor: services.identify(req), origin: req },
        services.edits.context,
      );
      res.status(answer.outcome === 'pending' ? 202 : 200).json(answer);
    }),
  );
}
