import type {
  SandboxApi,
  SandboxApiDeps,
  SandboxRequest,
  SandboxRoute,
} from '../../api';
import { GoogleApiError } from '../../googleError';
import { decodePath } from '../pathCodec';
import { getBudget, listBudgets, updateBudget } from './budgetMethods';

const BUDGETS = /^\/v1\/billingAccounts\/([^/]+)\/budgets$/;
const BUDGET = /^\/v1\/billingAccounts\/([^/]+)\/budgets\/([^/]+)$/;

/**
 * Cloud Billing Budget API v1 (billingbudgets.googleapis.com) as the official
 * `@google-cloud/billing-budgets` BudgetServiceClient calls it with `fallback: true`:
 * `GET /v1/billingAccounts/A/budgets?scope=projects/P&pageSize=N&pageToken=T&$alt=json;enum-encoding=int`,
 * `GET /v1/billingAccounts/A/budgets/B`, `PATCH /v1/billingAccounts/A/budgets/B?updateMask=a,b` with the
 * Budget as body. Create and delete answer 501: the portal never calls them.
 */
export function createBudgetsApi(deps: SandboxApiDeps): SandboxApi {
  const route = (method: string, handle: () => unknown): SandboxRoute => ({
    method,
    handle: () => ({ status: 200, body: handle() }),
  });

  function match(request: SandboxRequest): SandboxRoute | null {
    const path = decodePath(request.path);
    if (path === undefined) return null;
    const list = BUDGETS.exec(path);
    if (list && request.method === 'GET')
      return route('billingbudgets.budgets.list', () =>
        listBudgets(deps.world, list[1]!, request.query),
      );
    const one = BUDGET.exec(path);
    if (one && request.method === 'GET')
      return route('billingbudgets.budgets.get', () =>
        getBudget(deps.world, one[1]!, one[2]!),
      );
    if (one && request.method === 'PATCH') {
      return route('billingbudgets.budgets.patch', () =>
        updateBudget(deps.world, {
          accountId: one[1]!,
          budgetId: one[2]!,
          body: request.body,
          updateMask:
            request.query.get('updateMask') ?? request.query.get('update_mask'),
        }),
      );
    }
    if (list || one) {
      return route('billingbudgets.unimplemented', () => {
        throw new GoogleApiError(
          501,
          'UNIMPLEMENTED',
          `The sandbox does not emulate ${request.method} ${request.path}`,
        );
      });
    }
    return null;
  }

  return { name: 'billingbudgets', match };
}
