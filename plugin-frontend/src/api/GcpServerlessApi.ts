import type {
  ApplyAnswer,
  AccessSummary,
  ChangeHistoryResponse,
  ChangeKind,
  OverviewResponse,
  ProjectOverviewResponse,
  RecentErrorsResponse,
  TopologyResponse,
  ProjectListResponse,
  ScalingApplyRequest,
  ScalingApplyResult,
  ScalingChange,
  ScalingPreview,
  ServiceDetailResponse,
  ServiceListResponse,
  SetupReport,
  TimeWindow,
} from '@gcp-serverless/common';
import type { CostsApi } from './CostsApi';
import type { ChangeRequestsApi } from './ChangeRequestsApi';
import type { QueuesRedisApi } from './QueuesRedisApi';
import type { LoadBalancingApi } from './LoadBalancingApi';
import type { RecommendationsApi } from './RecommendationsApi';
import type { ScheduledChangesApi } from './ScheduledChangesApi';

/** Identifies one Cloud Run service: project, region (e.g. `asia-northeast3`) and short name (e.g. `gryd-be`). */
export interface ServiceRef {
  projectId: string;
  region: string;
  service: string;
}

/** Options every call accepts: an abort signal so a page that unmounts or changes its query drops stale answers. */
export interface RequestOptions {
  signal?: AbortSignal;
}

/**
 * The one path from the UI to the gcp-serverless backend. Components use only this interface (through
 * `useGcpServerlessApi()`), so tests hand in a fake and a Backstage app hands in its own wiring.
 *
 * Every method rejects with a typed error from `@gcp-serverless/common` (`InputError` with `fieldErrors`,
 * `ConflictError` with `details`, `NotFoundError`, `UpstreamError`, …) rebuilt from the server's JSON.
 */
export interface GcpServerlessApi
  extends QueuesRedisApi,
    CostsApi,
    LoadBalancingApi,
    RecommendationsApi,
    ChangeRequestsApi,
    ScheduledChangesApi {
  /** `GET /projects`: the allowlisted projects and whether the backend runs against the sandbox. */
  listProjects(options?: RequestOptions): Promise<ProjectListResponse>;

  /** `GET /projects/:projectId/services?window=`: the project's Cloud Run services with live figures. */
  listServices(
    projectId: string,
    window: TimeWindow,
    options?: RequestOptions,
  ): Promise<ServiceListResponse>;

  /** `GET /projects/:projectId/locations/:region/services/:service?window=`: one service with its chart series. */
  getService(
    ref: ServiceRef,
    window: TimeWindow,
    options?: RequestOptions,
  ): Promise<ServiceDetailResponse>;

  /** `POST …/scaling/preview`: diff, warnings and Google's validation of a scaling change; changes nothing. */
  previewScaling(
    ref: ServiceRef,
    change: ScalingChange,
    options?: RequestOptions,
  ): Promise<ScalingPreview>;

  /**
   * `POST …/scaling/apply`: applies a previewed change and waits for Cloud Run's operation. Rejects with
   * `ConflictError` (details: `ScalingConflictDetails`) when the etag is stale.
   */
  applyScaling(
    ref: ServiceRef,
    request: ScalingApplyRequest,
    options?: RequestOptions,
  ): Promise<ApplyAnswer<ScalingApplyResult>>;

  /** `GET /overview?window=`: every configured project's counts, health and problems, worst first. */
  getOverview(
    window: TimeWindow,
    options?: RequestOptions,
  ): Promise<OverviewResponse>;

  /** `GET /projects/:projectId/overview?window=`: one project's card and problems (the index asks per project). */
  getProjectOverview(
    projectId: string,
    window: TimeWindow,
    options?: RequestOptions,
  ): Promise<ProjectOverviewResponse>;

  /**
   * `POST /projects/:projectId/refresh`: asks the backend to recompute the project's snapshots now and
   * resolves when it is done (pages served from a snapshot show its age and offer this as "Refresh").
   */
  refreshProject(projectId: string, options?: RequestOptions): Promise<void>;

  /** `GET …/services/:service/errors?window=`: the service's recent errors from Cloud Logging, grouped. */
  getRecentErrors(
    ref: ServiceRef,
    window: TimeWindow,
    options?: RequestOptions,
  ): Promise<RecentErrorsResponse>;

  /** `GET /projects/:projectId/topology?window=`: hosts → rules → backends → Cloud Run → queues and Redis, by health. */
  getTopology(
    projectId: string,
    window: TimeWindow,
    options?: RequestOptions,
  ): Promise<TopologyResponse>;

  /**
   * `GET /setup[?refresh=1]`: the doctor's report — credentials, per project the APIs enabled and the
   * permissions held, each feature available or not with the reason. `refresh` checks again instead
   * of answering the last report (up to a minute old).
   */
  getSetup(
    options?: RequestOptions & { refresh?: boolean },
  ): Promise<SetupReport>;

  /** `GET /me`: who the backend thinks the user is and which kinds of change they may apply (with the reason when not). */
  getAccess(options?: RequestOptions): Promise<AccessSummary>;

  /**
   * `GET /projects/:projectId/history[?resource=&kind=&actor=&cursor=]`: applied and failed changes,
   * newest first, a page at a time; `resource` is a full resource name such as
   * `projects/P/locations/L/services/S`; kind and actor filter the whole history on the server;
   * `cursor` is the `nextCursor` of the page before.
   */
  listHistory(
    projectId: string,
    filter?: HistoryFilter,
    options?: RequestOptions,
  ): Promise<ChangeHistoryResponse>;
}

/** What {@link GcpServerlessApi.listHistory} reads: a resource, kind of change, person, page size and page. */
export interface HistoryFilter {
  resource?: string;
  kind?: ChangeKind;
  actor?: string;
  limit?: number;
  /** The `nextCursor` of the page before. */
  cursor?: string;
}
