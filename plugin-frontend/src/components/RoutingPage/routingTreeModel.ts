import {
  describeAction,
  parseBackendRef,
  UNMATCHED_PATH_RULE,
  type RouteTraffic,
  type RoutingTopology,
  type UrlMapSpec,
} from '@gcp-serverless/common';

/** Live figures of a route; null when Monitoring had none. */
export interface RouteFigures {
  requestsPerSecond: number;
  errorRatio5xx: number;
}

/** A rule of a path matcher as the tree shows it. */
export interface RuleNode {
  /** e.g. `/api/*, /admin, /admin/*` or `default`. */
  label: string;
  /** e.g. `gryd-be-service`, `redirect 301 to https://www.gryyd.ai`. */
  target: string;
  /** Cloud Run services behind the target (serverless NEGs). */
  cloudRun: { service: string; region: string | null }[];
  figures: RouteFigures | null;
}

/** host(s) → path matcher → rules. */
export interface HostNode {
  hosts: string[];
  pathMatcher: string;
  rules: RuleNode[];
}

/** The tree of one URL map: host rules with their rules, then the URL map's own default. */
export interface RoutingTree {
  hosts: HostNode[];
  defaultRule: RuleNode;
}

function cloudRunOf(
  service: string | null | undefined,
  topology: RoutingTopology,
): RuleNode['cloudRun'] {
  const ref = parseBackendRef(service);
  if (!ref || ref.kind !== 'backendService') return [];
  return (
    topology.backendServices.find(b => b.name === ref.name)?.cloudRun ?? []
  ).map(c => ({ service: c.service, region: c.region }));
}

/** Sums the traffic of a rule's path labels that reached its target (or any target, for redirects). */
function figuresOf(
  traffic: RouteTraffic[] | null,
  urlMap: string,
  labels: string[],
  service: string | null | undefined,
): RouteFigures | null {
  if (!traffic) return null;
  const target = parseBackendRef(service)?.name;
  const rows = traffic.filter(
    t =>
      t.urlMap === urlMap &&
      labels.includes(t.matchedUrlPathRule) &&
      (!target || t.backendTarget === target),
  );
  if (rows.length === 0) return { requestsPerSecond: 0, errorRatio5xx: 0 };
  const rps = rows.reduce((a, r) => a + r.requestsPerSecond, 0);
  const fiveXx = rows.reduce(
    (a, r) => a + r.requestsPerSecond * r.errorRatio5xx,
    0,
  );
  return { requestsPerSecond: rps, errorRatio5xx: rps > 0 ? fiveXx / rps : 0 };
}

/**
 * The readable tree of a URL map: host → path matcher → rules → backend → Cloud Run service, with
 * req/s and 5xx per rule from the `matched_url_path_rule` label. Defaults carry the UNMATCHED label,
 * so their figures are split by target only (a redirect default and a backend default stay apart).
 */
export function buildRoutingTree(
  spec: UrlMapSpec,
  topology: RoutingTopology,
  traffic: RouteTraffic[] | null,
): RoutingTree {
  const name = spec.name ?? '';
  const hosts: HostNode[] = (spec.hostRules ?? []).map(rule => {
    const matcher = (spec.pathMatchers ?? []).find(
      m => m.name === rule.pathMatcher,
    );
    const rules: RuleNode[] = [];
    for (const r of matcher?.pathRules ?? []) {
      const paths = r.paths ?? [];
      rules.push({
        label: paths.join(', '),
        target: describeAction(r) ?? '(none)',
        cloudRun: cloudRunOf(r.service, topology),
        figures: figuresOf(traffic, name, paths, r.service),
      });
    }
    for (const r of matcher?.routeRules ?? []) {
      rules.push({
        label: `route rule ${r.priority ?? 0}`,
        target: describeAction(r) ?? '(none)',
        cloudRun: cloudRunOf(r.service, topology),
        figures: figuresOf(
          traffic,
          name,
          [`route_rules/${r.priority ?? 0}`],
          r.service,
        ),
      });
    }
    const def = {
      service: matcher?.defaultService,
      urlRedirect: matcher?.defaultUrlRedirect,
      routeAction: matcher?.defaultRouteAction,
    };
    rules.push({
      label: 'default',
      target: matcher
        ? describeAction(def) ?? '(none)'
        : `path matcher ${rule.pathMatcher} is missing`,
      cloudRun: cloudRunOf(def.service, topology),
      // A redirect default has no backend target; its UNMATCHED figures cannot be told from other hosts', so none are shown.
      figures: def.service
        ? figuresOf(traffic, name, [UNMATCHED_PATH_RULE], def.service)
        : null,
    });
    return {
      hosts: [...(rule.hosts ?? [])],
      pathMatcher: rule.pathMatcher ?? '',
      rules,
    };
  });
  const def = {
    service: spec.defaultService,
    urlRedirect: spec.defaultUrlRedirect,
    routeAction: spec.defaultRouteAction,
  };
  return {
    hosts,
    defaultRule: {
      label: 'any other host',
      target: describeAction(def) ?? '(none)',
      cloudRun: cloudRunOf(def.service, topology),
      figures: null,
    },
  };
}
