import type { Router } from 'express';
import type { SetupReport } from '@gcp-serverless/common';
import type { PluginServices } from '../../wiring/createPluginServices';
import { handle } from '../handle';

/** GET /setup: the doctor's report (credentials, APIs, permissions, billing); `?refresh=1` checks again. */
export function registerSetupRoutes(
  router: Router,
  services: PluginServices,
): void {
  router.get(
    '/setup',
    handle(async (req, res) => {
      const body: SetupReport = await services.setup.report(
        req.query.refresh === '1',
      );
      res.json(body);
    }),
  );
}
