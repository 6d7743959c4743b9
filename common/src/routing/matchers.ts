import { hostWithoutPort } from './requestUrl';
import type { HostRuleSpec, PathRuleSpec } from './urlMapTypes';

/**
 * Does a host pattern match a request host? Patterns are exact names (case-insensitive), `*` alone
 * (any host), or `*` followed by `.` or `-` and a suffix (`*.example.com` matches `a.example.com`
 * but not `example.com`). A pattern with a port compares with the request's host:port, one without
 * with the bare host. Returns the pattern's specificity (length of its literal part) or -1.
 */
export function hostPatternScore(pattern: string, requestHost: string): number {
  const p = pattern.toLowerCase();
  const host =
    p.includes(':') && !p.startsWith('[')
      ? requestHost
      : hostWithoutPort(requestHost);
  if (p === '*') return 0;
  if (p.startsWith('*')) {
    const suffix = p.slice(1);
    return host.length > suffix.length && host.endsWith(suffix)
      ? suffix.length
      : -1;
  }
  return host === p ? Number.MAX_SAFE_INTEGER : -1;
}

/** The host rule a request host uses: an exact name first, then the most specific wildcard. */
export function matchHostRule(
  hostRules: readonly HostRuleSpec[],
  requestHost: string,
): { index: number; rule: HostRuleSpec; pattern: string } | null {
  let best: {
    index: number;
    rule: HostRuleSpec;
    pattern: string;
    score: number;
  } | null = null;
  hostRules.forEach((rule, index) => {
    for (const pattern of rule.hosts ?? []) {
      const score = hostPatternScore(pattern, requestHost);
      // Strictly greater: with equal patterns in two rules (Google rejects that), the first one wins.
      if (score >= 0 && (!best || score > best.score))
        best = { index, rule, pattern, score };
    }
  });
  if (!best) return null;
  const { index, rule, pattern } = best;
  return { index, rule, pattern };
}

/** Specificity of a path rule pattern against a path: literal length, exact beating wildcard; -1 if no match. */
export function pathPatternScore(pattern: string, path: string): number {
  if (pattern.endsWith('/*')) {
    const prefix = pattern.slice(0, -1);
    return path.startsWith(prefix) ? prefix.length * 2 : -1;
  }
  // ×2 + 1: an exact path beats a wildcard of the same literal prefix (`/a/` over `/a/*`).
  return path === pattern ? pattern.length * 2 + 1 : -1;
}

/**
 * The path rule a path uses: the longest matching path wins, whatever the list order
 * (docs/google-apis.md §2). Returns the rule, its index and the matched pattern.
 */
export function matchPathRule(
  pathRules: readonly PathRuleSpec[],
  path: string,
): { index: number; rule: PathRuleSpec; pattern: string } | null {
  let best: {
    index: number;
    rule: PathRuleSpec;
    pattern: string;
    score: number;
  } | null = null;
  pathRules.forEach((rule, index) => {
    for (const pattern of rule.paths ?? []) {
      const score = pathPatternScore(pattern, path);
      if (score >= 0 && (!best || score > best.score))
        best = { index, rule, pattern, score };
    }
  });
  if (!best) return null;
  const { index, rule, pattern } = best;
  return { index, rule, pattern };
}

/** The literal prefix a path pattern replaces in a prefix redirect (`/a/*` → `/a/`, `/a` → `/a`). */
export function patternPrefix(pattern: string): string {
  return pattern.endsWith('*') ? pattern.slice(0, -1) : pattern;
}
