import type { Router } from 'express';
import { costQuerySchema } from '@gcp-serverless/common';
import type { PluginServices } from '../../wiring/createPluginServices';
import { handle } from '../handle';
import { sendPage } from '../sendPage';
import { parseInput } from '../validate';
import { projectParams } from './params';

/** Costs: what the costs page (a project) and the service cost panel (`resource`) draw, requests and budgets. */
export function registerCostRoutes(
  router: Router,
  services: PluginServices,
): void {
  router.get(
    '/projects/:projectId/costs',
    handle(async (req, res) => {
      const { projectId } = parseInput(projectParams, req.params, 'path');
      const { range, resource } = parseInput(
        costQuerySchema,
        req.query,
        'query',
      );
      sendPage(
        req,
        res,
        await services.pages.costsBody(projectId, range, resource ?? null),
      );
    }),
  );
}
