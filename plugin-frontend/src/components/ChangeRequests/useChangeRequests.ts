import {
  useMutation,
  useQuery,
  useQueryClient,
  type UseQueryResult,
} from '@tanstack/react-query';
import type {
  ChangeRequestDecision,
  ChangeRequestList,
  ChangeRequestView,
} from '@gcp-serverless/common';
import { useGcpServerlessApi } from '../../api/GcpServerlessApiContext';
import { useReloadAfterChange } from '../../queries/useReloadAfterChange';

/** Keys of the change request reads (docs/approvals.md); one prefix so a decision reloads them all. */
export const changeRequestKeys = {
  all: ['gcp-serverless', 'change-requests'] as const,
  list: (projectId: string) =>
    ['gcp-serverless', 'change-requests', 'list', projectId] as const,
  one: (id: string) =>
    ['gcp-serverless', 'change-requests', 'one', id] as const,
};

/** The change requests of a project, newest first, with the open count (re-asked every 30 s while shown). */
export function useChangeRequestsQuery(
  projectId: string,
): UseQueryResult<ChangeRequestList> {
  const api = useGcpServerlessApi();
  return useQuery({
    queryKey: changeRequestKeys.list(projectId),
    queryFn: ({ signal }) =>
      api.listChangeRequests({ status: 'all', projectId }, { signal }),
    refetchInterval: 30_000,
    retry: false,
  });
}

/** One request: its frozen preview, the resource now and what changed since. */
export function useChangeRequestQuery(
  id: string,
): UseQueryResult<ChangeRequestView> {
  const api = useGcpServerlessApi();
  return useQuery({
    queryKey: changeRequestKeys.one(id),
    queryFn: ({ signal }) => api.getChangeRequest(id, { signal }),
  });
}

/** Approve or reject; afterwards the requests and the project's pages load again (an approval changed the resource). */
export function useChangeRequestDecision(projectId: string | undefined) {
  const api = useGcpServerlessApi();
  const client = useQueryClient();
  const reload = useReloadAfterChange(projectId);
  return useMutation<
    ChangeRequestDecision,
    Error,
    { id: string; decision: 'approve' | 'reject'; comment: string }
  >({
    mutationFn: ({ id, decision, comment }) =>
      decision === 'approve'
        ? api.approveChangeRequest(id, comment)
        : api.rejectChangeRequest(id, comment),
    onSettled: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: changeRequestKeys.all }),
        reload(),
      ]);
    },
  });
}
