import type {
  ChangeKind,
  OwnedResourceRef,
  OwnedResourceType,
} from '@gcp-serverless/common';

/** HTTP methods that change something (or ask Google to validate a change): each needs an update permission. */
export const MUTATION_METHODS = ['post', 'put', 'patch', 'delete'] as const;
export type MutationMethod = (typeof MUTATION_METHODS)[number];

/**
 * One rule of the declarative map from mutation route to permission: the first rule whose `path`
 * matches the express route path (e.g. `/projects/:projectId/locations/:region/services/:service/scaling/apply`)
 * gives the kind of change (hence the permission) and the resource the route acts on.
 */
export interface RoutePermissionRule {
  kind: ChangeKind;
  /** Tested against the express route path as registered, parameters still as `:name`. */
  path: RegExp;
  /** The Google resource the route changes, for owner checks; built from the route's params. */
  resource: OwnedResourceType;
  /** Route param holding the resource's short name, tried in order. */
  nameParams: string[];
}

/**
 * The map from mutation routes to permissions. Matched by path segment so that route modules of
 * new resource kinds need nothing here as long as their paths name the resource collection
 * (`/scaling/`, `/urlMaps/`, `/queues/`, …). The route-enumerating test fails for a mutation route
 * that matches no rule, and the guard answers such a route with 403 (fail closed).
 * More specific rules come first: a CDN policy of a backend service is not a routing change.
 */
export const ROUTE_PERMISSION_RULES: readonly RoutePermissionRule[] = [
  {
    kind: 'scaling',
    path: /\/scaling(\/|$)/,
    resource: 'cloud-run-service',
    nameParams: ['service'],
  },
  // A backend service or bucket is named by no annotation, so CDN changes have no owner entity (yet):
  // only an unconditional ALLOW permits them. No name param on purpose: the URL map name must not match a backend's.
  {
    kind: 'cdn',
    path: /\/(cdn|backendServices|backendBuckets|backend-services|backend-buckets)(\/|$)/i,
    resource: 'url-map',
    nameParams: [],
  },
  {
    kind: 'routing',
    path: /\/(urlMaps|url-maps|routing|routes)(\/|$)/i,
    resource: 'url-map',
    nameParams: ['urlMap', 'name'],
  },
  {
    kind: 'queue',
    path: /\/queues(\/|$)/i,
    resource: 'queue',
    nameParams: ['queue', 'queueId', 'name'],
  },
  {
    kind: 'redis',
    path: /\/(redis|instances)(\/|$)/i,
    resource: 'redis-instance',
    nameParams: ['instance', 'instanceId', 'redis', 'name'],
  },
  {
    kind: 'budget',
    path: /\/budgets(\/|$)/i,
    resource: 'budget',
    nameParams: ['budget', 'budgetId', 'name'],
  },
];

/**
 * POST routes that change nothing and need only the read permission (already required of every
 * route by the read guard): asking the read model to recompute a project's pages.
 */
export const READ_ONLY_POST_ROUTES: readonly RegExp[] = [
  /^\/projects\/:projectId\/refresh$/,
];

/** POST routes that decide on change requests: they need the approve permission (docs/approvals.md). */
export const APPROVAL_ROUTES: readonly RegExp[] = [
  /^\/change-requests\/:id\/(approve|reject)$/,
];

/** Whether a mutation route decides on a change request (see APPROVAL_ROUTES). */
export function isApprovalRoute(method: string, routePath: string): boolean {
  return method === 'post' && APPROVAL_ROUTES.some(p => p.test(routePath));
}

/** Whether a POST route only reads (see READ_ONLY_POST_ROUTES). */
export function isReadOnlyPost(method: string, routePath: string): boolean {
  return (
    method === 'post' && READ_ONLY_POST_ROUTES.some(p => p.test(routePath))
  );
}

/** The rule of a mutation route, or undefined when none matches (the route is then refused). */
export function ruleForRoute(
  routePath: string,
): RoutePermissionRule | undefined {
  return ROUTE_PERMISSION_RULES.find(rule => rule.path.test(routePath));
}

/** The resource a matched request acts on, from its params (`projectId`, `region`/`location`, name). */
export function resourceOfRequest(
  rule: RoutePermissionRule,
  params: Record<string, string | undefined>,
): OwnedResourceRef {
  const name = rule.nameParams.map(p => params[p]).find(v => v !== undefined);
  const region = params.region ?? params.location;
  return {
    type: rule.resource,
    projectId: params.projectId ?? null,
    ...(region !== undefined ? { region } : {}),
    ...(name !== undefined ? { name } : {}),
  };
}
