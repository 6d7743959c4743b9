import {
  useInfiniteQuery,
  useQueries,
  useQuery,
  type InfiniteData,
  type UseInfiniteQueryResult,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import type {
  AccessSummary,
  BudgetListResponse,
  CdnOverviewResponse,
  ChangeHistoryResponse,
  ChangeKind,
  CostRange,
  CostReportResponse,
  ProjectListResponse,
  ProjectOverviewResponse,
  QueueListResponse,
  RecentErrorsResponse,
  RedisListResponse,
  RoutingOverviewResponse,
  ServiceDetailResponse,
  ServiceListResponse,
  SetupReport,
  TimeWindow,
  TopologyResponse,
} from '@gcp-serverless/common';
import type { GcpServerlessApi, ServiceRef } from '../api/GcpServerlessApi';
import { useGcpServerlessApi } from '../api/GcpServerlessApiContext';
import { queryKeys } from './queryKeys';

/**
 * One hook per read of the plugin's API, each a TanStack Query over `useGcpServerlessApi()`: answers are
 * cached by key, concurrent readers of one key share one request, and a read nobody watches any more is
 * aborted (the signal goes to the client's fetch). Components use `data`, `error`, `isFetching` and
 * `refetch` of the result.
 */

/** `GET /projects`: the allowlist changes only with the configuration, so it is asked once per page load. */
export function useProjectsQuery(): UseQueryResult<ProjectListResponse> {
  const api = useGcpServerlessApi();
  return useQuery({
    queryKey: queryKeys.projects(),
    queryFn: ({ signal }) => api.listProjects({ signal }),
    staleTime: Infinity,
  });
}

/** `GET /me`: asked once; every form on a page reads the same answer. */
export function useAccessQuery(): UseQueryResult<AccessSummary> {
  const api = useGcpServerlessApi();
  return useQuery({
    queryKey: queryKeys.access(),
    queryFn: ({ signal }) => api.getAccess({ signal }),
    staleTime: Infinity,
  });
}

/**
 * `GET /setup`: the doctor's report, shared by the setup banner above every page and the setup page.
 * A host API object that predates `getSetup` answers undefined (no banner).
 */
export function useSetupQuery(): UseQueryResult<SetupReport | undefined> {
  const api = useGcpServerlessApi();
  return useQuery({
    queryKey: queryKeys.setup(),
    queryFn: ({ signal }) =>
      typeof api.getSetup === 'function'
        ? api.getSetup({ signal })
        : Promise.resolve(undefined),
    staleTime: 60_000,
  });
}

function projectOverviewOptions(
  api: GcpServerlessApi,
  projectId: string,
  window: TimeWindow,
): UseQueryOptions<ProjectOverviewResponse> {
  return {
    queryKey: queryKeys.projectOverview(projectId, window),
    queryFn: ({ signal }) =>
      api.getProjectOverview(projectId, window, { signal }),
  };
}

/** One project's card and problems on the index page. */
export function useProjectOverviewQuery(
  projectId: string,
  window: TimeWindow,
): UseQueryResult<ProjectOverviewResponse> {
  const api = useGcpServerlessApi();
  return useQuery(projectOverviewOptions(api, projectId, window));
}

/**
 * Every listed project's overview, one result per project in the order given. Same keys as
 * {@link useProjectOverviewQuery}, so the problems list and the cards share one request per project.
 */
export function useProjectOverviewQueries(
  projectIds: readonly string[],
  window: TimeWindow,
): UseQueryResult<ProjectOverviewResponse>[] {
  const api = useGcpServerlessApi();
  return useQueries({
    queries: projectIds.map(id => projectOverviewOptions(api, id, window)),
  });
}

export function useServicesQuery(
  projectId: string,
  window: TimeWindow,
  options: { enabled?: boolean } = {},
): UseQueryResult<ServiceListResponse> {
  const api = useGcpServerlessApi();
  return useQuery({
    queryKey: queryKeys.services(projectId, window),
    queryFn: ({ signal }) => api.listServices(projectId, window, { signal }),
    enabled: options.enabled ?? true,
  });
}

/** One service; `ref` undefined (e.g. an unparsable resource name) leaves the query idle. */
export function useServiceQuery(
  ref: ServiceRef | undefined,
  window: TimeWindow,
): UseQueryResult<ServiceDetailResponse> {
  const api = useGcpServerlessApi();
  return useQuery({
    queryKey: queryKeys.service(
      ref?.projectId ?? '',
      ref?.region ?? '',
      ref?.service ?? '',
      window,
    ),
    queryFn: ({ signal }) => api.getService(ref!, window, { signal }),
    enabled: ref !== undefined,
  });
}

export function useRecentErrorsQuery(
  ref: ServiceRef,
  window: TimeWindow,
): UseQueryResult<RecentErrorsResponse> {
  const api = useGcpServerlessApi();
  return useQuery({
    queryKey: queryKeys.recentErrors(
      ref.projectId,
      ref.region,
      ref.service,
      window,
    ),
    queryFn: ({ signal }) => api.getRecentErrors(ref, window, { signal }),
  });
}

/** A project's queues; `projectId` undefined leaves the query idle. */
export function useQueuesQuery(
  projectId: string | undefined,
  window: TimeWindow,
): UseQueryResult<QueueListResponse> {
  const api = useGcpServerlessApi();
  return useQuery({
    queryKey: queryKeys.queues(projectId ?? '', window),
    queryFn: ({ signal }) => api.listQueues(projectId!, window, { signal }),
    enabled: projectId !== undefined,
  });
}

/** A project's Redis instances; `projectId` undefined leaves the query idle. */
export function useRedisQuery(
  projectId: string | undefined,
  window: TimeWindow,
): UseQueryResult<RedisListResponse> {
  const api = useGcpServerlessApi();
  return useQuery({
    queryKey: queryKeys.redis(projectId ?? '', window),
    queryFn: ({ signal }) => api.listRedis(projectId!, window, { signal }),
    enabled: projectId !== undefined,
  });
}

export function useRoutingQuery(
  projectId: string,
  window: TimeWindow,
  options: { enabled?: boolean } = {},
): UseQueryResult<RoutingOverviewResponse> {
  const api = useGcpServerlessApi();
  return useQuery({
    queryKey: queryKeys.routing(projectId, window),
    queryFn: ({ signal }) => api.getRouting(projectId, window, { signal }),
    enabled: options.enabled ?? true,
  });
}

export function useCdnQuery(
  projectId: string,
  window: TimeWindow,
  options: { enabled?: boolean } = {},
): UseQueryResult<CdnOverviewResponse> {
  const api = useGcpServerlessApi();
  return useQuery({
    queryKey: queryKeys.cdn(projectId, window),
    queryFn: ({ signal }) => api.getCdn(projectId, window, { signal }),
    enabled: options.enabled ?? true,
  });
}

export function useTopologyQuery(
  projectId: string,
  window: TimeWindow,
): UseQueryResult<TopologyResponse> {
  const api = useGcpServerlessApi();
  return useQuery({
    queryKey: queryKeys.topology(projectId, window),
    queryFn: ({ signal }) => api.getTopology(projectId, window, { signal }),
  });
}

/** The costs of a project over `range`, or of one resource of it (the service cost panel, a filtered page). */
export function useCostsQuery(
  projectId: string,
  range: CostRange,
  resource: string | null = null,
): UseQueryResult<CostReportResponse> {
  const api = useGcpServerlessApi();
  return useQuery({
    queryKey: queryKeys.costs(projectId, range, resource),
    queryFn: ({ signal }) =>
      api.getCosts(projectId, range, {
        signal,
        ...(resource !== null ? { resource } : {}),
      }),
  });
}

/** The billing account's budgets (one read for every project). */
export function useBudgetsQuery(): UseQueryResult<BudgetListResponse> {
  const api = useGcpServerlessApi();
  return useQuery({
    queryKey: queryKeys.budgets(),
    queryFn: ({ signal }) => api.listBudgets({ signal }),
  });
}

/**
 * The change history of a project, or of one resource (full name) in it, filtered by kind and person on
 * the server, a page at a time (`fetchNextPage` follows `nextCursor`). `refreshKey` (e.g. the
 * resource's etag) is part of the key: when it changes, a change happened, so the history is read again.
 */
export function useHistoryQuery(
  projectId: string,
  resource: string | undefined,
  filters: { kind?: ChangeKind; actor?: string } = {},
  refreshKey?: unknown,
): UseInfiniteQueryResult<InfiniteData<ChangeHistoryResponse, string | null>> {
  const api = useGcpServerlessApi();
  return useInfiniteQuery({
    queryKey: [
      ...queryKeys.history(projectId, resource),
      filters.kind ?? null,
      filters.actor ?? null,
      refreshKey ?? null,
    ],
    queryFn: ({ signal, pageParam }) =>
      api.listHistory(
        projectId,
        {
          ...(resource ? { resource } : {}),
          ...(filters.kind ? { kind: filters.kind } : {}),
          ...(filters.actor ? { actor: filters.actor } : {}),
          ...(pageParam ? { cursor: pageParam } : {}),
        },
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: last => last.nextCursor ?? undefined,
    // The history is the record of what just happened: never shown from an older cache entry.
    staleTime: 0,
  });
}
