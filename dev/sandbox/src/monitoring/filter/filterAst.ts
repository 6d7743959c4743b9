/**
 * The parsed form of a Cloud Monitoring filter (https://cloud.google.com/monitoring/api/v3/filters):
 * comparisons of a selector (metric.type, resource.labels.K, …) with a value or a matcher function,
 * combined with AND, OR, NOT and parentheses.
 */

/** What a comparison looks at. Both `labels` and `label` spellings normalise to kind 'label'. */
export type FilterSelector =
  | { scope: 'metric' | 'resource'; kind: 'type' }
  | { scope: 'metric' | 'resource'; kind: 'label'; key: string }
  | { scope: 'project'; kind: 'id' };

/** How the selected value is tested. */
export type FilterMatcher =
  | { kind: 'equals'; value: string }
  | { kind: 'oneOf'; values: string[] }
  | { kind: 'startsWith'; value: string }
  | { kind: 'endsWith'; value: string }
  | { kind: 'hasSubstring'; value: string }
  | { kind: 'regex'; pattern: RegExp };

export type FilterExpr =
  | { kind: 'and'; items: FilterExpr[] }
  | { kind: 'or'; items: FilterExpr[] }
  | { kind: 'not'; item: FilterExpr }
  /** `=` tests the matcher, `!=` its negation, `:` a substring (Google's "has"; plain values only). */
  | {
      kind: 'compare';
      selector: FilterSelector;
      op: '=' | '!=' | ':';
      matcher: FilterMatcher;
    };

/** Text of a selector as written in filters and in groupByFields, e.g. `resource.labels.service_name`. */
export function selectorText(selector: FilterSelector): string {
  if (selector.scope === 'project') return 'project';
  return selector.kind === 'type'
    ? `${selector.scope}.type`
    : `${selector.scope}.labels.${selector.key}`;
}

/**
 * Parses a selector path: `metric.type`, `resource.type`, `metric.labels.K`, `metric.label.K`,
 * `resource.labels.K`, `resource.label.K`, `project`. Returns null for anything else.
 */
export function parseSelector(path: string): FilterSelector | null {
  if (path === 'project') return { scope: 'project', kind: 'id' };
  const match =
    /^(metric|resource)\.(type|labels?\.([A-Za-z_][A-Za-z0-9_]*))$/.exec(path);
  if (!match) return null;
  const scope = match[1] as 'metric' | 'resource';
  return match[2] === 'type'
    ? { scope, kind: 'type' }
    : { scope, kind: 'label', key: match[3]! };
}
