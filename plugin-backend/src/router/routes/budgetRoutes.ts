import type { Router } from 'express';
import { z } from 'zod';
import {
  budgetApplyRequestSchema,
  budgetIdSchema,
  budgetPreviewRequestSchema,
} from '@gcp-serverless/common';
import type { PluginServices } from '../../wiring/createPluginServices';
import { handle } from '../handle';
import { parseInput } from '../validate';

const budgetParams = z.object({ budgetId: budgetIdSchema });
const BUDGET = '/billing/budgets/:budgetId';

/** Budgets of the configured billing account: list with spend, preview and apply of an edit. */
export function registerBudgetRoutes(
  router: Router,
  services: PluginServices,
): void {
  router.get(
    '/billing/budgets',
    handle(async (_req, res) => {
      res.json(await services.pages.budgets());
    }),
  );

  router.post(
    `${BUDGET}/preview`,
    handle(async (req, res) => {
      const { budgetId } = parseInput(budgetParams, req.params, 'path');
      const body = parseInput(
        budgetPreviewRequestSchema,
        req.body,
        'budget change',
      );
      res.json(await services.budgets.preview(budgetId, body.change));
    }),
  );

  router.post(
    `${BUDGET}/apply`,
    handle(async (req, res) => {
      const { budgetId } = parseInput(budgetParams, req.params, 'path');
      const body = parseInput(
        budgetApplyRequestSchema,
        req.body,
        'budget change',
      );
      res.json(
        await services.budgets.apply(budgetId, body, services.identify(req)),
      );
    }),
  );
}
