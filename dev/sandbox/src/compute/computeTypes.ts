/**
 * The Compute Engine part of a sandbox project: the global external Application Load Balancer's
 * resources (URL maps, backend services, backend buckets, serverless NEGs) as compute v1 JSON, their
 * history (so the traffic model routes each minute by the configuration in force at its start), and
 * the request mix that reaches each load balancer.
 */

/** A compute v1 resource as served: camelCase JSON, enums as names (compute's enums are strings), uint64 as strings. */
export type ComputeJson = Record<string, unknown>;

/** Collections of one project's global load-balancing resources, keyed by resource name. */
export interface ComputeCollections {
  urlMaps: Map<string, ComputeJson>;
  backendServices: Map<string, ComputeJson>;
  backendBuckets: Map<string, ComputeJson>;
  /** Network endpoint groups keyed by `<scope>/<name>`: `global/x` or `regions/asia-northeast3/x`. */
  networkEndpointGroups: Map<string, ComputeJson>;
}

/**
 * An immutable copy of every collection from `effectiveFrom` on. Objects are never mutated after a
 * snapshot is taken, so derived data (routing tables) can be cached by snapshot identity.
 */
export interface ComputeSnapshot {
  /** Epoch ms from which this configuration routes traffic. */
  effectiveFrom: number;
  collections: Readonly<ComputeCollections>;
}

/** How an origin answers a class of requests, for the CDN model (see traffic/cdnCacheModel.ts). */
export interface OriginCaching {
  /** Static content (images, scripts, fonts): CACHE_ALL_STATIC caches it even without headers. */
  staticContent: boolean;
  /** `Cache-Control: public, max-age=N` the origin sends, seconds; undefined = no caching header. */
  originMaxAgeSeconds?: number;
  /** `Cache-Control: private` / `no-store`: only FORCE_CACHE_ALL caches it. */
  originPrivate?: boolean;
  /** Distinct objects in the class, equally popular; more objects → fewer hits at the same rate. */
  objects: number;
  /** Share of cached responses served as byte ranges (PARTIAL_HIT instead of HIT), 0..1. */
  rangeShare?: number;
}

/**
 * One kind of request users send to a load balancer, e.g. "image fetches on www.gryyd.ai". Its demand
 * follows the traffic profile of a Cloud Run service (same diurnal curve, events and noise). When the
 * class is PART of that service's demand (the original URL map sends it there), routing it elsewhere
 * moves that share of demand to the new target (lbDemandSource.ts); otherwise it only adds load where
 * it is routed (e.g. images a page view pulls from storage).
 */
export interface RequestClass {
  /** Stable id for hashing and tests, e.g. `www-images`. */
  id: string;
  /** A representative URL, routed with the URL map in force, e.g. `https://www.gryyd.ai/images/a.png`. */
  url: string;
  demand: {
    /** Cloud Run service whose profile demand (requests per second) shapes this class. */
    service: string;
    /** Multiple of that profile demand (≥ 0; may exceed 1 for e.g. several images per page view). */
    share: number;
    /** true: the class is part of the service's own demand (its shares should sum to ≤ 1). */
    partOfService: boolean;
  };
  caching: OriginCaching;
  /**
   * Share of 404s of an origin that is not a Cloud Run service (storage). Cloud Run targets answer
   * with the service's own response mix of that minute.
   */
  origin404Share?: number;
}

/** A global external ALB: forwarding rule → target proxy → URL map, and the traffic that reaches it. */
export interface SandboxLoadBalancer {
  urlMap: string;
  forwardingRule: string;
  targetProxy: string;
  classes: RequestClass[];
}

/** Compute state of a project (`SandboxProject.compute`). */
export interface SandboxComputeState extends ComputeCollections {
  /** Oldest first; the last entry equals the current collections. */
  history: ComputeSnapshot[];
  loadBalancers: SandboxLoadBalancer[];
  /** Next numeric resource id (compute ids are uint64, served as strings). */
  nextId: bigint;
}
