import type { FieldViolation } from '../../googleError';
import { isPlainObject } from '../../protoJson';
import type { BudgetJson } from '../billingState';

/**
 * The Budget API's rules for a budget (docs/google-apis.md §6 and the field comments of
 * google/cloud/billing/budgets/v1/budget_model.proto), checked on the budget as it would be stored.
 * Field paths in violations use the proto (snake_case) names under `budget.`, as Google's
 * BadRequest details do. Error wording is the sandbox's own (Google's texts unverified).
 */

type Json = Record<string, unknown>;

/** Longest display name, characters (budget_model.proto: "Validation: <= 60 chars"). */
export const MAX_DISPLAY_NAME = 60;

/** int64 `units` plus `nanos` as one number (precise enough for budget amounts). */
export function moneyValue(money: Json): number {
  return Number(money['units'] ?? 0) + Number(money['nanos'] ?? 0) / 1e9;
}

function moneyViolations(
  money: Json,
  currency: string,
  path: string,
): FieldViolation[] {
  const out: FieldViolation[] = [];
  const units = Number(money['units'] ?? 0);
  const nanos = Number(money['nanos'] ?? 0);
  if (!Number.isInteger(nanos) || nanos <= -1e9 || nanos >= 1e9) {
    out.push({
      field: `${path}.nanos`,
      description: 'nanos must be between -999,999,999 and +999,999,999',
    });
  }
  // google.type.Money: units and nanos must not have opposite signs.
  if ((units > 0 && nanos < 0) || (units < 0 && nanos > 0)) {
    out.push({
      field: `${path}.nanos`,
      description: 'units and nanos must have the same sign',
    });
  }
  // A budget of zero or less alerts on every cent; the sandbox rejects it (Google's exact rule unverified).
  if (units * 1e9 + nanos <= 0)
    out.push({
      field: `${path}.units`,
      description: 'The budget amount must be greater than zero',
    });
  const code = money['currencyCode'];
  if (code !== undefined && code !== '' && code !== currency) {
    out.push({
      field: `${path}.currency_code`,
      description: `The currency code must match the billing account's currency ${currency}, got ${String(
        code,
      )}`,
    });
  }
  return out;
}

function amountViolations(
  amount: unknown,
  currency: string,
  customPeriod: boolean,
): FieldViolation[] {
  if (!isPlainObject(amount))
    return [{ field: 'budget.amount', description: 'amount is required' }];
  const specified = amount['specifiedAmount'];
  const lastPeriod = amount['lastPeriodAmount'];
  if (specified !== undefined && lastPeriod !== undefined) {
    return [
      {
        field: 'budget.amount',
        description:
          'Only one of specified_amount and last_period_amount may be set',
      },
    ];
  }
  if (isPlainObject(specified))
    return moneyViolations(
      specified,
      currency,
      'budget.amount.specified_amount',
    );
  if (isPlainObject(lastPeriod)) {
    return customPeriod
      ? [
          {
            field: 'budget.amount.last_period_amount',
            description:
              'last_period_amount cannot be used with a custom_period',
          },
        ]
      : [];
  }
  return [
    {
      field: 'budget.amount',
      description: 'One of specified_amount or last_period_amount is required',
    },
  ];
}

function thresholdViolations(
  rules: unknown,
  customPeriod: boolean,
): FieldViolation[] {
  if (rules === undefined) return [];
  if (!Array.isArray(rules))
    return [{ field: 'budget.threshold_rules', description: 'must be a list' }];
  return rules.flatMap((rule: unknown, i): FieldViolation[] => {
    const path = `budget.threshold_rules[${i}]`;
    if (!isPlainObject(rule))
      return [{ field: path, description: 'must be a ThresholdRule' }];
    const out: FieldViolation[] = [];
    const percent = rule['thresholdPercent'];
    if (typeof percent !== 'number' || !Number.isFinite(percent)) {
      out.push({
        field: `${path}.threshold_percent`,
        description: 'threshold_percent is required',
      });
    } else if (percent < 0) {
      out.push({
        field: `${path}.threshold_percent`,
        description:
          'threshold_percent must be a non-negative number (1.0 = 100 %)',
      });
    }
    if (rule['spendBasis'] === 'FORECASTED_SPEND' && customPeriod) {
      out.push({
        field: `${path}.spend_basis`,
        description: 'FORECASTED_SPEND can only be set with a calendar_period',
      });
    }
    return out;
  });
}

function isoDate(date: Json): number {
  return Date.UTC(
    Number(date['year'] ?? 0),
    Number(date['month'] ?? 1) - 1,
    Number(date['day'] ?? 1),
  );
}

function filterViolations(filter: unknown): FieldViolation[] {
  if (filter === undefined) return [];
  if (!isPlainObject(filter))
    return [{ field: 'budget.budget_filter', description: 'must be a Filter' }];
  const out: FieldViolation[] = [];
  const projects = (filter['projects'] as unknown[] | undefined) ?? [];
  projects.forEach((p, i) => {
    if (typeof p !== 'string' || !/^projects\/[^/]+$/.test(p)) {
      out.push({
        field: `budget.budget_filter.projects[${i}]`,
        description: `must have the form projects/{project}, got ${String(p)}`,
      });
    }
  });
  if (
    filter['calendarPeriod'] !== undefined &&
    filter['customPeriod'] !== undefined
  ) {
    out.push({
      field: 'budget.budget_filter',
      description: 'Only one of calendar_period and custom_period may be set',
    });
  }
  const custom = filter['customPeriod'];
  if (isPlainObject(custom)) {
    if (!isPlainObject(custom['startDate'])) {
      out.push({
        field: 'budget.budget_filter.custom_period.start_date',
        description: 'start_date is required',
      });
    } else if (
      isPlainObject(custom['endDate']) &&
      isoDate(custom['endDate']) < isoDate(custom['startDate'])
    ) {
      out.push({
        field: 'budget.budget_filter.custom_period.end_date',
        description: 'end_date must not be before start_date',
      });
    }
  }
  return out;
}

/** Every rule the budget breaks; empty when it may be stored. */
export function budgetViolations(
  budget: BudgetJson,
  currency: string,
): FieldViolation[] {
  const filter = budget['budgetFilter'];
  const customPeriod =
    isPlainObject(filter) && filter['customPeriod'] !== undefined;
  const out: FieldViolation[] = [];
  const displayName = budget['displayName'];
  if (
    typeof displayName === 'string' &&
    [...displayName].length > MAX_DISPLAY_NAME
  ) {
    out.push({
      field: 'budget.display_name',
      description: `display_name must be at most ${MAX_DISPLAY_NAME} characters`,
    });
  }
  out.push(...filterViolations(filter));
  out.push(...amountViolations(budget['amount'], currency, customPeriod));
  out.push(...thresholdViolations(budget['thresholdRules'], customPeriod));
  return out;
}
