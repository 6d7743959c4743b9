import type { Router } from 'express';
import { NotAllowedError } from '@gcp-serverless/common';
import { identityOf } from '../../access/RequestAuthorizer';
import type { PluginServices } from '../../wiring/createPluginServices';
import { handle } from '../handle';

/** GET /me: who the user is and what they may change, so the frontend disables the rest and says why. */
export function registerAccessRoutes(
  router: Router,
  services: PluginServices,
): void {
  router.get(
    '/me',
    handle(async (req, res) => {
      const identity = identityOf(req);
      if (!identity)
        throw new NotAllowedError('No identity established for this request');
      res.json(await services.authorizer.summarize(identity));
    }),
  );
}
