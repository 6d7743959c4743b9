import { backendRefKey, parseBackendRef } from './backendRef';
import { resolveRoute } from './resolveRoute';
import type { RouteOutcome } from './routeDecision';
import { sampleRequestUrls } from './sampleUrls';
import type { RouteRuleMatchSpec, UrlMapSpec } from './urlMapTypes';

/** Codes of what a URL map preview points out. */
export type UrlMapFindingCode =
  | 'UNREACHABLE_RULE'
  | 'DUPLICATE_PATH'
  | 'DESTINATION_CHANGED'
  | 'MISSING_TARGET'
  | 'UNUSED_PATH_MATCHER';

/** A URL whose destination an edit changes. */
export interface DestinationChangeSample {
  url: string;
  /** Readable destination before and after: backend name, `redirect 301 https://…`, or `404 (no target)`. */
  before: string;
  after: string;
}

/** Something a user should see before applying a URL map edit. */
export interface UrlMapFinding {
  code: UrlMapFindingCode;
  severity: 'info' | 'warning';
  message: string;
  /** Dot path of the rule concerned in the edit (`pathMatchers.1.pathRules.3`), when one is. */
  path?: string;
  /** For DESTINATION_CHANGED: sample URLs (at most 5 per before/after pair). */
  samples?: DestinationChangeSample[];
}

/** Backends that exist in the project, by short name. */
export interface KnownBackends {
  backendServices: string[];
  backendBuckets: string[];
}

const MAX_SAMPLES_PER_CHANGE = 5;

/**
 * Our own checks of a proposed URL map, beside Google's `urlMaps.validate`: rules made unreachable by
 * another, duplicate paths, path matchers no host uses, targets that do not exist, and, against the
 * current map, sample URLs whose destination changes. Pure.
 */
export function urlMapFindings(
  current: UrlMapSpec,
  proposed: UrlMapSpec,
  known?: KnownBackends,
): UrlMapFinding[] {
  return [
    ...structuralFindings(proposed),
    ...missingTargets(proposed, known),
    ...destinationChanges(current, proposed),
  ];
}

function structuralFindings(map: UrlMapSpec): UrlMapFinding[] {
  const findings: UrlMapFinding[] = [];
  const seenHosts = new Map<string, number>();
  (map.hostRules ?? []).forEach((rule, i) => {
    const hosts = rule.hosts ?? [];
    const shadowed = hosts.filter(h => seenHosts.has(h.toLowerCase()));
    for (const h of hosts)
      if (!seenHosts.has(h.toLowerCase())) seenHosts.set(h.toLowerCase(), i);
    if (hosts.length > 0 && shadowed.length === hosts.length) {
      findings.push({
        code: 'UNREACHABLE_RULE',
        severity: 'warning',
        path: `hostRules.${i}`,
        message: `Host rule ${i + 1} (${hosts.join(
          ', ',
        )}) is unreachable: every host is already taken by an earlier host rule.`,
      });
    }
  });
  const used = new Set((map.hostRules ?? []).map(r => r.pathMatcher));
  (map.pathMatchers ?? []).forEach((m, mi) => {
    if (!used.has(m.name)) {
      findings.push({
        code: 'UNUSED_PATH_MATCHER',
        severity: 'info',
        path: `pathMatchers.${mi}`,
        message: `Path matcher ${m.name} is used by no host rule, so none of its rules is reachable.`,
      });
    }
    const firstRule = new Map<string, number>();
    (m.pathRules ?? []).forEach((rule, ri) => {
      const paths = rule.paths ?? [];
      let duplicates = 0;
      for (const p of paths) {
        const first = firstRule.get(p);
        if (first !== undefined) {
          duplicates++;
          findings.push({
            code: 'DUPLICATE_PATH',
            severity: 'warning',
            path: `pathMatchers.${mi}.pathRules.${ri}`,
            message: `Path ${p} appears in path rules ${first + 1} and ${
              ri + 1
            } of ${m.name}: Google rejects duplicate paths in a path matcher.`,
          });
        } else firstRule.set(p, ri);
      }
      if (paths.length > 0 && duplicates === paths.length) {
        findings.push({
          code: 'UNREACHABLE_RULE',
          severity: 'warning',
          path: `pathMatchers.${mi}.pathRules.${ri}`,
          message: `Path rule ${ri + 1} of ${m.name} (${paths.join(
            ', ',
          )}) is unreachable: each of its paths belongs to an earlier rule.`,
        });
      }
    });
    const byPriority = [...(m.routeRules ?? [])]
      .map((r, ri) => ({ r, ri }))
      .sort((a, b) => (a.r.priority ?? 0) - (b.r.priority ?? 0));
    byPriority.forEach(({ r, ri }, k) => {
      const prefixes = plainPrefixes(r.matchRules);
      if (!prefixes) return;
      const shadow = byPriority.slice(0, k).find(({ r: earlier }) => {
        const earlierPrefixes = plainPrefixes(earlier.matchRules);
        return (
          earlierPrefixes &&
          prefixes.every(p => earlierPrefixes.some(e => p.startsWith(e)))
        );
      });
      if (shadow) {
        findings.push({
          code: 'UNREACHABLE_RULE',
          severity: 'warning',
          path: `pathMatchers.${mi}.routeRules.${ri}`,
          message: `Route rule priority ${r.priority ?? 0} of ${
            m.name
          } is unreachable: route rule priority ${
            shadow.r.priority ?? 0
          } matches every request it would.`,
        });
      }
    });
  });
  return findings;
}

/** Prefixes of match rules that test only the path's prefix (case-sensitive); null if any does more. */
function plainPrefixes(
  matchRules: RouteRuleMatchSpec[] | null | undefined,
): string[] | null {
  if (!matchRules || matchRules.length === 0) return [''];
  const prefixes: string[] = [];
  for (const m of matchRules) {
    const extra =
      (m.headerMatches?.length ?? 0) +
      (m.queryParameterMatches?.length ?? 0) +
      (m.ignoreCase ? 1 : 0);
    if (extra > 0 || typeof m.prefixMatch !== 'string') return null;
    prefixes.push(m.prefixMatch);
  }
  return prefixes;
}

function missingTargets(
  map: UrlMapSpec,
  known: KnownBackends | undefined,
): UrlMapFinding[] {
  if (!known) return [];
  const refs: { ref: string; path: string }[] = [];
  if (map.defaultService)
    refs.push({ ref: map.defaultService, path: 'defaultService' });
  (map.pathMatchers ?? []).forEach((m, mi) => {
    if (m.defaultService)
      refs.push({
        ref: m.defaultService,
        path: `pathMatchers.${mi}.defaultService`,
      });
    (m.pathRules ?? []).forEach(
      (r, ri) =>
        r.service &&
        refs.push({
          ref: r.service,
          path: `pathMatchers.${mi}.pathRules.${ri}`,
        }),
    );
    (m.routeRules ?? []).forEach(
      (r, ri) =>
        r.service &&
        refs.push({
          ref: r.service,
          path: `pathMatchers.${mi}.routeRules.${ri}`,
        }),
    );
  });
  return refs.flatMap(({ ref, path }) => {
    const b = parseBackendRef(ref);
    const exists =
      b &&
      (b.kind === 'backendBucket'
        ? known.backendBuckets
        : known.backendServices
      ).includes(b.name);
    if (exists) return [];
    const what = b
      ? `${b.kind === 'backendBucket' ? 'Backend bucket' : 'Backend service'} ${
          b.name
        }`
      : `Target ${ref}`;
    return [
      {
        code: 'MISSING_TARGET' as const,
        severity: 'warning' as const,
        path,
        message: `${what} (at ${path}) does not exist in the project.`,
      },
    ];
  });
}

/** `gryd-be-service`, `bucket assets`, `redirect 301 https://www.gryyd.ai/x`, `404 (no target)`. */
export function describeOutcome(o: RouteOutcome): string {
  if (o.kind === 'backend')
    return o.backend
      ? `${o.backend.kind === 'backendBucket' ? 'bucket ' : ''}${
          o.backend.name
        }`
      : o.service;
  if (o.kind === 'redirect') return `redirect ${o.statusCode} ${o.location}`;
  return '404 (no target)';
}

function destinationKey(o: RouteOutcome): string {
  if (o.kind === 'backend') return `b:${backendRefKey(o.service)}`;
  if (o.kind === 'redirect') return `r:${o.statusCode} ${o.location}`;
  return 'none';
}

function destinationChanges(
  current: UrlMapSpec,
  proposed: UrlMapSpec,
): UrlMapFinding[] {
  const groups = new Map<string, DestinationChangeSample[]>();
  for (const url of sampleRequestUrls([current, proposed])) {
    const a = resolveRoute(current, url).outcome;
    const b = resolveRoute(proposed, url).outcome;
    if (destinationKey(a) === destinationKey(b)) continue;
    const sample = {
      url,
      before: describeOutcome(a),
      after: describeOutcome(b),
    };
    // Redirect locations embed the URL, so group them by the kind of change, not the text.
    const key = `${a.kind === 'redirect' ? 'redirect' : sample.before} → ${
      b.kind === 'redirect' ? 'redirect' : sample.after
    }`;
    groups.set(key, [...(groups.get(key) ?? []), sample]);
  }
  return [...groups.values()].map(samples => ({
    code: 'DESTINATION_CHANGED' as const,
    severity: 'warning' as const,
    message: `${samples.length} sample URL(s) would go to ${
      samples[0]!.after
    } instead of ${samples[0]!.before}, e.g. ${samples[0]!.url}.`,
    samples: samples.slice(0, MAX_SAMPLES_PER_CHANGE),
  }));
}
