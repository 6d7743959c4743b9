import type {
  ChangeHistoryResponse,
  ChangeRecord,
} from '@gcp-serverless/common';
import type { HistoryFilter } from '../api/GcpServerlessApi';

/**
 * A `listHistory` over fixed entries that answers as the server does: filtered by resource, kind and
 * person over all of them, with the kinds and people of the whole history as facets, one page.
 */
export function historyOf(entries: ChangeRecord[]) {
  return async (
    projectId: string,
    filter: HistoryFilter = {},
  ): Promise<ChangeHistoryResponse> => {
    const scoped = entries.filter(
      e => !filter.resource || e.resource === filter.resource,
    );
    return {
      projectId,
      resource: filter.resource ?? null,
      filters: { kind: filter.kind ?? null, actor: filter.actor ?? null },
      entries: scoped.filter(
        e =>
          (!filter.kind || e.kind === filter.kind) &&
          (!filter.actor || e.actor === filter.actor),
      ),
      nextCursor: null,
      facets: {
        kinds: [...new Set(scoped.map(e => e.kind))].sort(),
        actors: [...new Set(scoped.map(e => e.actor))].sort(),
      },
    };
  };
}
