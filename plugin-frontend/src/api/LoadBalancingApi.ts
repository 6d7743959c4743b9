import type {
  ApplyAnswer,
  CdnOverviewResponse,
  CdnPolicyApplyRequest,
  CdnPolicyApplyResult,
  CdnPolicyChange,
  CdnPolicyPreview,
  RoutingOverviewResponse,
  TimeWindow,
  UrlMapApplyRequest,
  UrlMapApplyResult,
  UrlMapEdit,
  UrlMapPreview,
} from '@gcp-serverless/common';
import type { RequestOptions } from './GcpServerlessApi';

/** Identifies one global URL map: project and name (e.g. `gryyd-web-url-map`). */
export interface UrlMapRef {
  projectId: string;
  urlMap: string;
}

/** Identifies one CDN-capable backend: project, kind and name. */
export interface CdnBackendRef {
  projectId: string;
  kind: 'backendServices' | 'backendBuckets';
  name: string;
}

/**
 * The load balancer part of {@link GcpServerlessApi}: routing (URL maps) and Cloud CDN. Edits follow
 * the scaling pattern with compute's fingerprint; a stale one rejects with `ConflictError` whose
 * details are `UrlMapConflictDetails` / `CdnConflictDetails`.
 */
export interface LoadBalancingApi {
  /** `GET /projects/:projectId/routing?window=`: URL maps, backends → Cloud Run, per-route traffic. */
  getRouting(
    projectId: string,
    window: TimeWindow,
    options?: RequestOptions,
  ): Promise<RoutingOverviewResponse>;
  /** `POST …/url-maps/:urlMap/preview`: diff, `urlMaps.validate`, findings; changes nothing. */
  previewUrlMap(
    ref: UrlMapRef,
    change: UrlMapEdit,
    options?: RequestOptions,
  ): Promise<UrlMapPreview>;
  /** `POST …/url-maps/:urlMap/apply`: waits for compute's operation. */
  applyUrlMap(
    ref: UrlMapRef,
    request: UrlMapApplyRequest,
    options?: RequestOptions,
  ): Promise<ApplyAnswer<UrlMapApplyResult>>;
  /** `GET /projects/:projectId/cdn?window=`: backends with CDN state, hit ratio and series. */
  getCdn(
    projectId: string,
    window: TimeWindow,
    options?: RequestOptions,
  ): Promise<CdnOverviewResponse>;
  /** `POST …/cdn/:kind/:name/preview`. */
  previewCdnPolicy(
    ref: CdnBackendRef,
    change: CdnPolicyChange,
    options?: RequestOptions,
  ): Promise<CdnPolicyPreview>;
  /** `POST …/cdn/:kind/:name/apply`. */
  applyCdnPolicy(
    ref: CdnBackendRef,
    request: CdnPolicyApplyRequest,
    options?: RequestOptions,
  ): Promise<ApplyAnswer<CdnPolicyApplyResult>>;
}

const enc = encodeURIComponent;

/** `/projects/P/url-maps/M` */
export function urlMapPath(ref: UrlMapRef): string {
  return `/projects/${enc(ref.projectId)}/url-maps/${enc(ref.urlMap)}`;
}

/** `/projects/P/cdn/KIND/NAME` */
export function cdnBackendPath(ref: CdnBackendRef): string {
  return `/projects/${enc(ref.projectId)}/cdn/${ref.kind}/${enc(ref.name)}`;
}
