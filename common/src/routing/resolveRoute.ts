import { parseBackendRef } from './backendRef';
import { matchHostRule, matchPathRule, patternPrefix } from './matchers';
import { formatRequestUrl, parseRequestUrl } from './requestUrl';
import {
  matchedUrlPathRuleLabel,
  type MatchedRule,
  type RouteDecision,
  type RouteOutcome,
  type RoutingTopology,
} from './routeDecision';
import { matchRouteRule } from './routeRules';
import {
  REDIRECT_RESPONSE_CODES,
  type RedirectResponseCode,
  type RequestUrl,
  type RouteActionSpec,
  type UrlMapSpec,
  type UrlRedirectSpec,
} from './urlMapTypes';

/** One action of a URL map level: a backend, a redirect or a route action (compute's one-of). */
interface Action {
  service?: string | null;
  urlRedirect?: UrlRedirectSpec | null;
  routeAction?: RouteActionSpec | null;
}

/**
 * What a global external Application Load Balancer does with a URL under this URL map
 * (docs/google-apis.md §2): the host picks a host rule (exact name, else the most specific `*` pattern,
 * else the URL map's defaults); its path matcher tries routeRules by priority or pathRules by
 * longest path (order does not matter, exact beats wildcard); nothing matching → the matcher's
 * default. The query string never affects path rules. Pure: the tester, the findings of a preview
 * and the sandbox all use it. With a topology, backends are followed to Cloud Run services/buckets.
 */
export function resolveRoute(
  urlMap: UrlMapSpec,
  input: string | RequestUrl,
  topology?: RoutingTopology,
): RouteDecision {
  const url = parseRequestUrl(input);
  const steps: string[] = [];
  const host = matchHostRule(urlMap.hostRules ?? [], url.host);
  if (!host) {
    steps.push(
      `Host ${
        url.host || '(empty)'
      } matches no host rule → the URL map's default.`,
    );
    return decide(
      url,
      null,
      null,
      { kind: 'urlMapDefault' },
      urlMap.defaultUrlRedirect
        ? { urlRedirect: urlMap.defaultUrlRedirect }
        : {
            service: urlMap.defaultService,
            routeAction: urlMap.defaultRouteAction,
          },
      '',
      steps,
      topology,
    );
  }
  const hostRule = {
    index: host.index,
    hosts: [...(host.rule.hosts ?? [])],
    pattern: host.pattern,
  };
  const matcherName = host.rule.pathMatcher ?? '';
  const matcher = (urlMap.pathMatchers ?? []).find(m => m.name === matcherName);
  steps.push(
    `Host ${url.host} matches host rule ${host.index + 1} (${
      host.pattern
    }) → path matcher ${matcherName}.`,
  );
  if (!matcher) {
    steps.push(`Path matcher ${matcherName} does not exist in this URL map.`);
    return finish(
      url,
      hostRule,
      matcherName,
      { kind: 'pathMatcherDefault' },
      { kind: 'none', reason: `path matcher ${matcherName} does not exist` },
      steps,
    );
  }
  const matcherDefault: Action = matcher.defaultUrlRedirect
    ? { urlRedirect: matcher.defaultUrlRedirect }
    : {
        service: matcher.defaultService,
        routeAction: matcher.defaultRouteAction,
      };

  if ((matcher.routeRules ?? []).length > 0) {
    const hit = matchRouteRule(matcher.routeRules!, url, steps);
    if (hit) {
      const priority = hit.rule.priority ?? 0;
      steps.push(
        `Path ${url.path} matches route rule priority ${priority}${
          hit.matchIndex >= 0 ? ` (match rule ${hit.matchIndex + 1})` : ''
        }.`,
      );
      return decide(
        url,
        hostRule,
        matcherName,
        {
          kind: 'routeRule',
          index: hit.index,
          priority,
          matchIndex: hit.matchIndex,
        },
        hit.rule,
        hit.prefix,
        steps,
        topology,
      );
    }
    steps.push(
      `Path ${url.path} matches no route rule → the path matcher's default.`,
    );
    return decide(
      url,
      hostRule,
      matcherName,
      { kind: 'pathMatcherDefault' },
      matcherDefault,
      '',
      steps,
      topology,
    );
  }

  const hit = matchPathRule(matcher.pathRules ?? [], url.path);
  if (hit) {
    steps.push(
      `Path ${url.path} matches ${hit.pattern} of path rule ${
        hit.index + 1
      } (the longest matching path wins).`,
    );
    return decide(
      url,
      hostRule,
      matcherName,
      { kind: 'pathRule', index: hit.index, path: hit.pattern },
      hit.rule,
      patternPrefix(hit.pattern),
      steps,
      topology,
    );
  }
  steps.push(
    `Path ${url.path} matches no path rule → the path matcher's default.`,
  );
  return decide(
    url,
    hostRule,
    matcherName,
    { kind: 'pathMatcherDefault' },
    matcherDefault,
    '',
    steps,
    topology,
  );
}

function decide(
  url: RequestUrl,
  hostRule: RouteDecision['hostRule'],
  pathMatcher: string | null,
  rule: MatchedRule,
  action: Action,
  matchedPrefix: string,
  steps: string[],
  topology: RoutingTopology | undefined,
): RouteDecision {
  let outcome: RouteOutcome;
  if (action.urlRedirect) {
    outcome = redirectOutcome(url, action.urlRedirect, matchedPrefix);
    steps.push(
      `Redirect ${
        outcome.kind === 'redirect'
          ? `${outcome.statusCode} to ${outcome.location}`
          : ''
      }.`,
    );
  } else if (action.service) {
    outcome = backendOutcome(action.service, topology);
    steps.push(`Backend ${describeBackend(outcome)}.`);
  } else if (action.routeAction?.weightedBackendServices?.length) {
    const weighted = action.routeAction.weightedBackendServices
      .filter(w => w.backendService)
      .map(w => ({
        service: w.backendService!,
        backend: parseBackendRef(w.backendService),
        weight: w.weight ?? 0,
      }));
    const top = [...weighted].sort((a, b) => b.weight - a.weight)[0]!;
    outcome = {
      ...backendOutcome(top.service, topology),
      weighted,
    } as RouteOutcome;
    steps.push(
      `Weighted split: ${weighted
        .map(w => `${w.backend?.name ?? w.service} ${w.weight}`)
        .join(', ')}; most traffic to ${top.backend?.name ?? top.service}.`,
    );
  } else {
    outcome = {
      kind: 'none',
      reason: 'no service, redirect or route action is set here',
    };
    steps.push('No target is set here: the load balancer answers 404.');
  }
  return finish(url, hostRule, pathMatcher, rule, outcome, steps);
}

function finish(
  url: RequestUrl,
  hostRule: RouteDecision['hostRule'],
  pathMatcher: string | null,
  rule: MatchedRule,
  outcome: RouteOutcome,
  steps: string[],
): RouteDecision {
  return {
    url,
    hostRule,
    pathMatcher,
    rule,
    outcome,
    matchedUrlPathRule: matchedUrlPathRuleLabel(rule),
    steps,
  };
}

function backendOutcome(
  service: string,
  topology: RoutingTopology | undefined,
): RouteOutcome {
  const backend = parseBackendRef(service);
  if (!topology || !backend) {
    return {
      kind: 'backend',
      service,
      backend,
      cloudRun: [],
      bucketName: null,
      exists: topology ? false : null,
    };
  }
  if (backend.kind === 'backendBucket') {
    const bucket = topology.backendBuckets.find(b => b.name === backend.name);
    return {
      kind: 'backend',
      service,
      backend,
      cloudRun: [],
      bucketName: bucket?.bucketName ?? null,
      exists: !!bucket,
    };
  }
  const bs = topology.backendServices.find(b => b.name === backend.name);
  return {
    kind: 'backend',
    service,
    backend,
    cloudRun: bs ? [...bs.cloudRun] : [],
    bucketName: null,
    exists: !!bs,
  };
}

function describeBackend(outcome: RouteOutcome): string {
  if (outcome.kind !== 'backend') return '';
  const name = outcome.backend
    ? `${outcome.backend.kind === 'backendBucket' ? 'bucket' : 'service'} ${
        outcome.backend.name
      }`
    : outcome.service;
  if (outcome.exists === false) return `${name}, which does not exist`;
  if (outcome.cloudRun.length)
    return `${name} → ${outcome.cloudRun
      .map(c => `NEG ${c.neg} → Cloud Run ${c.service}`)
      .join(', ')}`;
  if (outcome.bucketName)
    return `${name} → Cloud Storage bucket ${outcome.bucketName}`;
  return name;
}

/** Builds the redirect location the way compute's HttpRedirectAction describes it. */
export function redirectOutcome(
  url: RequestUrl,
  redirect: UrlRedirectSpec,
  matchedPrefix: string,
): RouteOutcome {
  const responseCode = (redirect.redirectResponseCode ??
    'MOVED_PERMANENTLY_DEFAULT') as RedirectResponseCode;
  const statusCode = REDIRECT_RESPONSE_CODES[responseCode] ?? 301;
  let path = url.path;
  if (redirect.pathRedirect) path = redirect.pathRedirect;
  else if (typeof redirect.prefixRedirect === 'string' && matchedPrefix)
    path = redirect.prefixRedirect + url.path.slice(matchedPrefix.length);
  const location = formatRequestUrl({
    scheme: redirect.httpsRedirect ? 'https' : url.scheme,
    host: redirect.hostRedirect || url.host,
    path,
    query: redirect.stripQuery ? '' : url.query,
  });
  return { kind: 'redirect', location, statusCode, responseCode };
}
