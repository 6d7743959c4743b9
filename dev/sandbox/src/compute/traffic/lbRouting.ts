/**
 * Where each request class of a load balancer goes under one compute snapshot: resolved with the
 * shared `resolveRoute` from common (the portal's own resolver, so the sandbox and the route tester
 * agree), then followed through the snapshot's backend service → NEG → Cloud Run service, or to a
 * backend bucket. Computed once per (snapshot, load balancer): snapshots never change.
 */
import {
  resolveRoute,
  type BackendRef,
  type UrlMapSpec,
} from '@gcp-serverless/common';
import { isPlainObject } from '../../protoJson';
import type {
  ComputeJson,
  ComputeSnapshot,
  SandboxLoadBalancer,
} from '../computeTypes';
import { negKeyOfGroup } from '../negReads';

/** One destination of a class (a plain rule has one; a weighted route action several). */
export interface ClassTarget {
  /** Share of the class's requests, 0..1. */
  weight: number;
  kind: 'backendService' | 'backendBucket' | 'redirect' | 'none';
  /** `backend_target_name` label: backend service or bucket name ('' for redirects). */
  backendTargetName: string;
  /** `backend_target_type` label. */
  backendTargetType: 'BACKEND_SERVICE' | 'BACKEND_BUCKET' | 'NONE';
  /** `backend_name` label: the NEG or the bucket ('' without one). */
  backendName: string;
  /** `backend_type` label (values unverified: NETWORK_ENDPOINT_GROUP, BACKEND_BUCKET, NONE). */
  backendType: string;
  /** `backend_scope` label: the NEG's region, or `global`. */
  backendScope: string;
  /** Cloud Run service behind a serverless NEG, or null (storage origin, redirect, nothing). */
  cloudRunService: string | null;
  /** CDN policy in force, or null when Cloud CDN is off for the backend. */
  cdnPolicy: Record<string, unknown> | null;
  /** HTTP status of a redirect, or of a request that reaches nothing (404 unknown path matcher, 502 no backend). */
  status?: number;
}

/** A class's routing under one snapshot. */
export interface ClassRoute {
  classId: string;
  /** `matched_url_path_rule` label of the decision (`/api/*`, `UNMATCHED`, `route_rules/10`). */
  matchedUrlPathRule: string;
  targets: ClassTarget[];
}

const NONE_TARGET = {
  backendTargetName: '',
  backendTargetType: 'NONE',
  backendName: '',
  backendType: 'NONE',
  backendScope: 'global',
  cloudRunService: null,
  cdnPolicy: null,
} as const;

function cdnOf(
  resource: ComputeJson,
  enabledKey: 'enableCDN' | 'enableCdn',
): Record<string, unknown> | null {
  if (resource[enabledKey] !== true) return null;
  return isPlainObject(resource['cdnPolicy']) ? resource['cdnPolicy'] : {};
}

function backendTarget(
  snapshot: ComputeSnapshot,
  ref: BackendRef | null,
  weight: number,
): ClassTarget {
  if (ref?.kind === 'backendBucket') {
    const bucket = snapshot.collections.backendBuckets.get(ref.name);
    if (!bucket) return { ...NONE_TARGET, weight, kind: 'none', status: 502 };
    return {
      ...NONE_TARGET,
      weight,
      kind: 'backendBucket',
      backendTargetName: ref.name,
      backendTargetType: 'BACKEND_BUCKET',
      backendName: String(bucket['bucketName']),
      backendType: 'BACKEND_BUCKET',
      cdnPolicy: cdnOf(bucket, 'enableCdn'),
    };
  }
  const service = ref
    ? snapshot.collections.backendServices.get(ref.name)
    : undefined;
  if (!ref || !service)
    return { ...NONE_TARGET, weight, kind: 'none', status: 502 };
  const group =
    Array.isArray(service['backends']) && isPlainObject(service['backends'][0])
      ? service['backends'][0]['group']
      : undefined;
  const key = negKeyOfGroup(group);
  const neg = key
    ? snapshot.collections.networkEndpointGroups.get(key)
    : undefined;
  const cloudRun =
    neg &&
    isPlainObject(neg['cloudRun']) &&
    typeof neg['cloudRun']['service'] === 'string'
      ? neg['cloudRun']['service']
      : null;
  const scope = key?.startsWith('regions/') ? key.split('/')[1]! : 'global';
  return {
    ...NONE_TARGET,
    weight,
    kind: 'backendService',
    backendTargetName: ref.name,
    backendTargetType: 'BACKEND_SERVICE',
    backendName: neg ? String(neg['name']) : '',
    backendType: neg ? 'NETWORK_ENDPOINT_GROUP' : 'NONE',
    backendScope: scope,
    cloudRunService: cloudRun,
    cdnPolicy: cdnOf(service, 'enableCDN'),
    // A backend service without endpoints answers 502 at the load balancer.
    ...(neg ? {} : { status: 502 }),
  };
}

function routeClass(
  snapshot: ComputeSnapshot,
  map: ComputeJson | undefined,
  classId: string,
  url: string,
): ClassRoute {
  if (!map)
    return {
      classId,
      matchedUrlPathRule: 'UNMATCHED',
      targets: [{ ...NONE_TARGET, weight: 1, kind: 'none', status: 404 }],
    };
  const decision = resolveRoute(map as UrlMapSpec, url);
  const outcome = decision.outcome;
  let targets: ClassTarget[];
  if (outcome.kind === 'redirect')
    targets = [
      {
        ...NONE_TARGET,
        weight: 1,
        kind: 'redirect',
        status: outcome.statusCode,
      },
    ];
  else if (outcome.kind === 'none')
    targets = [{ ...NONE_TARGET, weight: 1, kind: 'none', status: 404 }];
  else if (outcome.weighted?.length) {
    const total =
      outcome.weighted.reduce((sum, w) => sum + Math.max(0, w.weight), 0) || 1;
    targets = outcome.weighted.map(w =>
      backendTarget(snapshot, w.backend, Math.max(0, w.weight) / total),
    );
  } else targets = [backendTarget(snapshot, outcome.backend, 1)];
  return { classId, matchedUrlPathRule: decision.matchedUrlPathRule, targets };
}

const cache = new WeakMap<
  ComputeSnapshot,
  Map<SandboxLoadBalancer, ClassRoute[]>
>();

/** Routes of every class of `lb` under `snapshot`, in class order (cached). */
export function routesFor(
  snapshot: ComputeSnapshot,
  lb: SandboxLoadBalancer,
): ClassRoute[] {
  let byLb = cache.get(snapshot);
  if (!byLb) {
    byLb = new Map();
    cache.set(snapshot, byLb);
  }
  let routes = byLb.get(lb);
  if (!routes) {
    const map = snapshot.collections.urlMaps.get(lb.urlMap);
    routes = lb.classes.map(c => routeClass(snapshot, map, c.id, c.url));
    byLb.set(lb, routes);
  }
  return routes;
}
