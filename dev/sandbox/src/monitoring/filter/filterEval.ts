/**
 * Evaluation of a parsed filter against a time series' labels, in three-valued logic so that a filter
 * can be checked against a service before its revision and metric labels are known: a service whose
 * resource labels already make the filter false is skipped without computing any of its minutes.
 */
import type { FilterExpr, FilterMatcher, FilterSelector } from './filterAst';

/** Value of a selector for a series: a string, or `undefined` when not known yet (partial evaluation). */
export type SelectorLookup = (selector: FilterSelector) => string | undefined;

/** The labels a series is matched on. Missing labels compare as the empty string, as in Google's filters. */
export interface SeriesIdentity {
  projectId: string;
  metricType: string;
  resourceType: string;
  resourceLabels: Readonly<Record<string, string>>;
  metricLabels: Readonly<Record<string, string>>;
}

/** A lookup over a fully known series. */
export function seriesLookup(series: SeriesIdentity): SelectorLookup {
  return selector => {
    if (selector.scope === 'project') return series.projectId;
    if (selector.kind === 'type')
      return selector.scope === 'metric'
        ? series.metricType
        : series.resourceType;
    const labels =
      selector.scope === 'metric' ? series.metricLabels : series.resourceLabels;
    return labels[selector.key] ?? '';
  };
}

function matches(matcher: FilterMatcher, value: string): boolean {
  switch (matcher.kind) {
    case 'equals':
      return value === matcher.value;
    case 'oneOf':
      return matcher.values.includes(value);
    case 'startsWith':
      return value.startsWith(matcher.value);
    case 'endsWith':
      return value.endsWith(matcher.value);
    case 'hasSubstring':
      return value.includes(matcher.value);
    case 'regex':
      return matcher.pattern.test(value);
  }
}

/** true / false, or null when the answer depends on selectors the lookup does not know yet. */
export function evaluateFilter(
  expr: FilterExpr,
  lookup: SelectorLookup,
): boolean | null {
  switch (expr.kind) {
    case 'compare': {
      const value = lookup(expr.selector);
      if (value === undefined) return null;
      // The parser allows only a plain value after `:` (has = substring).
      if (expr.op === ':')
        return (
          expr.matcher.kind === 'equals' && value.includes(expr.matcher.value)
        );
      const hit = matches(expr.matcher, value);
      return expr.op === '=' ? hit : !hit;
    }
    case 'not': {
      const inner = evaluateFilter(expr.item, lookup);
      return inner === null ? null : !inner;
    }
    case 'and': {
      let unknown = false;
      for (const item of expr.items) {
        const result = evaluateFilter(item, lookup);
        if (result === false) return false;
        if (result === null) unknown = true;
      }
      return unknown ? null : true;
    }
    case 'or': {
      let unknown = false;
      for (const item of expr.items) {
        const result = evaluateFilter(item, lookup);
        if (result === true) return true;
        if (result === null) unknown = true;
      }
      return unknown ? null : false;
    }
  }
}
