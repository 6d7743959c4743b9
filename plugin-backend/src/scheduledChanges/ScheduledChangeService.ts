import { randomUUID } from 'node:crypto';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  scheduleRequestSchema,
  windowInstants,
  windowTimingErrors,
  type ScheduledChange,
  type ScheduledChangesResponse,
  type SchedulableKind,
} from '@gcp-serverless/common';
import { requireAcknowledged } from '../edits/applyGuardedEdit';
import type { EditContext } from '../edits/EditContext';
import type { AnyGuardedEditKind } from '../edits/GuardedEditKind';
import type { ProjectAccess } from '../services/ProjectAccess';
import { parseInput } from '../validation/parseInput';
import type { KnexScheduledChanges } from './KnexScheduledChanges';

const DAY_MS = 86_400_000;

/**
 * Scheduling, listing and cancelling changes for a window (docs/scheduled-changes.md). Scheduling is
 * the guarded edit's apply moved in time: the same body (change, etag, acknowledged warnings) plus
 * a window, checked the same way now — etag, diff, warnings — and again by the runner when it runs.
 */
export class ScheduledChangeService {
  private readonly deps: {
    store: KnexScheduledChanges;
    access: ProjectAccess;
    ctx: EditContext;
    newId?: () => string;
  };

  constructor(deps: ScheduledChangeService['deps']) {
    this.deps = deps;
  }

  /** Schedules `body` (`{ change, etag, acknowledgedWarnings, window }`) for the resource of `params`. */
  async schedule(
    kind: AnyGuardedEditKind,
    params: unknown,
    body: unknown,
    actor: string,
    origin?: unknown,
    /**
     * The approval policy's verdict on the change (docs/approvals.md); a change it sends for
     * approval is not scheduled, since the runner applies without a second person.
     */
    approval?: (
      ref: unknown,
      change: unknown,
    ) => Promise<{ required: boolean; reasons: string[] } | undefined>,
  ): Promise<ScheduledChange> {
    const { ctx } = this.deps;
    const ref = kind.refOfParams(params);
    const request = parseInput(
      scheduleRequestSchema(kind.contract.changeSchema),
      body,
      `scheduled ${kind.changeLabel}`,
    );
    const now = ctx.now();
    const timing = windowTimingErrors(request.window, now);
    if (timing.length > 0)
      throw new InputError(
        `Invalid scheduled ${kind.changeLabel}: ${timing
          .map(f => `${f.path}: ${f.message}`)
          .join('; ')}`,
        timing,
      );
    const verdict = await approval?.(ref, request.change);
    if (verdict?.required)
      throw new NotAllowedError(
        `This change needs approval (${verdict.reasons.join(
          '; ',
        )}); a scheduled change runs without a second person, so it cannot be scheduled: apply it through approval instead`,
      );
    const resource = await kind.read(ref);
    if (kind.etagOf(resource) !== request.etag) throw kind.conflict(resource);
    const expected = kind.settingsOf(resource);
    const proposed = kind.proposedOf(ref, resource, request.change);
    const diff = kind.contract.diff(expected, proposed);
    if (diff.length === 0)
      throw new InputError(
        'Nothing to change: the proposed values equal the current ones',
        [{ path: 'change', message: 'equals the current values' }],
      );
    // The guardrails as the preview showed them; the runner checks them again at the start.
    const { warnings } = await kind.assess(ref, resource, request.change);
    requireAcknowledged(warnings, request.acknowledgedWarnings);
    const { startMs, endMs } = windowInstants(request.window);
    const resourceName = kind.resourceName(ref);
    const scheduled: ScheduledChange = {
      id: (this.deps.newId ?? randomUUID)(),
      projectId: kind.projectsOf(ref, resource)[0] ?? '',
      kind: kind.contract.kind as SchedulableKind,
      resource: resourceName,
      ref: routeParamsOf(params),
      change: request.change,
      expected,
      diff,
      warnings,
      acknowledgedWarnings: request.acknowledgedWarnings,
      window: request.window,
      startsAt: new Date(startMs).toISOString(),
      endsAt: new Date(endMs).toISOString(),
      scheduledBy: actor,
      scheduledAt: new Date(now).toISOString(),
      status: 'scheduled',
      start: null,
      revert: null,
      replaced: null,
      cancelledBy: null,
    };
    await this.deps.store.insert(scheduled);
    await ctx.audit.record({
      id: (ctx.newId ?? randomUUID)(),
      time: new Date(now).toISOString(),
      actor,
      action: `${kind.contract.kind}.schedule`,
      resource: resourceName,
      before: expected,
      after: proposed,
      result: 'succeeded',
      projects: kind.projectsOf(ref, resource),
      note: `scheduled for ${describeWindow(scheduled)}`,
      ...(origin !== undefined ? { origin } : {}),
    });
    return scheduled;
  }

  /** Cancels a window that has not started; 409 once it has (or ended), 404 when it is not this resource's. */
  async cancel(
    kind: AnyGuardedEditKind,
    params: unknown,
    id: string,
    actor: string,
    origin?: unknown,
  ): Promise<ScheduledChange> {
    const ref = kind.refOfParams(params);
    const resourceName = kind.resourceName(ref);
    const found = await this.deps.store.get(id);
    if (!found || found.resource !== resourceName)
      throw new NotFoundError(`No scheduled change ${id} of ${resourceName}`);
    const cancelled: ScheduledChange = {
      ...found,
      status: 'cancelled',
      cancelledBy: actor,
    };
    if (
      found.status !== 'scheduled' ||
      !(await this.deps.store.update(cancelled, 'scheduled'))
    ) {
      const now = (await this.deps.store.get(id)) ?? found;
      throw new ConflictError(
        `The scheduled change is ${now.status}; only a window that has not started can be cancelled`,
        { details: { scheduledChange: now } },
      );
    }
    const { ctx } = this.deps;
    await ctx.audit.record({
      id: (ctx.newId ?? randomUUID)(),
      time: new Date(ctx.now()).toISOString(),
      actor,
      action: `${found.kind}.cancelSchedule`,
      resource: resourceName,
      before: found.expected,
      after: found.change,
      result: 'succeeded',
      projects: [found.projectId],
      error: `cancelled the window ${describeWindow(found)} scheduled by ${
        found.scheduledBy
      }`,
      ...(origin !== undefined ? { origin } : {}),
    });
    return cancelled;
  }

  /** The project's windows overlapping [from, to) (default: the 7 days from now). */
  async list(
    projectId: string,
    range: { from?: string; to?: string },
  ): Promise<ScheduledChangesResponse> {
    this.deps.access.project(projectId);
    const now = this.deps.ctx.now();
    const fromMs = range.from ? Date.parse(range.from) : now;
    const toMs = range.to ? Date.parse(range.to) : fromMs + 7 * DAY_MS;
    return {
      projectId,
      now: new Date(now).toISOString(),
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
      entries: await this.deps.store.listOverlapping(projectId, fromMs, toMs),
    };
  }
}

/** `2026-12-11T17:00 → 2026-12-11T23:00 Asia/Seoul`, as history notes and skip reasons say it. */
export function describeWindow(
  change: Pick<ScheduledChange, 'window'>,
): string {
  const { start, end, timeZone } = change.window;
  const sameDay = start.slice(0, 10) === end.slice(0, 10);
  return `${start.replace('T', ' ')} to ${
    sameDay ? end.slice(11) : end.replace('T', ' ')
  } ${timeZone}`;
}

/** The route's string params (the runner rebuilds the reference from them with the kind's own parser). */
function routeParamsOf(params: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((params ?? {}) as object))
    if (typeof v === 'string' && k !== 'scheduleId') out[k] = v;
  return out;
}
