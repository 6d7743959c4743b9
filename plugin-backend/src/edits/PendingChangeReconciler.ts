import type { ChangeRecord } from '@gcp-serverless/common';
import type { ChangeHistory } from '../history/KnexChangeHistory';
import type { AuditEntry } from '../services/AuditLog';
import { notifyApplied } from './applyGuardedEdit';
import type { EditContext } from './EditContext';
import type { AnyGuardedEditKind } from './GuardedEditKind';

/** What one tick did. */
export interface ReconcileReport {
  /** Pending entries looked at. */
  checked: number;
  succeeded: number;
  failed: number;
  /** Left pending: not in force yet and still inside the settle window, or unreadable now. */
  stillPending: number;
}

/**
 * Settles `pending` history entries (applies Google accepted but did not confirm in time): re-reads
 * each resource; when the requested values are in force the entry becomes `succeeded`; when they
 * are not and the settle window has passed, `failed`. A read that fails leaves the entry for the next
 * tick. Settling only ever moves an entry out of `pending`, so replicas ticking at once agree.
 * One `tick()` is one pass: a timer drives it standalone (`start`); inside Backstage the scheduler can
 * call `tick` the same way.
 */
export class PendingChangeReconciler {
  private readonly history: ChangeHistory;
  private readonly kinds: readonly AnyGuardedEditKind[];
  private readonly ctx: EditContext;

  constructor(deps: {
    history: ChangeHistory;
    kinds: readonly AnyGuardedEditKind[];
    ctx: EditContext;
  }) {
    this.history = deps.history;
    this.kinds = deps.kinds;
    this.ctx = deps.ctx;
  }

  async tick(): Promise<ReconcileReport> {
    const report: ReconcileReport = {
      checked: 0,
      succeeded: 0,
      failed: 0,
      stillPending: 0,
    };
    for (const entry of await this.history.listPending(100)) {
      report.checked++;
      const verdict = await this.verdict(entry);
      if (verdict === 'pending') {
        report.stillPending++;
        continue;
      }
      const settled: AuditEntry = {
        id: entry.id,
        time: entry.time,
        actor: entry.actor,
        action: entry.action,
        resource: entry.resource,
        before: entry.before,
        after: entry.after,
        projects: entry.projects ?? [],
        result: verdict,
        ...(entry.operation ? { operation: entry.operation } : {}),
        ...(verdict === 'failed'
          ? {
              error: `not in force ${Math.round(
                this.ctx.settleAfterMs / 1000,
              )} s after it was submitted${
                entry.error ? ` (${entry.error})` : ''
              }`,
            }
          : {}),
      };
      await this.ctx.audit.settle?.(settled);
      await this.ctx.leases
        .release(entry.resource, entry.id)
        .catch(() => undefined);
      if (verdict === 'succeeded') {
        report.succeeded++;
        await notifyApplied(this.ctx, settled);
      } else report.failed++;
    }
    return report;
  }

  /** Runs `tick` every `intervalMs` until the returned stop function is called; the timer never keeps the process alive. */
  start(intervalMs: number): () => void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      this.tick()
        .catch(err =>
          this.ctx.logger.warn('pending change reconciler tick failed', {
            error: String(err),
          }),
        )
        .finally(() => (running = false));
    }, intervalMs);
    timer.unref?.();
    return () => clearInterval(timer);
  }

  private async verdict(
    entry: ChangeRecord,
  ): Promise<'succeeded' | 'failed' | 'pending'> {
    const kind = this.kinds.find(k => k.contract.action === entry.action);
    const ref = kind?.refOfResource(entry.resource);
    const expired =
      this.ctx.now() - Date.parse(entry.time) >= this.ctx.settleAfterMs;
    if (!kind || !ref) return expired ? 'failed' : 'pending';
    try {
      const current = await kind.read(ref);
      if (
        kind.contract.diff(kind.settingsOf(current), entry.after).length === 0
      )
        return 'succeeded';
    } catch (err) {
      this.ctx.logger.warn(
        `reconciler could not read ${entry.resource}; trying again next tick`,
        { error: String(err) },
      );
      return 'pending';
    }
    return expired ? 'failed' : 'pending';
  }
}
