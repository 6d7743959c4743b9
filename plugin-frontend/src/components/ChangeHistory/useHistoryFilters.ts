import { useSearchParams } from 'react-router-dom';
import { CHANGE_KINDS, type ChangeKind } from '@gcp-serverless/common';

/** Query parameters of the history filters (named apart from the pages' own `kind` and the like). */
export const HISTORY_KIND_PARAM = 'changeKind';
export const HISTORY_ACTOR_PARAM = 'changedBy';

/** The history's filters: a kind of change and a person (the server applies them to the whole history). */
export interface HistoryFilters {
  kind?: ChangeKind;
  actor?: string;
}

/** The history filters as URL state, so a filtered history is a link to share. */
export function useHistoryFilters(): [
  HistoryFilters,
  (key: keyof HistoryFilters, value: string | undefined) => void,
] {
  const [params, setParams] = useSearchParams();
  const kind = params.get(HISTORY_KIND_PARAM);
  const filters: HistoryFilters = {
    ...(kind && (CHANGE_KINDS as readonly string[]).includes(kind)
      ? { kind: kind as ChangeKind }
      : {}),
    ...(params.get(HISTORY_ACTOR_PARAM)
      ? { actor: params.get(HISTORY_ACTOR_PARAM)! }
      : {}),
  };
  const set = (key: keyof HistoryFilters, value: string | undefined) =>
    setParams(
      p => {
        const name = key === 'kind' ? HISTORY_KIND_PARAM : HISTORY_ACTOR_PARAM;
        if (value) p.set(name, value);
        else p.delete(name);
        return p;
      },
      { replace: true },
    );
  return [filters, set];
}
