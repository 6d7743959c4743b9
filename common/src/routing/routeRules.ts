import { parseQuery } from './requestUrl';
import type {
  RequestUrl,
  RouteRuleMatchSpec,
  RouteRuleSpec,
} from './urlMapTypes';

/** The route rule a URL uses and why; `prefix` is what a prefixRedirect replaces. */
export interface RouteRuleMatch {
  index: number;
  rule: RouteRuleSpec;
  matchIndex: number;
  prefix: string;
}

/**
 * Evaluates routeRules by ascending priority (list order breaks ties, though Google requires unique
 * priorities); within a rule, the first matchRule that matches wins. Header matches cannot be decided
 * from a URL alone, so a matchRule with them never matches and `notes` says so.
 */
export function matchRouteRule(
  routeRules: readonly RouteRuleSpec[],
  url: RequestUrl,
  notes: string[],
): RouteRuleMatch | null {
  const ordered = routeRules
    .map((rule, index) => ({ rule, index }))
    .sort(
      (a, b) =>
        (a.rule.priority ?? 0) - (b.rule.priority ?? 0) || a.index - b.index,
    );
  for (const { rule, index } of ordered) {
    const matchRules = rule.matchRules ?? [];
    // A route rule without matchRules matches every request (compute's documented default).
    if (matchRules.length === 0)
      return { index, rule, matchIndex: -1, prefix: '' };
    for (let m = 0; m < matchRules.length; m++) {
      const result = matchOne(matchRules[m]!, url);
      if (result === 'headers') {
        notes.push(
          `Route rule priority ${
            rule.priority ?? 0
          } matches on headers, which a URL alone cannot decide: treated as not matching.`,
        );
        continue;
      }
      if (result !== null)
        return { index, rule, matchIndex: m, prefix: result };
    }
  }
  return null;
}

/** null = no match; 'headers' = undecidable; otherwise the matched prefix (for prefixRedirect). */
function matchOne(
  match: RouteRuleMatchSpec,
  url: RequestUrl,
): string | null | 'headers' {
  const ignoreCase = match.ignoreCase === true;
  const path = ignoreCase ? url.path.toLowerCase() : url.path;
  const norm = (s: string) => (ignoreCase ? s.toLowerCase() : s);
  let prefix = '';
  if (typeof match.prefixMatch === 'string') {
    if (!path.startsWith(norm(match.prefixMatch))) return null;
    prefix = match.prefixMatch;
  } else if (typeof match.fullPathMatch === 'string') {
    if (path !== norm(match.fullPathMatch)) return null;
    prefix = match.fullPathMatch;
  } else if (typeof match.regexMatch === 'string') {
    if (!safeRegex(match.regexMatch, ignoreCase)?.test(url.path)) return null;
  }
  if (!queryMatches(match, url)) return null;
  if ((match.headerMatches ?? []).length > 0) return 'headers';
  return prefix;
}

function queryMatches(match: RouteRuleMatchSpec, url: RequestUrl): boolean {
  const conditions = match.queryParameterMatches ?? [];
  if (conditions.length === 0) return true;
  const params = parseQuery(url.query);
  return conditions.every(c => {
    const values = params.get(c.name ?? '');
    if (typeof c.presentMatch === 'boolean')
      return (values !== undefined) === c.presentMatch;
    if (typeof c.exactMatch === 'string')
      return values?.includes(c.exactMatch) ?? false;
    if (typeof c.regexMatch === 'string') {
      const re = safeRegex(c.regexMatch, false);
      return values?.some(v => re?.test(v)) ?? false;
    }
    return values !== undefined;
  });
}

/** Google uses RE2 with a full match; the common subset behaves the same in JavaScript. */
function safeRegex(source: string, ignoreCase: boolean): RegExp | null {
  try {
    return new RegExp(`^(?:${source})$`, ignoreCase ? 'i' : '');
  } catch {
    return null;
  }
}
