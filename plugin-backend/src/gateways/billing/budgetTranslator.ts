import type {
  Budget,
  BudgetChange,
  BudgetPeriod,
  BudgetThreshold,
  SpendBasis,
} from '@gcp-serverless/common';
import { enumName } from '../protoValues';
import { moneyToNumber, numberToMoney, type RawMoney } from './money';

/**
 * The parts of a billing.budgets.v1 Budget the portal reads. Enums may arrive as names or numbers
 * (google-gax REST decoding), int64 as string or Long.
 */
export interface RawBudget {
  name?: string | null;
  displayName?: string | null;
  etag?: string | null;
  budgetFilter?: {
    projects?: string[] | null;
    services?: string[] | null;
    calendarPeriod?: unknown;
    customPeriod?: unknown;
    creditTypesTreatment?: unknown;
    [key: string]: unknown;
  } | null;
  amount?: {
    specifiedAmount?: RawMoney | null;
    lastPeriodAmount?: unknown;
  } | null;
  thresholdRules?:
    | { thresholdPercent?: number | null; spendBasis?: unknown }[]
    | null;
  [key: string]: unknown;
}

const PERIODS: Record<number, string> = {
  0: 'CALENDAR_PERIOD_UNSPECIFIED',
  1: 'MONTH',
  2: 'QUARTER',
  3: 'YEAR',
};
const BASES: Record<number, SpendBasis> = {
  1: 'CURRENT_SPEND',
  2: 'FORECASTED_SPEND',
};
const CREDITS: Record<number, string> = {
  0: 'CREDIT_TYPES_TREATMENT_UNSPECIFIED',
  1: 'INCLUDE_ALL_CREDITS',
  2: 'EXCLUDE_ALL_CREDITS',
  3: 'INCLUDE_SPECIFIED_CREDITS',
};

function period(raw: RawBudget): BudgetPeriod {
  if (raw.budgetFilter?.customPeriod) return 'CUSTOM';
  const name = enumName(raw.budgetFilter?.calendarPeriod, PERIODS, 'MONTH');
  // An unset calendar period means the budget tracks the month (budget_model.proto).
  return name === 'QUARTER' || name === 'YEAR' ? name : 'MONTH';
}

/** Translates a Budget into the portal's domain type. */
export function toBudget(raw: RawBudget, fallbackCurrency: string): Budget {
  const name = raw.name ?? '';
  const [, billingAccount = '', , budgetId = ''] = name.split('/');
  const specified = raw.amount?.specifiedAmount;
  const thresholds: BudgetThreshold[] = (raw.thresholdRules ?? []).map(r => ({
    percent: Number(r.thresholdPercent ?? 0),
    spendBasis:
      enumName(r.spendBasis, BASES, 'CURRENT_SPEND') === 'FORECASTED_SPEND'
        ? 'FORECASTED_SPEND'
        : 'CURRENT_SPEND',
  }));
  return {
    name,
    budgetId,
    billingAccount,
    displayName: raw.displayName || budgetId,
    amount: specified ? moneyToNumber(specified) : null,
    currency: specified?.currencyCode || fallbackCurrency,
    period: period(raw),
    projects: (raw.budgetFilter?.projects ?? []).map(p =>
      p.replace(/^projects\//, ''),
    ),
    services: [...(raw.budgetFilter?.services ?? [])],
    thresholds,
    creditTypesTreatment: enumName(
      raw.budgetFilter?.creditTypesTreatment,
      CREDITS,
      'INCLUDE_ALL_CREDITS',
    ),
    etag: raw.etag ?? '',
    consoleUrl: `https://console.cloud.google.com/billing/${billingAccount}/budgets/${budgetId}/edit`,
  };
}

/** FieldMask paths of a budget edit; `custom_period` is listed so a switch to a calendar period clears it. */
export const BUDGET_EDIT_MASK = [
  'amount',
  'threshold_rules',
  'budget_filter.calendar_period',
  'budget_filter.custom_period',
];

/** The Budget body of an edit: the masked fields with the new values, carrying the etag read. */
export function budgetUpdateBody(
  current: RawBudget,
  change: BudgetChange,
  currency: string,
  etag: string,
): RawBudget {
  const { customPeriod: _dropped, ...filter } = current.budgetFilter ?? {};
  return {
    name: current.name,
    etag,
    budgetFilter: { ...filter, calendarPeriod: change.period },
    amount: { specifiedAmount: numberToMoney(change.amount, currency) },
    // The form speaks 100-based percent; Google stores 1.0-based fractions (docs/google-apis.md §6).
    thresholdRules: change.thresholds.map(t => ({
      thresholdPercent: Math.round(t.percent * 100) / 10_000,
      spendBasis: t.spendBasis,
    })),
  };
}
