import { randomUUID } from 'node:crypto';
import {
  ConflictError,
  GcpServerlessError,
  InputError,
  ServiceUnavailableError,
  unacknowledgedWarnings,
  type ApplyResponse,
  type ChangeRecord,
  type ChangeWarning,
  type GuardedApplyRequest,
} from '@gcp-serverless/common';
import { OperationPendingError } from '../gateways/operationPolling';
import { kindOfAction, projectOfResource } from '../history/KnexChangeHistory';
import type { AuditEntry } from '../services/AuditLog';
import type { EditCaller, EditContext } from './EditContext';
import type { GuardedEditKind } from './GuardedEditKind';

/** Preview of any kind: read once, diff through the contract, the kind's checks, the kind's body. */
export async function previewGuardedEdit<
  Ref,
  Resource,
  Settings,
  Change,
  Preview extends object,
  Result extends object,
  Facts,
>(
  kind: GuardedEditKind<
    Ref,
    Resource,
    Settings,
    Change,
    Preview,
    Result,
    Facts
  >,
  ref: Ref,
  change: Change,
): Promise<Preview> {
  const resource = await kind.read(ref);
  const diff = kind.contract.diff(
    kind.settingsOf(resource),
    kind.proposedOf(ref, resource, change),
  );
  const { warnings, facts } = await kind.assess(ref, resource, change);
  return kind.preview(ref, resource, change, { diff, warnings, facts });
}

/** Throws a 400 naming `acknowledgedWarnings` while a warning that needs acknowledgement is not acknowledged. */
export function requireAcknowledged(
  warnings: ChangeWarning[],
  acknowledged: readonly string[],
): void {
  const missing = unacknowledgedWarnings(warnings, acknowledged);
  if (missing.length === 0) return;
  throw new InputError('Acknowledge the warnings before applying', [
    {
      path: 'acknowledgedWarnings',
      message: `acknowledge ${missing.map(w => w.code).join(', ')}: ${missing
        .map(w => w.message)
        .join(' ')}`,
    },
  ]);
}

/**
 * Google refused the write outright (UNAVAILABLE, RESOURCE_EXHAUSTED, bad input, permission): it
 * did not happen. Anything else that fails a write (a timeout, a 500, a dropped connection) may have
 * landed, so unless a re-read shows it in force the outcome is pending, not failed.
 */
function refusedOutright(err: unknown): boolean {
  return (
    err instanceof GcpServerlessError &&
    (err instanceof ServiceUnavailableError || err.status < 500)
  );
}

/** The history record of an entry, as the 200 answer carries it. */
export function changeRecordOf(entry: AuditEntry): ChangeRecord {
  return {
    id: entry.id!,
    time: entry.time,
    actor: entry.actor,
    kind: kindOfAction(entry.action),
    action: entry.action,
    projectId: projectOfResource(entry.resource) ?? entry.projects?.[0] ?? null,
    projects: entry.projects ?? [],
    resource: entry.resource,
    before: entry.before ?? null,
    after: entry.after ?? null,
    result: entry.result,
    operation: entry.operation ?? null,
    error: entry.error ?? null,
    ...(entry.note ? { note: entry.note } : {}),
  };
}

/**
 * The one apply path of every kind of edit (docs/api.md, "Edits"):
 * 1. `lease` kinds take the resource's lease in the shared database (another apply in flight → 409);
 * 2. read the resource once; a stale etag → 409 with the current state, audited;
 * 3. nothing to change or unacknowledged warnings → 400, nothing written, not audited;
 * 4. write under the guard and wait for Google's confirmation;
 * 5. the outcome, told as it is: `succeeded` once confirmed (for `lease` kinds after a re-read);
 *    `pending` (202) when the write may still land — the reconciler settles it and releases the
 *    lease; `failed` only when Google refused the write and a re-read does not show it in force.
 */
export async function applyGuardedEdit<
  Ref,
  Resource,
  Settings,
  Change,
  Preview extends object,
  Result extends object,
  Facts,
>(
  kind: GuardedEditKind<
    Ref,
    Resource,
    Settings,
    Change,
    Preview,
    Result,
    Facts
  >,
  ref: Ref,
  request: GuardedApplyRequest<Change>,
  caller: EditCaller,
  ctx: EditContext,
): Promise<ApplyResponse<Result>> {
  const id = (ctx.newId ?? randomUUID)();
  const resourceName = kind.resourceName(ref);
  const leased = kind.guardOf(ref) === 'lease';
  let keepLease = false;
  if (
    leased &&
    !(await ctx.leases.acquire(resourceName, id, ctx.settleAfterMs))
  ) {
    const current = await kind.read(ref);
    throw kind.conflict(
      current,
      `another change of ${resourceName} is being applied; review the current values and try again`,
    );
  }
  try {
    const resource = await kind.read(ref);
    const before = kind.settingsOf(resource);
    const after = kind.proposedOf(ref, resource, request.change);
    const entry: AuditEntry = {
      id,
      time: new Date(ctx.now()).toISOString(),
      actor: caller.actor,
      action: kind.contract.action,
      resource: resourceName,
      before,
      after,
      result: 'failed',
      projects: kind.projectsOf(ref, resource),
      ...(caller.origin !== undefined ? { origin: caller.origin } : {}),
      ...(caller.note ? { note: caller.note } : {}),
    };
    if (kind.etagOf(resource) !== request.etag) {
      const conflict = kind.conflict(resource);
      await ctx.audit.record({
        ...entry,
        result: 'conflict',
        error: conflict.message,
      });
      throw conflict;
    }
    const diff = kind.contract.diff(before, after);
    if (diff.length === 0) {
      throw new InputError(
        'Nothing to change: the proposed values equal the current ones',
        [{ path: 'change', message: 'equals the current values' }],
      );
    }
    const { warnings } = await kind.assess(ref, resource, request.change);
    requireAcknowledged(warnings, request.acknowledgedWarnings);

    const landed = async (): Promise<{
      inForce: boolean;
      resource?: Resource;
    }> => {
      try {
        const now = await kind.read(ref);
        return {
          inForce: kind.contract.diff(kind.settingsOf(now), after).length === 0,
          resource: now,
        };
      } catch {
        return { inForce: false };
      }
    };
    const succeed = async (
      confirmed: Resource,
      operation: string | undefined,
      note?: string,
    ) => {
      const done: AuditEntry = {
        ...entry,
        result: 'succeeded',
        ...(operation ? { operation } : {}),
        ...(note ? { error: note } : {}),
      };
      await ctx.audit.record(done);
      await notifyApplied(ctx, done);
      const result = await kind.result(ref, confirmed, diff, operation);
      return {
        ...result,
        outcome: 'succeeded' as const,
        change: changeRecordOf(done),
      };
    };

    let written: Awaited<ReturnType<typeof kind.write>>;
    try {
      written = await kind.write(ref, resource, request, diff);
    } catch (err) {
      if (err instanceof ConflictError) {
        await ctx.audit.record({
          ...entry,
          result: 'conflict',
          error: err.message,
        });
        throw err;
      }
      const operation =
        err instanceof OperationPendingError ? err.operation : undefined;
      const check = await landed();
      if (check.inForce && check.resource)
        return await succeed(check.resource, operation);
      const message = err instanceof Error ? err.message : String(err);
      if (!refusedOutright(err)) {
        await ctx.audit.record({
          ...entry,
          result: 'pending',
          ...(operation ? { operation } : {}),
          error: message,
        });
        keepLease = leased;
        return {
          outcome: 'pending',
          changeId: id,
          message: `The change of ${resourceName} was submitted but Google has not confirmed it yet (${message}); the change history shows the outcome once it is known.`,
        };
      }
      await ctx.audit.record({ ...entry, result: 'failed', error: message });
      throw err;
    }

    if (!leased && written.resource)
      return await succeed(written.resource, written.operation);
    // Lease kinds: Google checks nothing at the write, so read back what is in force.
    const check = await landed();
    if (check.inForce && check.resource)
      return await succeed(check.resource, written.operation);
    const confirmed = check.resource ?? written.resource ?? resource;
    return await succeed(
      confirmed,
      written.operation,
      check.resource
        ? 'Google confirmed the write, but the values read back differ: the resource was changed outside the portal just after it'
        : undefined,
    );
  } finally {
    if (leased && !keepLease)
      await ctx.leases.release(resourceName, id).catch(() => undefined);
  }
}

/** Tells the read model what changed; its failure never fails the change. */
export async function notifyApplied(
  ctx: Pick<EditContext, 'afterApply' | 'logger'>,
  entry: Pick<AuditEntry, 'action' | 'resource' | 'projects'>,
): Promise<void> {
  if (!ctx.afterApply) return;
  try {
    await ctx.afterApply({
      // Budgets are billing-account wide: null, so every project's costs and overview are refreshed.
      projectId: projectOfResource(entry.resource),
      kind: kindOfAction(entry.action),
      resource: entry.resource,
    });
  } catch (err) {
    ctx.logger.warn(`afterApply of ${entry.resource} failed`, {
      error: String(err),
    });
  }
}
