import {
  type ApplyAnswer,
  deserializeError,
  InternalError,
  isSerializedError,
  NotFoundError,
  ServiceUnavailableError,
  UpstreamError,
  UpstreamTimeoutError,
  type AccessSummary,
  type ChangeHistoryResponse,
  type ChangeRequestDecision,
  type ChangeRequestList,
  type ChangeRequestStatus,
  type ChangeRequestView,
  type GcpServerlessError,
  type ProjectListResponse,
  type ScalingApplyRequest,
  type ScalingApplyResult,
  type ScalingChange,
  type ScalingPreview,
  type ServiceDetailResponse,
  type ServiceListResponse,
  type SetupReport,
  type TimeWindow,
  type RecommendationListResponse,
} from '@gcp-serverless/common';
import { parseRetryAfter, recordRetryAfter } from './retryAfter';
import type {
  GcpServerlessApi,
  HistoryFilter,
  RequestOptions,
  ServiceRef,
} from './GcpServerlessApi';
import type {
  QueueActionResult,
  QueueApplyRequest,
  QueueApplyResult,
  QueueChange,
  QueueListResponse,
  QueuePreview,
  RedisApplyRequest,
  RedisApplyResult,
  RedisChange,
  RedisListResponse,
  RedisPreview,
} from '@gcp-serverless/common';
import {
  queuePath,
  redisPath,
  type QueueRef,
  type RedisRef,
} from './QueuesRedisApi';
import type {
  OverviewResponse,
  ProjectOverviewResponse,
  RecentErrorsResponse,
  TopologyResponse,
} from '@gcp-serverless/common';
import type {
  ScheduleRequest,
  ScheduledChange,
  ScheduledChangesResponse,
} from '@gcp-serverless/common';
import { budgetPath } from './CostsApi';
import {
  cdnBackendPath,
  urlMapPath,
  type CdnBackendRef,
  type UrlMapRef,
} from './LoadBalancingApi';
import type {
  CdnOverviewResponse,
  CdnPolicyApplyRequest,
  CdnPolicyApplyResult,
  CdnPolicyChange,
  CdnPolicyPreview,
  RoutingOverviewResponse,
  UrlMapApplyRequest,
  UrlMapApplyResult,
  UrlMapEdit,
  UrlMapPreview,
} from '@gcp-serverless/common';
import type {
  BudgetApplyRequest,
  BudgetApplyResult,
  BudgetChange,
  BudgetListResponse,
  BudgetPreview,
  CostRange,
  CostReportResponse,
} from '@gcp-serverless/common';

/** The plugin id the backend is mounted under (`/api/gcp-serverless`). */
export const GCP_SERVERLESS_PLUGIN_ID = 'gcp-serverless';

/** The part of Backstage's `DiscoveryApi` the client needs. */
export interface DiscoveryLike {
  /** Base URL of a backend plugin, e.g. `http://localhost:7007/api/gcp-serverless` (no trailing slash). */
  getBaseUrl(pluginId: string): Promise<string>;
}

/** The part of Backstage's `FetchApi` the client needs (adds auth headers in a Backstage app). */
export interface FetchLike {
  fetch: typeof fetch;
}

/** Options of {@link GcpServerlessClient}. */
export interface GcpServerlessClientOptions {
  discoveryApi: DiscoveryLike;
  fetchApi: FetchLike;
}

/**
 * {@link GcpServerlessApi} over HTTP JSON. A failed response is rebuilt into the typed error the server
 * serialized (`deserializeError`), so callers branch on `instanceof ConflictError` and read `details`.
 */
export class GcpServerlessClient implements GcpServerlessApi {
  private readonly discoveryApi: DiscoveryLike;
  private readonly fetchApi: FetchLike;

  constructor(options: GcpServerlessClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /** A client for a fixed base URL (standalone use), e.g. `/api/gcp-serverless`, on the global `fetch`. */
  static forBaseUrl(
    baseUrl: string,
    fetchFn: typeof fetch = (...args) => globalThis.fetch(...args),
  ): GcpServerlessClient {
    const trimmed = baseUrl.replace(/\/+$/, '');
    return new GcpServerlessClient({
      discoveryApi: { getBaseUrl: async () => trimmed },
      fetchApi: { fetch: fetchFn },
    });
  }

  getSetup(
    options?: RequestOptions & { refresh?: boolean },
  ): Promise<SetupReport> {
    return this.request(
      'GET',
      options?.refresh ? '/setup?refresh=1' : '/setup',
      undefined,
      options,
    );
  }

  listProjects(options?: RequestOptions): Promise<ProjectListResponse> {
    return this.request('GET', '/projects', undefined, options);
  }

  listServices(
    projectId: string,
    window: TimeWindow,
    options?: RequestOptions,
  ): Promise<ServiceListResponse> {
    return this.request(
      'GET',
      `/projects/${enc(projectId)}/services?window=${enc(window)}`,
      undefined,
      options,
    );
  }

  getService(
    ref: ServiceRef,
    window: TimeWindow,
    options?: RequestOptions,
  ): Promise<ServiceDetailResponse> {
    return this.request(
      'GET',
      `${servicePath(ref)}?window=${enc(window)}`,
      undefined,
      options,
    );
  }

  previewScaling(
    ref: ServiceRef,
    change: ScalingChange,
    options?: RequestOptions,
  ): Promise<ScalingPreview> {
    return this.request(
      'POST',
      `${servicePath(ref)}/scaling/preview`,
      { change },
      options,
    );
  }

  applyScaling(
    ref: ServiceRef,
    request: ScalingApplyRequest,
    options?: RequestOptions,
  ): Promise<ApplyAnswer<ScalingApplyResult>> {
    return this.request(
      'POST',
      `${servicePath(ref)}/scaling/apply`,
      request,
      options,
    );
  }

  listScheduledChanges(
    projectId: string,
    range: { from: string; to: string } | undefined,
    options?: RequestOptions,
  ): Promise<ScheduledChangesResponse> {
    const query = range ? `?from=${enc(range.from)}&to=${enc(range.to)}` : '';
    return this.request(
      'GET',
      `/projects/${enc(projectId)}/scheduledChanges${query}`,
      undefined,
      options,
    );
  }

  scheduleScaling(
    ref: ServiceRef,
    request: ScheduleRequest<ScalingChange>,
    options?: RequestOptions,
  ): Promise<ScheduledChange> {
    return this.request(
      'POST',
      `${servicePath(ref)}/scaling/schedule`,
      request,
      options,
    );
  }

  cancelScheduledChange(
    entry: Pick<ScheduledChange, 'id' | 'kind' | 'ref'>,
    options?: RequestOptions,
  ): Promise<ScheduledChange> {
    const r = entry.ref;
    const resource =
      entry.kind === 'queue'
        ? `/projects/${enc(r.projectId ?? '')}/locations/${enc(
            r.region ?? '',
          )}/queues/${enc(r.queue ?? '')}`
        : `${servicePath({
            projectId: r.projectId ?? '',
            region: r.region ?? '',
            service: r.service ?? '',
          })}/scaling`;
    return this.request(
      'POST',
      `${resource}/schedule/${enc(entry.id)}/cancel`,
      {},
      options,
    );
  }

  getAccess(options?: RequestOptions): Promise<AccessSummary> {
    return this.request('GET', '/me', undefined, options);
  }

  listHistory(
    projectId: string,
    filter: HistoryFilter = {},
    options?: RequestOptions,
  ): Promise<ChangeHistoryResponse> {
    const query = new URLSearchParams();
    if (filter.resource) query.set('resource', filter.resource);
    if (filter.kind) query.set('kind', filter.kind);
    if (filter.actor) query.set('actor', filter.actor);
    if (filter.limit) query.set('limit', String(filter.limit));
    if (filter.cursor) query.set('cursor', filter.cursor);
    const qs = query.toString();
    return this.request(
      'GET',
      `/projects/${enc(projectId)}/history${qs ? `?${qs}` : ''}`,
      undefined,
      options,
    );
  }

  listQueues(
    projectId: string,
    window: TimeWindow,
    options?: RequestOptions,
  ): Promise<QueueListResponse> {
    return this.request(
      'GET',
      `/projects/${enc(projectId)}/queues?window=${enc(window)}`,
      undefined,
      options,
    );
  }

  previewQueue(
    ref: QueueRef,
    change: QueueChange,
    options?: RequestOptions,
  ): Promise<QueuePreview> {
    return this.request(
      'POST',
      `${queuePath(ref)}/preview`,
      { change },
      options,
    );
  }

  applyQueue(
    ref: QueueRef,
    request: QueueApplyRequest,
    options?: RequestOptions,
  ): Promise<ApplyAnswer<QueueApplyResult>> {
    return this.request('POST', `${queuePath(ref)}/apply`, request, options);
  }

  pauseQueue(
    ref: QueueRef,
    options?: RequestOptions,
  ): Promise<QueueActionResult> {
    return this.request('POST', `${queuePath(ref)}/pause`, {}, options);
  }

  resumeQueue(
    ref: QueueRef,
    options?: RequestOptions,
  ): Promise<QueueActionResult> {
    return this.request('POST', `${queuePath(ref)}/resume`, {}, options);
  }

  purgeQueue(
    ref: QueueRef,
    confirmName: string,
    options?: RequestOptions,
  ): Promise<QueueActionResult> {
    return this.request(
      'POST',
      `${queuePath(ref)}/purge`,
      { confirmName },
      options,
    );
  }

  listRedis(
    projectId: string,
    window: TimeWindow,
    options?: RequestOptions,
  ): Promise<RedisListResponse> {
    return this.request(
      'GET',
      `/projects/${enc(projectId)}/redis?window=${enc(window)}`,
      undefined,
      options,
    );
  }

  previewRedis(
    ref: RedisRef,
    change: RedisChange,
    options?: RequestOptions,
  ): Promise<RedisPreview> {
    return this.request(
      'POST',
      `${redisPath(ref)}/preview`,
      { change },
      options,
    );
  }

  applyRedis(
    ref: RedisRef,
    request: RedisApplyRequest,
    options?: RequestOptions,
  ): Promise<ApplyAnswer<RedisApplyResult>> {
    return this.request('POST', `${redisPath(ref)}/apply`, request, options);
  }

  getRecentErrors(
    ref: ServiceRef,
    window: TimeWindow,
    options?: RequestOptions,
  ): Promise<RecentErrorsResponse> {
    const path = `/projects/${enc(ref.projectId)}/locations/${enc(
      ref.region,
    )}/services/${enc(ref.service)}/errors`;
    return this.request(
      'GET',
      `${path}?window=${enc(window)}`,
      undefined,
      options,
    );
  }

  getTopology(
    projectId: string,
    window: TimeWindow,
    options?: RequestOptions,
  ): Promise<TopologyResponse> {
    return this.request(
      'GET',
      `/projects/${enc(projectId)}/topology?window=${enc(window)}`,
      undefined,
      options,
    );
  }

  getRecommendations(
    options?: RequestOptions,
  ): Promise<RecommendationListResponse> {
    return this.request('GET', '/recommendations', undefined, options);
  }

  getOverview(
    window: TimeWindow,
    options?: RequestOptions,
  ): Promise<OverviewResponse> {
    return this.request(
      'GET',
      `/overview?window=${enc(window)}`,
      undefined,
      options,
    );
  }

  getProjectOverview(
    projectId: string,
    window: TimeWindow,
    options?: RequestOptions,
  ): Promise<ProjectOverviewResponse> {
    return this.request(
      'GET',
      `/projects/${enc(projectId)}/overview?window=${enc(window)}`,
      undefined,
      options,
    );
  }

  async refreshProject(
    projectId: string,
    options?: RequestOptions,
  ): Promise<void> {
    await this.request(
      'POST',
      `/projects/${enc(projectId)}/refresh`,
      {},
      options,
    );
  }

  getCosts(
    projectId: string,
    range: CostRange,
    options?: RequestOptions & { resource?: string },
  ): Promise<CostReportResponse> {
    const { resource, ...rest } = options ?? {};
    return this.request(
      'GET',
      `/projects/${enc(projectId)}/costs?range=${enc(range)}${
        resource !== undefined ? `&resource=${enc(resource)}` : ''
      }`,
      undefined,
      rest,
    );
  }

  listBudgets(options?: RequestOptions): Promise<BudgetListResponse> {
    return this.request('GET', '/billing/budgets', undefined, options);
  }

  previewBudget(
    budgetId: string,
    change: BudgetChange,
    options?: RequestOptions,
  ): Promise<BudgetPreview> {
    return this.request(
      'POST',
      `${budgetPath(budgetId)}/preview`,
      { change },
      options,
    );
  }

  applyBudget(
    budgetId: string,
    request: BudgetApplyRequest,
    options?: RequestOptions,
  ): Promise<ApplyAnswer<BudgetApplyResult>> {
    return this.request(
      'POST',
      `${budgetPath(budgetId)}/apply`,
      request,
      options,
    );
  }

  getRouting(
    projectId: string,
    window: TimeWindow,
    options?: RequestOptions,
  ): Promise<RoutingOverviewResponse> {
    return this.request(
      'GET',
      `/projects/${enc(projectId)}/routing?window=${enc(window)}`,
      undefined,
      options,
    );
  }

  previewUrlMap(
    ref: UrlMapRef,
    change: UrlMapEdit,
    options?: RequestOptions,
  ): Promise<UrlMapPreview> {
    return this.request(
      'POST',
      `${urlMapPath(ref)}/preview`,
      { change },
      options,
    );
  }

  applyUrlMap(
    ref: UrlMapRef,
    request: UrlMapApplyRequest,
    options?: RequestOptions,
  ): Promise<ApplyAnswer<UrlMapApplyResult>> {
    return this.request('POST', `${urlMapPath(ref)}/apply`, request, options);
  }

  getCdn(
    projectId: string,
    window: TimeWindow,
    options?: RequestOptions,
  ): Promise<CdnOverviewResponse> {
    return this.request(
      'GET',
      `/projects/${enc(projectId)}/cdn?window=${enc(window)}`,
      undefined,
      options,
    );
  }

  previewCdnPolicy(
    ref: CdnBackendRef,
    change: CdnPolicyChange,
    options?: RequestOptions,
  ): Promise<CdnPolicyPreview> {
    return this.request(
      'POST',
      `${cdnBackendPath(ref)}/preview`,
      { change },
      options,
    );
  }

  applyCdnPolicy(
    ref: CdnBackendRef,
    request: CdnPolicyApplyRequest,
    options?: RequestOptions,
  ): Promise<ApplyAnswer<CdnPolicyApplyResult>> {
    return this.request(
      'POST',
      `${cdnBackendPath(ref)}/apply`,
      request,
      options,
    );
  }

  listChangeRequests(
    filter: { status?: ChangeRequestStatus | 'all'; projectId?: string },
    options?: RequestOptions,
  ): Promise<ChangeRequestList> {
    const query = new URLSearchParams();
    if (filter.status) query.set('status', filter.status);
    if (filter.projectId) query.set('projectId', filter.projectId);
    const qs = query.toString();
    return this.request(
      'GET',
      `/change-requests${qs ? `?${qs}` : ''}`,
      undefined,
      options,
    );
  }

  getChangeRequest(
    id: string,
    options?: RequestOptions,
  ): Promise<ChangeRequestView> {
    return this.request(
      'GET',
      `/change-requests/${enc(id)}`,
      undefined,
      options,
    );
  }

  approveChangeRequest(
    id: string,
    comment: string,
    options?: RequestOptions,
  ): Promise<ChangeRequestDecision> {
    return this.request(
      'POST',
      `/change-requests/${enc(id)}/approve`,
      { comment },
      options,
    );
  }

  rejectChangeRequest(
    id: string,
    comment: string,
    options?: RequestOptions,
  ): Promise<ChangeRequestDecision> {
    return this.request(
      'POST',
      `/change-requests/${enc(id)}/reject`,
      { comment },
      options,
    );
  }

  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    options?: RequestOptions,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(
      GCP_SERVERLESS_PLUGIN_ID,
    );
    const url = `${baseUrl}${path}`;
    let response: Response;
    try {
      response = await this.fetchApi.fetch(url, {
        method,
        headers:
          body === undefined
            ? { accept: 'application/json' }
            : {
                accept: 'application/json',
                'content-type': 'application/json',
              },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: options?.signal,
      });
    } catch (error) {
      if (isAbort(error) || options?.signal?.aborted) throw error;
      throw new ServiceUnavailableError(
        `Could not reach the gcp-serverless backend (${method} ${path}): ${String(
          error,
        )}`,
        {
          cause: error,
        },
      );
    }
    if (!response.ok) throw await responseError(response, method, path);
    return (await response.json()) as T;
  }
}

/** Rebuilds the typed error of a failed response; falls back on the status when the body is not ours. */
async function responseError(
  response: Response,
  method: string,
  path: string,
): Promise<GcpServerlessError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = isSerializedError(body)
    ? deserializeError(body, response.status)
    : errorOfStatus(response, method, path);
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  if (retryAfter !== undefined) recordRetryAfter(error, retryAfter);
  return error;
}

/** The typed error of a failed response whose body is not ours (a proxy's page, an empty body). */
function errorOfStatus(
  response: Response,
  method: string,
  path: string,
): GcpServerlessError {
  const message =
    `${method} ${path} failed: ${response.status} ${response.statusText}`.trim();
  if (response.status === 404) return new NotFoundError(message);
  if (response.status === 503) return new ServiceUnavailableError(message);
  if (response.status === 504) return new UpstreamTimeoutError(message);
  if (response.status >= 500) return new UpstreamError(message);
  return new InternalError(message);
}

function servicePath(ref: ServiceRef): string {
  return `/projects/${enc(ref.projectId)}/locations/${enc(
    ref.region,
  )}/services/${enc(ref.service)}`;
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

// DOMException is not always an Error of this realm (jsdom), so check the name only.
function isAbort(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'AbortError'
  );
}
