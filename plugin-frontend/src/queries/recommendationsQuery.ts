import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { RecommendationListResponse } from '@gcp-serverless/common';
import { useGcpServerlessApi } from '../api/GcpServerlessApiContext';
import { queryKeys } from './queryKeys';

/** Key of the list across projects (under the plugin's root, so a refresh of everything reaches it). */
export const recommendationsKey = () =>
  [...queryKeys.all, 'recommendations'] as const;

/**
 * `GET /recommendations`: the backend keeps it in its read model for an hour (a week of hourly
 * figures), so the page asks once per visit and shows the snapshot's age.
 */
export function useRecommendationsQuery(): UseQueryResult<RecommendationListResponse> {
  const api = useGcpServerlessApi();
  return useQuery({
    queryKey: recommendationsKey(),
    queryFn: ({ signal }) => api.getRecommendations({ signal }),
    staleTime: 60_000,
  });
}
