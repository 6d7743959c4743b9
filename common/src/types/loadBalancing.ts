import type { SnapshotMeta } from './snapshot';
import type { CdnCacheMode, CdnPolicyChange } from '../schemas/cdnPolicy';
import type { RoutingTopology } from '../routing/routeDecision';
import type { UrlMapFinding } from '../routing/urlMapFindings';
import type { UrlMapSpec } from '../routing/urlMapTypes';
import type { ChangeWarning, FieldChange, UpstreamValidation } from './api';
import type { NamedSeries, PanelError } from './metrics';
import type { CostImpact } from './catalog';
import type { TimeWindow } from './timeWindow';

/** Cloud CDN policy as read (compute `cdnPolicy`); TTLs in seconds, null = not set. */
export interface CdnPolicyView {
  cacheMode: CdnCacheMode | string;
  defaultTtl: number | null;
  maxTtl: number | null;
  clientTtl: number | null;
  negativeCaching: boolean;
  serveWhileStale: number | null;
}

/** A backend of a backend service: its group, and the Cloud Run service when it is a serverless NEG. */
export interface BackendGroupView {
  /** The group reference as compute stores it. */
  group: string;
  /** NEG name, when the group is a network endpoint group. */
  neg: string | null;
  /** Region of a regional NEG, null for a global one. */
  region: string | null;
  /** Cloud Run service behind a serverless NEG, else null. */
  cloudRunService: string | null;
  /** NEG type, e.g. SERVERLESS, INTERNET_FQDN_PORT; null when unknown. */
  negType: string | null;
}

/** A global backend service (compute v1). */
export interface BackendServiceView {
  name: string;
  selfLink: string;
  description: string;
  protocol: string;
  loadBalancingScheme: string;
  /** `timeoutSec`, seconds (Google's default 30). */
  timeoutSec: number;
  /** `enableCDN` (compute spells it that way on backend services). */
  enableCdn: boolean;
  cdnPolicy: CdnPolicyView | null;
  fingerprint: string;
  backends: BackendGroupView[];
  consoleUrl: string;
}

/** A global backend bucket (compute v1): Cloud Storage behind the load balancer. */
export interface BackendBucketView {
  name: string;
  selfLink: string;
  description: string;
  bucketName: string;
  /** `enableCdn` (this spelling on buckets). */
  enableCdn: boolean;
  cdnPolicy: CdnPolicyView | null;
  /**
   * Compute v1 BackendBucket has no fingerprint; the portal uses a hash of the bucket's settings as
   * read, so a stale edit is still refused (a change between our re-read and the write is not).
   */
  fingerprint: string;
  consoleUrl: string;
}

/** A URL map as the routing page shows it: its routing spec (compute's JSON shape) and identity. */
export interface UrlMapView {
  name: string;
  selfLink: string;
  description: string;
  fingerprint: string;
  /** ISO 8601 creation time, if known. */
  creationTimestamp: string | null;
  spec: UrlMapSpec;
  consoleUrl: string;
}

/** Live traffic of one route (URL map × matched path rule × backend) over the window. */
export interface RouteTraffic {
  urlMap: string;
  /** `matched_url_path_rule` label: the path pattern, or UNMATCHED for defaults. */
  matchedUrlPathRule: string;
  /** `backend_target_name` label: backend service or bucket name. */
  backendTarget: string;
  requestsPerSecond: number;
  /** Share of 5xx responses, 0..1. */
  errorRatio5xx: number;
}

/** GET /projects/:projectId/routing?window= */
export interface RoutingOverviewResponse {
  /** Age of the read-model snapshot this answer came from (absent when read directly). */
  snapshot?: SnapshotMeta;
  projectId: string;
  window: TimeWindow;
  asOf: string;
  urlMaps: UrlMapView[];
  backendServices: BackendServiceView[];
  backendBuckets: BackendBucketView[];
  /** Backends followed to Cloud Run services, for the tree and the route tester. */
  topology: RoutingTopology;
  /** Per-route figures; null when Monitoring failed (see errors). */
  traffic: RouteTraffic[] | null;
  errors: PanelError[];
}

/** `urlMaps.validate` result. */
export interface UrlMapValidation extends UpstreamValidation {
  loadErrors: string[];
  /** Readable failing tests ("test www.gryyd.ai/admin: expected …"). */
  testFailures: string[];
}

/** POST …/url-maps/:urlMap/preview */
export interface UrlMapPreview {
  urlMap: UrlMapView;
  proposed: UrlMapSpec;
  diff: FieldChange[];
  validation: UrlMapValidation;
  findings: UrlMapFinding[];
  /** The guard (the map's fingerprint): send it back to apply as `etag` (always sent; optional for older fixtures). */
  etag?: string;
  /** @deprecated the same value as `etag`, under its older name. */
  fingerprint: string;
}

/** POST …/url-maps/:urlMap/apply */
export interface UrlMapApplyResult {
  urlMap: UrlMapView;
  operation: string;
  diff: FieldChange[];
}

/** `details` of a 409 from a URL map apply. */
export interface UrlMapConflictDetails {
  current: UrlMapView;
  etag?: string;
  /** @deprecated the same value as `etag`. */
  fingerprint: string;
}

/** A backend with CDN state and hit figures. */
export interface CdnBackend {
  kind: 'backendServices' | 'backendBuckets';
  name: string;
  enableCdn: boolean;
  policy: CdnPolicyChange;
  fingerprint: string;
  /** Origin: Cloud Run services, a bucket, or another NEG. */
  origin: string;
  /** HIT ÷ (HIT + MISS + PARTIAL_HIT) over the window; null without cacheable traffic or metrics. */
  hitRatio: number | null;
  /** Requests per second over the window (all cache results). */
  requestsPerSecond: number | null;
  consoleUrl: string;
}

/**
 * Cache figures of one URL map path rule on one backend over the window ("is /images/* served well?"):
 * the load balancer labels every request with the rule it matched (docs/google-apis.md §7).
 */
export interface CdnRoute {
  urlMap: string;
  /** The matched rule: a path rule's first path (`/images/*`), `UNMATCHED` (a default), `route_rules/10`. */
  pathRule: string;
  /** Name of the backend service or bucket the rule sent the requests to. */
  backend: string;
  /** HIT ÷ (HIT + MISS + PARTIAL_HIT) over the window; null without cacheable requests. */
  hitRatio: number | null;
  /** Requests per second answered from cache (HIT + PARTIAL_HIT). */
  servedPerSecond: number;
  /** Requests per second that went to the origin to fill the cache (MISS). */
  fillPerSecond: number;
  /** Requests per second over the window, every cache result. */
  requestsPerSecond: number;
}

/** GET /projects/:projectId/cdn?window= */
export interface CdnOverviewResponse {
  /** Age of the read-model snapshot this answer came from (absent when read directly). */
  snapshot?: SnapshotMeta;
  projectId: string;
  window: TimeWindow;
  asOf: string;
  stepSeconds: number;
  backends: CdnBackend[];
  /** Per backend name: series "hitRatio" (0..1), "served" (from cache, req/s), "fill" (from origin, req/s). */
  series: Record<string, NamedSeries[]>;
  /** Per URL map path rule and backend, busiest first; empty when Monitoring failed. */
  routes: CdnRoute[];
  errors: PanelError[];
}

/** POST …/cdn/:kind/:name/preview */
export interface CdnPolicyPreview {
  backend: CdnBackend;
  current: CdnPolicyChange;
  proposed: CdnPolicyChange;
  diff: FieldChange[];
  warnings: ChangeWarning[];
  validation: UpstreamValidation;
  /** The guard (the backend service's fingerprint, or the portal's for a bucket): send it back to apply as `etag` (always sent). */
  etag?: string;
  /** @deprecated the same value as `etag`, under its older name. */
  fingerprint: string;
  /** Expected change in cache egress vs cache fill (origin traffic), with formulas; absent when not estimable. */
  cost?: CostImpact;
  /** Why there is no `cost` for a change that has a diff (e.g. no hit ratio in the metrics). */
  costUnavailable?: string;
}

/** POST …/cdn/:kind/:name/apply */
export interface CdnPolicyApplyResult {
  backend: CdnBackend;
  operation: string;
  diff: FieldChange[];
}

/** `details` of a 409 from a CDN apply. */
export interface CdnConflictDetails {
  current: CdnPolicyChange;
  etag?: string;
  /** @deprecated the same value as `etag`. */
  fingerprint: string;
  backend: CdnBackend;
}
