import type { AccessSummary, ChangeKind } from '@gcp-serverless/common';
import { useAccessQuery } from '../queries/reads';

/** Whether the user may apply a kind of change, and why not. */
export interface ChangePermission {
  /** True while `GET /me` is in flight: forms stay disabled meanwhile. */
  loading: boolean;
  /** The backend allows it (or decides per resource, `conditional`). */
  allowed: boolean;
  /** Why not, shown next to the disabled form. */
  reason?: string;
}

/**
 * What the user may do with one kind of change, from `GET /me` (asked once, shared by every form). The
 * backend enforces it anyway (403); this only lets the UI disable the form and say why. When `/me`
 * fails, the form stays enabled: the backend's answer to the apply is then the message.
 */
export function useChangePermission(kind: ChangeKind): ChangePermission {
  const access = useAccessQuery();
  if (access.isPending) return { loading: true, allowed: false };
  if (!access.data) return { loading: false, allowed: true };
  const s = access.data.changes[kind];
  return {
    loading: false,
    allowed: s.verdict !== 'deny',
    ...(s.verdict === 'deny' && s.reason ? { reason: s.reason } : {}),
  };
}

/** The whole `GET /me` answer (undefined while loading or when it failed). */
export function useAccessSummary(): AccessSummary | undefined {
  return useAccessQuery().data;
}
