import type { z } from 'zod';
import type { ChangeKind } from '../permissions/permissions';
import type { FieldChange } from '../types/api';
import type { GuardedApplyRequest } from './guardedApplyRequest';

/**
 * One kind of guarded edit, the part browser and backend share. Every kind has the same flow:
 * preview (validate with `changeSchema`, diff, warnings, Google's own validation where it exists)
 * → apply under the `etag` read at preview → history entry with `before`/`after` in the kind's
 * `Settings` shape → revert by applying `revertOf(before)` through the same flow.
 * The backend adds how to read, write and confirm the resource (plugin-backend `GuardedEditKind`).
 */
export interface EditContract<Settings, Change> {
  kind: ChangeKind;
  /** Audit action of an apply, e.g. `scaling.apply`. */
  action: string;
  /** The change a user may make, shared by the form and the routes. */
  changeSchema: z.ZodType<Change, z.ZodTypeDef, unknown>;
  /** Body of POST …/preview: `{ change }`. */
  previewRequestSchema: z.ZodType<{ change: Change }, z.ZodTypeDef, unknown>;
  /** Body of POST …/apply: `{ change, etag, acknowledgedWarnings }`. */
  applyRequestSchema: z.ZodType<
    GuardedApplyRequest<Change>,
    z.ZodTypeDef,
    unknown
  >;
  /** Fields that differ between two settings of this kind (empty = the same). */
  diff(current: Settings, proposed: Settings): FieldChange[];
  /** The change that restores a history entry's `before`; null when `before` is not a revertible value. */
  revertOf(before: unknown): Change | null;
}

/** Parses `before` with the change schema: the shared rule of `revertOf` for kinds whose settings are their change. */
export function revertBySchema<Change>(
  schema: z.ZodType<Change, z.ZodTypeDef, unknown>,
  before: unknown,
): Change | null {
  if (before === null || before === undefined) return null;
  const parsed = schema.safeParse(before);
  return parsed.success ? parsed.data : null;
}
