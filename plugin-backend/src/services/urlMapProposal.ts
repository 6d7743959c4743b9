import {
  backendRefUrl,
  parseBackendRef,
  type UrlMapEdit,
  type UrlMapSpec,
} from '@gcp-serverless/common';

/** Full backend URL for any accepted reference form, so stored maps compare and display alike. */
function canonical(
  projectId: string,
  ref: string | null | undefined,
): string | undefined {
  if (!ref) return undefined;
  const parsed = parseBackendRef(ref);
  return parsed
    ? backendRefUrl(parsed.projectId ?? projectId, parsed.kind, parsed.name)
    : ref;
}

/** Drops null/undefined keys, so the PUT sends only set fields (compute's one-of fields stay single). */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined),
  ) as T;
}

/**
 * The URL map that an edit proposes: the current map's identity, description and tests, with the
 * edit's defaults, host rules and path matchers. Route rules pass through as sent (the editor shows
 * them read-only). Backend references are made full URLs of the project.
 */
export function proposedUrlMap(
  projectId: string,
  current: UrlMapSpec,
  edit: UrlMapEdit,
): UrlMapSpec {
  return compact({
    name: current.name,
    description: current.description,
    defaultService: canonical(projectId, edit.defaultService),
    defaultUrlRedirect: edit.defaultUrlRedirect
      ? compact(edit.defaultUrlRedirect)
      : undefined,
    hostRules: edit.hostRules.map(h =>
      compact({
        hosts: [...h.hosts],
        pathMatcher: h.pathMatcher,
        description: h.description,
      }),
    ),
    pathMatchers: edit.pathMatchers.map(m =>
      compact({
        name: m.name,
        description: m.description,
        defaultService: canonical(projectId, m.defaultService),
        defaultUrlRedirect: m.defaultUrlRedirect
          ? compact(m.defaultUrlRedirect)
          : undefined,
        pathRules: m.pathRules.length
          ? m.pathRules.map(r =>
              compact({
                paths: [...r.paths],
                service: canonical(projectId, r.service),
                urlRedirect: r.urlRedirect ? compact(r.urlRedirect) : undefined,
              }),
            )
          : undefined,
        routeRules: m.routeRules.length ? (m.routeRules as never) : undefined,
      }),
    ),
    tests: current.tests ?? undefined,
  });
}
