import type { BackendRef } from './backendRef';
import type { RedirectResponseCode, RequestUrl } from './urlMapTypes';

/** Which rule decided a request. */
export type MatchedRule =
  | {
      kind: 'pathRule';
      index: number;
      /** The path pattern that matched, e.g. `/api/*`. */ path: string;
    }
  | {
      kind: 'routeRule';
      index: number;
      priority: number;
      /** Index in matchRules; -1 when the rule has none. */ matchIndex: number;
    }
  | { kind: 'pathMatcherDefault' }
  | { kind: 'urlMapDefault' };

/** The Cloud Run service behind a serverless NEG of a backend service. */
export interface CloudRunTarget {
  /** Network endpoint group name. */
  neg: string;
  /** Region of the NEG and the service, when known. */
  region: string | null;
  /** Cloud Run service name. */
  service: string;
}

/** Where a request goes: a backend (service or bucket), a redirect, or nowhere. */
export type RouteOutcome =
  | {
      kind: 'backend';
      /** The reference as written in the URL map. */
      service: string;
      backend: BackendRef | null;
      /** Weighted split of a routeAction (weights as written); absent for a plain `service`. */
      weighted?: {
        service: string;
        backend: BackendRef | null;
        weight: number;
      }[];
      /** Cloud Run services behind the backend service's serverless NEGs (when a topology was given). */
      cloudRun: CloudRunTarget[];
      /** Cloud Storage bucket of a backend bucket (when a topology was given). */
      bucketName: string | null;
      /** false when a topology was given and it has no backend of this name. */
      exists: boolean | null;
    }
  | {
      kind: 'redirect';
      /** Absolute location the client is sent to. */
      location: string;
      /** HTTP status, e.g. 301. */
      statusCode: number;
      responseCode: RedirectResponseCode;
    }
  | { kind: 'none'; reason: string };

/** The load balancer's decision for one URL, with the reasoning a person can follow. */
export interface RouteDecision {
  url: RequestUrl;
  /** The host rule used, or null when no host rule matched (the URL map's defaults apply). */
  hostRule: {
    index: number;
    hosts: string[];
    /** The pattern that matched. */ pattern: string;
  } | null;
  /** Name of the path matcher used, or null for the URL map's defaults. */
  pathMatcher: string | null;
  rule: MatchedRule;
  outcome: RouteOutcome;
  /**
   * Value of the `matched_url_path_rule` label of `loadbalancing.googleapis.com/https/request_count`
   * for this decision: the matched path pattern, `route_rules/PRIORITY` for a route rule, `UNMATCHED`
   * for a default. (unverified: Google documents the label and its UNMATCHED fallback, not the exact
   * text for route rules; the sandbox and the backend both use this function, so they agree.)
   */
  matchedUrlPathRule: string;
  /** Why, step by step: "Host www.gryyd.ai matches host rule 2 (www.gryyd.ai) → path matcher path-matcher-2", … */
  steps: string[];
}

/** Backends the resolver can follow from a backend reference to Cloud Run services or a bucket. */
export interface RoutingTopology {
  backendServices: { name: string; cloudRun: CloudRunTarget[] }[];
  backendBuckets: { name: string; bucketName: string }[];
}

/** The label value for the URL map's or a path matcher's default (Google's documented fallback). */
export const UNMATCHED_PATH_RULE = 'UNMATCHED';

/** `matched_url_path_rule` value of a matched rule (see RouteDecision.matchedUrlPathRule). */
export function matchedUrlPathRuleLabel(rule: MatchedRule): string {
  if (rule.kind === 'pathRule') return rule.path;
  if (rule.kind === 'routeRule') return `route_rules/${rule.priority}`;
  return UNMATCHED_PATH_RULE;
}
