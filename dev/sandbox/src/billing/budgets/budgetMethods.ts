import type protobuf from 'protobufjs';
import { aborted, invalidArgument, notFound } from '../../googleError';
import {
  checkMessageJson,
  isPlainObject,
  loadClientProtoRoot,
  messageType,
  normalizeMessageJson,
} from '../../protoJson';
import {
  applyMask,
  maskViolations,
  parseUpdateMask,
} from '../../run/updateMask';
import type { SandboxWorld } from '../../world';
import {
  billingOf,
  budgetEtag,
  type BudgetJson,
  type SandboxBilling,
} from '../billingState';
import { pageOf } from '../pageTokens';
import { budgetViolations } from './budgetRules';

/**
 * Cloud Billing Budget API v1 methods (list with scope, get, patch) over the world's billing state.
 * Budgets are answered as stored: camelCase, enums as names, int64 `units` as strings.
 */

type Json = Record<string, unknown>;

/** budget_service.proto: "The default and maximum value are 100." */
export const BUDGET_PAGE_SIZE = 100;

/** `google.cloud.billing.budgets.v1.Budget` from the protos shipped in `@google-cloud/billing-budgets`. */
export function budgetType(): protobuf.Type {
  return messageType(
    loadClientProtoRoot('@google-cloud/billing-budgets'),
    'google.cloud.billing.budgets.v1.Budget',
  );
}

/** The billing account, or 404 (Google answers 403 for an account the caller cannot see; unverified). */
function requireAccount(
  world: SandboxWorld,
  accountId: string,
): SandboxBilling {
  const billing = billingOf(world);
  if (billing.accountId !== accountId)
    throw notFound(
      `Billing account 'billingAccounts/${accountId}' was not found or permission denied.`,
    );
  return billing;
}

function requireBudget(
  world: SandboxWorld,
  accountId: string,
  budgetId: string,
): { billing: SandboxBilling; budget: BudgetJson } {
  const billing = requireAccount(world, accountId);
  const budget = billing.budgets.get(budgetId);
  if (!budget)
    throw notFound(
      `Budget 'billingAccounts/${accountId}/budgets/${budgetId}' was not found.`,
    );
  return { billing, budget };
}

/**
 * True when the budget tracks the project `scope` names (`projects/<id>`): it lists the project, or it
 * has no project filter and so tracks the whole account (inclusion of account-wide budgets unverified).
 */
function tracks(budget: BudgetJson, scope: string): boolean {
  const filter = budget['budgetFilter'];
  const projects =
    isPlainObject(filter) && Array.isArray(filter['projects'])
      ? (filter['projects'] as string[])
      : [];
  return projects.length === 0 || projects.includes(scope);
}

/** ListBudgets: `GET /v1/billingAccounts/{a}/budgets?scope=projects/p&pageSize=&pageToken=`. */
export function listBudgets(
  world: SandboxWorld,
  accountId: string,
  query: URLSearchParams,
): { budgets: BudgetJson[]; nextPageToken?: string } {
  const billing = requireAccount(world, accountId);
  const scope = query.get('scope') ?? '';
  if (scope !== '' && !/^projects\/[^/]+$/.test(scope)) {
    throw invalidArgument(
      'Only project scope (projects/{project}) is supported',
      [{ field: 'scope', description: `Invalid scope ${scope}` }],
    );
  }
  const matching = [...billing.budgets.values()].filter(
    b => scope === '' || tracks(b, scope),
  );
  const { page, nextPageToken } = pageOf(
    matching,
    `billingAccounts/${accountId}|${scope}`,
    query,
    BUDGET_PAGE_SIZE,
    BUDGET_PAGE_SIZE,
  );
  const budgets = page.map(b => structuredClone(b));
  return nextPageToken ? { budgets, nextPageToken } : { budgets };
}

/** GetBudget. */
export function getBudget(
  world: SandboxWorld,
  accountId: string,
  budgetId: string,
): BudgetJson {
  return structuredClone(requireBudget(world, accountId, budgetId).budget);
}

/** Proto3 default (absent, empty, zero, false): such fields of a mask-less update change nothing. */
function isDefault(value: unknown): boolean {
  if (
    value === undefined ||
    value === null ||
    value === '' ||
    value === 0 ||
    value === false
  )
    return true;
  // A message field sent as {} is set (e.g. lastPeriodAmount), so only empty lists count as default.
  return Array.isArray(value) && value.length === 0;
}

/** The decoded `PATCH /v1/billingAccounts/{a}/budgets/{b}` request. */
export interface UpdateBudgetInput {
  accountId: string;
  budgetId: string;
  /** The request body: a Budget. */
  body: unknown;
  /** Raw `updateMask` query value (snake_case or camelCase paths, comma separated). */
  updateMask: string | null;
}

/**
 * UpdateBudget: proto check, mask check, etag precondition (409 ABORTED on mismatch, as AIP-154; the
 * Budget API's exact code is unverified; an empty etag overwrites), the budget rules, then the new
 * revision. Without a mask only the request's non-default top-level fields change (budget_service.proto).
 * Answers the Budget itself: UpdateBudget is not long-running.
 */
export function updateBudget(
  world: SandboxWorld,
  input: UpdateBudgetInput,
): BudgetJson {
  const type = budgetType();
  // The client moves `budget.name` into the URL; a budget of only a name then arrives as the body `""` (observed).
  input = {
    ...input,
    body: input.body === undefined || input.body === '' ? {} : input.body,
  };
  if (!isPlainObject(input.body))
    throw invalidArgument('The request body must be a Budget', [
      { field: 'budget', description: 'required' },
    ]);
  const protoViolations = checkMessageJson(type, input.body, 'budget');
  if (protoViolations.length)
    throw invalidArgument(protoViolations[0]!.description, protoViolations);
  const mask = parseUpdateMask(input.updateMask);
  const badMask = mask ? maskViolations(type, mask) : [];
  if (badMask.length) throw invalidArgument(badMask[0]!.description, badMask);

  const { billing, budget: current } = requireBudget(
    world,
    input.accountId,
    input.budgetId,
  );
  const name = current['name'] as string;
  const sentEtag =
    typeof input.body['etag'] === 'string' ? input.body['etag'] : '';
  if (sentEtag !== '' && sentEtag !== current['etag']) {
    throw aborted(
      `etag mismatch for ${name}: the request carries ${sentEtag} but the current etag is ${String(
        current['etag'],
      )}; ` +
        'the budget was changed since it was read. Read it again and retry.',
    );
  }
  const patch = normalizeMessageJson(type, input.body, {
    dropOutputOnly: true,
  }) as Json;
  delete patch['name'];
  delete patch['etag'];
  let merged: Json;
  if (mask) {
    merged = applyMask(type, current, patch, mask);
  } else {
    merged = structuredClone(current);
    for (const [key, value] of Object.entries(patch))
      if (!isDefault(value)) merged[key] = structuredClone(value);
  }
  const amount = merged['amount'];
  if (
    isPlainObject(amount) &&
    isPlainObject(amount['specifiedAmount']) &&
    !amount['specifiedAmount']['currencyCode']
  ) {
    // Money without a currency is in the account's currency (budget_model.proto: "If specified, it must match").
    amount['specifiedAmount']['currencyCode'] = billing.currency;
  }
  const violations = budgetViolations(merged, billing.currency);
  if (violations.length)
    throw invalidArgument(
      violations.map(v => v.description).join('; '),
      violations,
    );

  const revision = (billing.revisions.get(input.budgetId) ?? 1) + 1;
  billing.revisions.set(input.budgetId, revision);
  const stored: Json = {
    ...merged,
    name,
    etag: budgetEtag(input.budgetId, revision),
  };
  billing.budgets.set(input.budgetId, stored);
  return structuredClone(stored);
}
