import { useEffect, useState } from 'react';
import type { AccessSummary, ChangeKind } from '@gcp-serverless/common';
import type { GcpServerlessApi } from '../api/GcpServerlessApi';
import { useGcpServerlessApi } from '../api/GcpServerlessApiContext';

/** Whether the user may apply a kind of change, and why not. */
export interface ChangePermission {
  /** True while `GET /me` is in flight: forms stay disabled meanwhile. */
  loading: boolean;
  /** The backend allows it (or decides per resource, `conditional`). */
  allowed: boolean;
  /** Why not, shown next to the disabled form. */
  reason?: string;
}

// One GET /me per API client: every form on a page asks, the answer is the same.
const summaries = new WeakMap<GcpServerlessApi, Promise<AccessSummary>>();

function accessOf(api: GcpServerlessApi): Promise<AccessSummary> {
  let summary = summaries.get(api);
  if (!summary) {
    summary = api.getAccess();
    summaries.set(api, summary);
    // A failed answer is not kept: the next form asks again.
    summary.catch(() => summaries.delete(api));
  }
  return summary;
}

/**
 * What the user may do with one kind of change, from `GET /me`. The backend enforces it anyway
 * (403); this only lets the UI disable the form and say why. When `/me` fails, the form stays
 * enabled: the backend's answer to the apply is then the message.
 */
export function useChangePermission(kind: ChangeKind): ChangePermission {
  const api = useGcpServerlessApi();
  const [state, setState] = useState<ChangePermission>({
    loading: true,
    allowed: false,
  });
  useEffect(() => {
    let live = true;
    accessOf(api).then(
      summary => {
        const s = summary.changes[kind];
        if (live)
          setState({
            loading: false,
            allowed: s.verdict !== 'deny',
            ...(s.verdict === 'deny' && s.reason ? { reason: s.reason } : {}),
          });
      },
      () => live && setState({ loading: false, allowed: true }),
    );
    return () => {
      live = false;
    };
  }, [api, kind]);
  return state;
}

/** The whole `GET /me` answer (undefined while loading or when it failed). */
export function useAccessSummary(): AccessSummary | undefined {
  const api = useGcpServerlessApi();
  const [summary, setSummary] = useState<AccessSummary>();
  useEffect(() => {
    let live = true;
    accessOf(api).then(
      s => live && setSummary(s),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  return summary;
}
