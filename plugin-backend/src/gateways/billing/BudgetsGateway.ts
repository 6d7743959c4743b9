import { googleClientClass, type BudgetServiceClient } from '../googleClients';
import {
  ConflictError,
  type Budget,
  type BudgetChange,
  type BudgetConflictDetails,
} from '@gcp-serverless/common';
import type { GcpServerlessConfig } from '../../config/config';
import type { GoogleCredentials } from '../credentials/GoogleCredentials';
import { guardClient } from '../credentials/guardClient';
import { callOptions, readWithRetry, withDeadline } from '../callSettings';
import { googleClientOptions } from '../googleClientOptions';
import { lazyClient } from '../lazyClient';
import { grpcCode, GrpcCode, wrapGoogleError } from '../googleErrors';
import {
  BUDGET_EDIT_MASK,
  budgetUpdateBody,
  toBudget,
  type RawBudget,
} from './budgetTranslator';

/**
 * Cloud Billing Budget API v1 behind our own interface. Budgets hold no spend (docs/google-apis.md §6): spend
 * comes from a CostSource. Updates are read-compare-write under the etag read at preview; Google's
 * own etag check (ABORTED) covers a change landing between our read and the write.
 */
export class BudgetsGateway {
  private readonly client: BudgetServiceClient;
  private readonly options: {
    accountId: string;
    readMs: number;
    writeMs: number;
    currency?: string;
  };

  constructor(
    client: BudgetServiceClient,
    options: {
      accountId: string;
      readMs: number;
      writeMs: number;
      currency?: string;
    },
  ) {
    this.client = client;
    this.options = options;
  }

  /** The gateway of the configured billing account, or undefined when none is configured. */
  static fromConfig(
    config: GcpServerlessConfig,
    credentials: GoogleCredentials,
  ): BudgetsGateway | undefined {
    if (!config.billing) return undefined;
    return new BudgetsGateway(
      guardClient(
        lazyClient(
          () =>
            new (googleClientClass.budgets())(
              googleClientOptions(config) as never,
            ),
        ),
        credentials,
        ['listBudgets', 'getBudget', 'updateBudget'],
      ),
      {
        accountId: config.billing.accountId,
        readMs: config.timeouts.readMs,
        writeMs: config.timeouts.writeMs,
      },
    );
  }

  get accountId(): string {
    return this.options.accountId;
  }

  /** Every budget of the account, or those whose scope includes `projectId` (the API's `scope`). */
  async listBudgets(projectId?: string): Promise<Budget[]> {
    const what = `listing budgets of billing account ${this.options.accountId}${
      projectId ? ` for ${projectId}` : ''
    }`;
    try {
      const [budgets] = await readWithRetry(
        () =>
          this.client.listBudgets(
            {
              parent: `billingAccounts/${this.options.accountId}`,
              ...(projectId ? { scope: `projects/${projectId}` } : {}),
            },
            callOptions(this.options.readMs),
          ),
        this.options.readMs,
        what,
      );
      return (budgets as RawBudget[]).map(b =>
        toBudget(b, this.options.currency ?? 'USD'),
      );
    } catch (err) {
      throw wrapGoogleError(err, what);
    }
  }

  async getBudget(budgetId: string): Promise<Budget> {
    return toBudget(
      await this.getRaw(budgetId),
      this.options.currency ?? 'USD',
    );
  }

  /** Changes amount, thresholds and period. A stale etag is a ConflictError with the budget as it is now. */
  async updateBudget(
    budgetId: string,
    change: BudgetChange,
    expectedEtag: string,
  ): Promise<Budget> {
    const raw = await this.getRaw(budgetId);
    const current = toBudget(raw, this.options.currency ?? 'USD');
    if (raw.etag !== expectedEtag) throw conflict(current);
    const what = `updating budget ${current.displayName} of billing account ${this.options.accountId}`;
    try {
      const [updated] = await withDeadline(
        this.client.updateBudget(
          {
            budget: budgetUpdateBody(
              raw,
              change,
              current.currency,
              expectedEtag,
            ) as never,
            updateMask: { paths: BUDGET_EDIT_MASK },
          },
          callOptions(this.options.writeMs),
        ),
        this.options.writeMs,
        what,
      );
      return toBudget(updated as RawBudget, current.currency);
    } catch (err) {
      if (grpcCode(err) === GrpcCode.ABORTED)
        throw conflict(await this.getBudget(budgetId));
      throw wrapGoogleError(err, what);
    }
  }

  private async getRaw(budgetId: string): Promise<RawBudget> {
    const what = `reading budget ${budgetId} of billing account ${this.options.accountId}`;
    try {
      const [budget] = await readWithRetry(
        () =>
          this.client.getBudget(
            {
              name: `billingAccounts/${this.options.accountId}/budgets/${budgetId}`,
            },
            callOptions(this.options.readMs),
          ),
        this.options.readMs,
        what,
      );
      return budget as RawBudget;
    } catch (err) {
      throw wrapGoogleError(err, what);
    }
  }
}

/** The 409 of a stale budget edit, carrying the budget as it is now. */
export function conflict(current: Budget): ConflictError {
  const details: BudgetConflictDetails = { current, etag: current.etag };
  return new ConflictError(
    `Budget ${current.displayName} was changed by someone else since you previewed; review the current values and try again`,
    { details },
  );
}
