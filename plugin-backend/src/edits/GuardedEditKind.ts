import type {
  ChangeWarning,
  ConflictError,
  EditContract,
  FieldChange,
  GuardedApplyRequest,
} from '@gcp-serverless/common';

/** What the shared path computed for a change: the diff (contract), the kind's warnings and the facts behind them. */
export interface EditAssessment<Facts> {
  diff: FieldChange[];
  warnings: ChangeWarning[];
  facts: Facts;
}

/** What a write reports: the operation it started and, when the answer carried it, the resource as written. */
export interface EditWrite<Resource> {
  operation?: string;
  resource?: Resource;
}

/**
 * One kind of guarded edit as the backend serves it: the contract from common plus how to read,
 * check, write and confirm the resource. `applyGuardedEdit` and `previewGuardedEdit` run the flow,
 * `registerEditRoutes` serves it, and the reconciler settles its pending entries. Adding a kind is
 * one file implementing this (edits/kinds/) and one contract in common.
 */
export interface GuardedEditKind<
  Ref,
  Resource,
  Settings,
  Change,
  Preview extends object = object,
  Result extends object = object,
  Facts = unknown,
> {
  contract: EditContract<Settings, Change>;
  /** What a 400 calls the request body, e.g. "scaling change" ("Invalid scaling change: …"). */
  readonly changeLabel: string;
  /**
   * Where the etag is enforced at the write. `google`: the write carries it and Google refuses a
   * stale one (ABORTED / 412 → 409). `lease`: Google has no etag for the resource, so the portal
   * serializes read-compare-write per resource through a lease in the shared database.
   */
  guardOf(ref: Ref): 'google' | 'lease';
  /** Express path of one resource of the kind; the registrar serves `${routePath}/preview` and `/apply`. */
  routePath: string;
  /** The reference from the route's path params (400 naming the param when one is malformed). */
  refOfParams(params: unknown): Ref;
  /** Full resource name, as history and leases key it (e.g. `projects/P/locations/L/services/S`). */
  resourceName(ref: Ref): string;
  /** The reference back from a full resource name (the reconciler's way from history), null when not this kind's. */
  refOfResource(resource: string): Ref | null;
  /** Checks the allowlist, then reads the resource from Google. */
  read(ref: Ref): Promise<Resource>;
  /** The guard as read (Google's etag or fingerprint, or the portal's settings fingerprint). */
  etagOf(resource: Resource): string;
  /** The values the kind edits, in the shape history stores as `before`. */
  settingsOf(resource: Resource): Settings;
  /** The values the change asks for, in the same shape (history's `after`). */
  proposedOf(ref: Ref, resource: Resource, change: Change): Settings;
  /** Projects whose history lists a change of this resource. */
  projectsOf(ref: Ref, resource: Resource): string[];
  /** The 409 of a stale etag, carrying the resource as it is now. */
  conflict(resource: Resource, reason?: string): ConflictError;
  /** The kind's checks: warnings (some need acknowledgement) and the facts the preview shows with them. */
  assess(
    ref: Ref,
    resource: Resource,
    change: Change,
  ): Promise<{ warnings: ChangeWarning[]; facts: Facts }>;
  /** The preview body (it includes `etag`). */
  preview(
    ref: Ref,
    resource: Resource,
    change: Change,
    assessment: EditAssessment<Facts>,
  ): Promise<Preview>;
  /**
   * Writes the change under the guard and waits until Google confirms it. Throws ConflictError when
   * Google refuses the etag, OperationPendingError when the operation is not done within its deadline.
   */
  write(
    ref: Ref,
    resource: Resource,
    request: GuardedApplyRequest<Change>,
    diff: FieldChange[],
  ): Promise<EditWrite<Resource>>;
  /** The kind's own fields of a 200 apply answer (the shared path adds `outcome` and `change`). */
  result(
    ref: Ref,
    resource: Resource,
    diff: FieldChange[],
    operation: string | undefined,
  ): Result | Promise<Result>;
}

/** Any kind, for registries (the reconciler, the registrar). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyGuardedEditKind = GuardedEditKind<
  any,
  any,
  any,
  any,
  any,
  any,
  any
>;
