import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { queryKeys } from './queryKeys';

const OVERVIEW_PREFIX = queryKeys.overview('1h').slice(0, 2);

/**
 * What a page calls after an edit was applied (or a refresh finished): every cached read of the project,
 * the overview of all projects and the budgets become stale; the ones on screen load again at once, the
 * rest when they are next shown. So the service page, its project's list and the home page all show
 * the edit without each knowing about the others.
 */
export function useReloadAfterChange(projectId?: string): () => Promise<void> {
  const client = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      projectId !== undefined
        ? client.invalidateQueries({ queryKey: queryKeys.project(projectId) })
        : Promise.resolve(),
      client.invalidateQueries({ queryKey: OVERVIEW_PREFIX }),
      client.invalidateQueries({ queryKey: queryKeys.budgets() }),
    ]);
  }, [client, projectId]);
}
