import type { Router } from 'express';
import type { PluginServices } from '../../wiring/createPluginServices';
import { handle } from '../handle';
import { sendPage } from '../sendPage';

/** Budgets of the configured billing account with spend (edits: the `budget` edit kind, registerEditRoutes). */
export function registerBudgetRoutes(
  router: Router,
  services: PluginServices,
): void {
  router.get(
    '/billing/budgets',
    handle(async (req, res) => {
      sendPage(req, res, await services.pages.budgetsBody());
    }),
  );
}
