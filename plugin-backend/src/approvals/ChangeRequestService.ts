import { randomUUID } from 'node:crypto';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  type ApprovalRequested,
  type ApprovalRequirement,
  type ApplyResponse,
  type ChangeRequest,
  type ChangeRequestDecision,
  type ChangeRequestList,
  type ChangeRequestStatus,
  type ChangeRequestView,
  type GuardedApplyRequest,
} from '@gcp-serverless/common';
import {
  applyGuardedEdit,
  changeRecordOf,
  previewGuardedEdit,
  requireAcknowledged,
} from '../edits/applyGuardedEdit';
import type { EditCaller, EditContext } from '../edits/EditContext';
import type { AnyGuardedEditKind } from '../edits/GuardedEditKind';
import type { ChangeHistory } from '../history/KnexChangeHistory';
import { projectOfResource } from '../history/KnexChangeHistory';
import type { RequestIdentity } from '../access/RequestAuthorizer';
import type { AuditEntry } from '../services/AuditLog';
import type { ApprovalGate } from './ApprovalGate';
import type { KnexChangeRequests } from './KnexChangeRequests';
import type { ChangeRequestNotifier } from './ChangeRequestNotifier';

/** Who acts on a request: the audit actor, the request (auditor), and the identity (the gate). */
export interface ApprovalCaller extends EditCaller {
  identity?: RequestIdentity;
}

/**
 * Approvals for risky changes (docs/approvals.md), built on the guarded edit of every kind: an
 * apply the gate flags becomes a stored change request with its preview frozen; another person with
 * the approver permission approves it, which applies the same request through `applyGuardedEdit`
 * under the etag read at preview — a resource that moved since fails the request with the reason and
 * overwrites nothing — or rejects it with a comment. Each step is a history entry.
 */
export class ChangeRequestService {
  private readonly deps: {
    gate: ApprovalGate;
    store: KnexChangeRequests;
    kinds: readonly AnyGuardedEditKind[];
    ctx: EditContext;
    history: ChangeHistory;
    notifier?: ChangeRequestNotifier;
  };

  constructor(deps: ChangeRequestService['deps']) {
    this.deps = deps;
  }

  get active(): boolean {
    return this.deps.gate.active;
  }

  /** The approval side of a preview (attached to every preview while a policy is configured). */
  async requirementOf(
    kind: AnyGuardedEditKind,
    preview: unknown,
    identity: RequestIdentity | undefined,
  ): Promise<ApprovalRequirement> {
    return this.deps.gate.requirement(kind.contract.kind, preview, identity);
  }

  /**
   * The apply route of every kind: straight through `applyGuardedEdit` unless the gate asks for
   * approval; then the change is checked as an apply would be (guard, something to change,
   * acknowledged warnings) and stored with the preview made under the same etag.
   */
  async applyOrRequest(
    kind: AnyGuardedEditKind,
    ref: unknown,
    request: GuardedApplyRequest<unknown>,
    caller: ApprovalCaller,
    path: string,
  ): Promise<ApplyResponse<object> | ApprovalRequested> {
    if (!this.active)
      return applyGuardedEdit(kind, ref, request, caller, this.deps.ctx);
    const preview = (await previewGuardedEdit(kind, ref, request.change)) as {
      etag?: string;
      diff?: unknown[];
      warnings?: Parameters<typeof requireAcknowledged>[0];
    };
    const requirement = await this.requirementOf(
      kind,
      preview,
      caller.identity,
    );
    if (!requirement.required)
      return applyGuardedEdit(kind, ref, request, caller, this.deps.ctx);
    // As an apply would refuse it: a stale guard (409, with the current state), nothing to change, unacknowledged warnings.
    if (preview.etag !== request.etag) {
      throw kind.conflict(await kind.read(ref));
    }
    if (Array.isArray(preview.diff) && preview.diff.length === 0)
      throw new InputError(
        'Nothing to change: the proposed values equal the current ones',
        [{ path: 'change', message: 'equals the current values' }],
      );
    requireAcknowledged(preview.warnings ?? [], request.acknowledgedWarnings);

    const resource = await kind.read(ref);
    const resourceName = kind.resourceName(ref);
    const changeRequest: ChangeRequest = {
      id: (this.deps.ctx.newId ?? randomUUID)(),
      kind: kind.contract.kind,
      resource: resourceName,
      projectId: projectOfResource(resourceName),
      projects: kind.projectsOf(ref, resource),
      path,
      change: request.change,
      etag: request.etag,
      acknowledgedWarnings: request.acknowledgedWarnings,
      preview,
      reasons: requirement.reasons,
      requestedBy: caller.actor,
      requestedAt: this.nowIso(),
      status: 'open',
      decidedBy: null,
      decidedAt: null,
      comment: null,
      outcome: null,
      changeId: null,
    };
    await this.deps.store.create(changeRequest);
    await this.record(kind, changeRequest, 'request', caller, {
      before: kind.settingsOf(resource),
      after: kind.proposedOf(ref, resource, request.change),
      note: `approval requested: ${requirement.reasons.join('; ')}`,
    });
    await this.notify(changeRequest, 'requested');
    return {
      outcome: 'approval-requested',
      changeRequest,
      message: `Approval requested: ${requirement.reasons.join(
        '; ',
      )}. Another person with the approver role applies it or rejects it; nothing was written.`,
    };
  }

  async list(query: {
    status: ChangeRequestStatus | 'all';
    projectId?: string;
    limit: number;
  }): Promise<ChangeRequestList> {
    const [requests, openCount] = await Promise.all([
      this.deps.store.list({
        limit: query.limit,
        ...(query.status !== 'all' ? { status: query.status } : {}),
        ...(query.projectId ? { projectId: query.projectId } : {}),
      }),
      this.deps.store.countOpen(),
    ]);
    return { requests, openCount };
  }

  /** The request with the resource now against then: a fresh preview (open requests) and what moved since. */
  async view(id: string): Promise<ChangeRequestView> {
    const request = await this.get(id);
    const { kind, ref } = this.kindOf(request);
    const then = request.preview as { current?: unknown; etag?: string };
    if (request.status !== 'open')
      return { request, now: null, changedSince: [], stale: false };
    try {
      const now = (await previewGuardedEdit(kind, ref, request.change)) as {
        current?: unknown;
        etag?: string;
      };
      const resource = await kind.read(ref);
      const settingsNow = kind.settingsOf(resource);
      // The request's history entry has its id and the settings as they were then.
      const before = (await this.deps.history.get(request.id))?.before;
      const settingsThen = before ?? then.current ?? settingsNow;
      return {
        request,
        now,
        changedSince: kind.contract.diff(settingsThen, settingsNow),
        stale: kind.etagOf(resource) !== request.etag,
      };
    } catch (err) {
      return {
        request,
        now: null,
        nowError: err instanceof Error ? err.message : String(err),
        changedSince: [],
        stale: false,
      };
    }
  }

  /**
   * Applies an open request through the guarded edit, under the etag of the requester's preview.
   * The requester may not approve their own request (403). A stale guard fails the request (409,
   * the reason in `outcome`), nothing is written.
   */
  async approve(
    id: string,
    comment: string,
    caller: ApprovalCaller,
  ): Promise<ChangeRequestDecision> {
    const request = await this.openRequest(id, caller);
    const { kind, ref } = this.kindOf(request);
    const taken = await this.deps.store.take(id, 'approving', {
      decidedBy: caller.actor,
      decidedAt: this.nowIso(),
      comment: comment || null,
    });
    if (!taken) throw this.alreadyDecided(await this.get(id));
    const note = `approved by ${caller.actor} (requested by ${
      request.requestedBy
    })${comment ? `: ${comment}` : ''}`;
    let answer: ApplyResponse<object>;
    try {
      answer = await applyGuardedEdit(
        kind,
        ref,
        {
          change: request.change,
          etag: request.etag,
          acknowledgedWarnings: request.acknowledgedWarnings,
        },
        { ...caller, note },
        this.deps.ctx,
      );
    } catch (err) {
      const stale = err instanceof ConflictError;
      const reason = stale
        ? `the resource changed since the request was made (${err.message}); nothing was written — preview the change again and make a new request`
        : `the apply failed: ${
            err instanceof Error ? err.message : String(err)
          }`;
      await this.deps.store.settle(id, 'failed', {
        outcome: reason,
        changeId: null,
      });
      const failed = await this.get(id);
      await this.notify(failed, 'failed');
      if (stale)
        throw new ConflictError(`Approval failed: ${reason}`, {
          details: { changeRequest: failed },
        });
      throw err;
    }
    const changeId =
      answer.outcome === 'pending' ? answer.changeId : answer.change.id;
    await this.deps.store.settle(id, 'approved', {
      outcome:
        answer.outcome === 'pending'
          ? answer.message
          : 'applied and confirmed by Google',
      changeId,
    });
    const approved = await this.get(id);
    await this.notify(approved, 'approved');
    const change =
      answer.outcome === 'succeeded'
        ? answer.change
        : await this.deps.history.get(changeId);
    return { request: approved, ...(change ? { change } : {}) };
  }

  /** Rejects an open request with a comment (required); nothing is written to Google. */
  async reject(
    id: string,
    comment: string,
    caller: ApprovalCaller,
  ): Promise<ChangeRequestDecision> {
    const request = await this.openRequest(id, caller);
    const { kind } = this.kindOf(request);
    const taken = await this.deps.store.take(id, 'rejected', {
      decidedBy: caller.actor,
      decidedAt: this.nowIso(),
      comment,
    });
    if (!taken) throw this.alreadyDecided(await this.get(id));
    const rejected = await this.get(id);
    const entry = await this.record(kind, rejected, 'reject', caller, {
      before: null,
      after: null,
      note: `rejected by ${caller.actor} (requested by ${request.requestedBy}): ${comment}`,
    });
    await this.notify(rejected, 'rejected');
    return { request: rejected, change: changeRecordOf(entry) };
  }

  private async openRequest(
    id: string,
    caller: ApprovalCaller,
  ): Promise<ChangeRequest> {
    const request = await this.get(id);
    if (request.status !== 'open') throw this.alreadyDecided(request);
    if (request.requestedBy === caller.actor)
      throw new NotAllowedError(
        'You requested this change: another person with the approver role must decide on it',
      );
    return request;
  }

  private async get(id: string): Promise<ChangeRequest> {
    const request = await this.deps.store.get(id);
    if (!request) throw new NotFoundError(`No change request ${id}`);
    return request;
  }

  private alreadyDecided(request: ChangeRequest): ConflictError {
    return new ConflictError(
      `Change request ${request.id} is ${request.status}${
        request.decidedBy ? ` (by ${request.decidedBy})` : ''
      }; it can be decided only once`,
      { details: { changeRequest: request } },
    );
  }

  private kindOf(request: ChangeRequest): {
    kind: AnyGuardedEditKind;
    ref: unknown;
  } {
    for (const kind of this.deps.kinds) {
      if (kind.contract.kind !== request.kind) continue;
      const ref = kind.refOfResource(request.resource);
      if (ref !== null) return { kind, ref };
    }
    throw new NotFoundError(
      `No edit kind serves ${request.kind} ${request.resource}`,
    );
  }

  /** `scaling.apply` → `scaling.request`, `urlMap.apply` → `urlMap.reject`: the history's kind stays the kind's. */
  private action(kind: AnyGuardedEditKind, step: 'request' | 'reject'): string {
    return `${kind.contract.action.replace(/\.apply$/, '')}.${step}`;
  }

  private async record(
    kind: AnyGuardedEditKind,
    request: ChangeRequest,
    step: 'request' | 'reject',
    caller: ApprovalCaller,
    fields: { before: unknown; after: unknown; note: string },
  ): Promise<AuditEntry> {
    const entry: AuditEntry = {
      // The request entry shares the request's id, so the request page finds its `before`.
      id: step === 'request' ? request.id : randomUUID(),
      time: this.nowIso(),
      actor: caller.actor,
      action: this.action(kind, step),
      resource: request.resource,
      before: fields.before,
      after: fields.after,
      result: 'succeeded',
      projects: request.projects,
      note: fields.note,
      ...(caller.origin !== undefined ? { origin: caller.origin } : {}),
    };
    await this.deps.ctx.audit.record(entry);
    return entry;
  }

  private async notify(
    request: ChangeRequest,
    event: 'requested' | 'approved' | 'rejected' | 'failed',
  ): Promise<void> {
    if (!this.deps.notifier) return;
    try {
      await this.deps.notifier.notify(request, event);
    } catch (err) {
      this.deps.ctx.logger.warn(
        `notification of change request ${request.id} failed`,
        { error: String(err) },
      );
    }
  }

  private nowIso(): string {
    return new Date(this.deps.ctx.now()).toISOString();
  }
}
