/**
 * Domain types of a global external Application Load Balancer's URL map (compute v1 `UrlMap`,
 * docs/google-apis.md §2). Field names and shapes follow compute's JSON exactly, so the sandbox can hand a
 * stored resource and the backend a translated one to the same pure functions. Only the fields the
 * portal reads are typed; every array and choice is optional, as in compute's JSON.
 */

/** Compute's redirect codes and the HTTP status each one answers with. */
export const REDIRECT_RESPONSE_CODES = {
  MOVED_PERMANENTLY_DEFAULT: 301,
  FOUND: 302,
  SEE_OTHER: 303,
  TEMPORARY_REDIRECT: 307,
  PERMANENT_REDIRECT: 308,
} as const;
export type RedirectResponseCode = keyof typeof REDIRECT_RESPONSE_CODES;

/** `HttpRedirectAction`. */
export interface UrlRedirectSpec {
  /** Replaces the request host, e.g. `www.gryyd.ai`. */
  hostRedirect?: string | null;
  /** Replaces the whole path (one of pathRedirect / prefixRedirect). */
  pathRedirect?: string | null;
  /** Replaces the matched prefix of the path. */
  prefixRedirect?: string | null;
  /** true → the location uses https. */
  httpsRedirect?: boolean | null;
  /** true → the query string is dropped. */
  stripQuery?: boolean | null;
  /** Default MOVED_PERMANENTLY_DEFAULT (301). */
  redirectResponseCode?: RedirectResponseCode | string | null;
}

/** `HttpRouteAction`, reduced to what decides a target. */
export interface RouteActionSpec {
  weightedBackendServices?:
    | { backendService?: string | null; weight?: number | null }[]
    | null;
  [other: string]: unknown;
}

/** `PathRule`: paths (each `/…`, `*` only at the end after `/`) and exactly one action. */
export interface PathRuleSpec {
  paths?: string[] | null;
  /** Backend service or backend bucket reference (URL or partial path). */
  service?: string | null;
  urlRedirect?: UrlRedirectSpec | null;
  routeAction?: RouteActionSpec | null;
}

/** `HttpRouteRuleMatch`, the parts a URL can decide. */
export interface RouteRuleMatchSpec {
  prefixMatch?: string | null;
  fullPathMatch?: string | null;
  regexMatch?: string | null;
  ignoreCase?: boolean | null;
  headerMatches?: unknown[] | null;
  queryParameterMatches?:
    | {
        name?: string | null;
        exactMatch?: string | null;
        presentMatch?: boolean | null;
        regexMatch?: string | null;
      }[]
    | null;
  [other: string]: unknown;
}

/** `HttpRouteRule`: evaluated by ascending `priority` (unique per path matcher). */
export interface RouteRuleSpec {
  priority?: number | null;
  description?: string | null;
  matchRules?: RouteRuleMatchSpec[] | null;
  service?: string | null;
  urlRedirect?: UrlRedirectSpec | null;
  routeAction?: RouteActionSpec | null;
}

/** `PathMatcher`: pathRules or routeRules, and a default. */
export interface PathMatcherSpec {
  name?: string | null;
  description?: string | null;
  defaultService?: string | null;
  defaultUrlRedirect?: UrlRedirectSpec | null;
  defaultRouteAction?: RouteActionSpec | null;
  pathRules?: PathRuleSpec[] | null;
  routeRules?: RouteRuleSpec[] | null;
}

/** `HostRule`: host patterns (`*` only first, followed by `-` or `.`) sent to one path matcher. */
export interface HostRuleSpec {
  hosts?: string[] | null;
  pathMatcher?: string | null;
  description?: string | null;
}

/** `UrlMapTest`: checked by `urlMaps.validate` and on every write. */
export interface UrlMapTestSpec {
  description?: string | null;
  host?: string | null;
  path?: string | null;
  service?: string | null;
  expectedOutputUrl?: string | null;
  expectedRedirectResponseCode?: number | null;
}

/** The routing part of a compute v1 `UrlMap`. */
export interface UrlMapSpec {
  name?: string | null;
  description?: string | null;
  defaultService?: string | null;
  defaultUrlRedirect?: UrlRedirectSpec | null;
  defaultRouteAction?: RouteActionSpec | null;
  hostRules?: HostRuleSpec[] | null;
  pathMatchers?: PathMatcherSpec[] | null;
  tests?: UrlMapTestSpec[] | null;
  fingerprint?: string | null;
}

/** A URL as the load balancer sees it; `query` without the `?`. */
export interface RequestUrl {
  scheme: string;
  host: string;
  path: string;
  query: string;
}
