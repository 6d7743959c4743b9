import type { UrlMapEdit } from '../schemas/urlMapEdit';
import type { UrlMapSpec } from './urlMapTypes';

/** The edit that reproduces a map as it is (the editor's starting point, and "nothing to change" checks). */
export function editOf(spec: UrlMapSpec): UrlMapEdit {
  return {
    defaultService: spec.defaultService ?? undefined,
    defaultUrlRedirect:
      (spec.defaultUrlRedirect as UrlMapEdit['defaultUrlRedirect']) ??
      undefined,
    hostRules: (spec.hostRules ?? []).map(h => ({
      hosts: [...(h.hosts ?? [])],
      pathMatcher: h.pathMatcher ?? '',
    })),
    pathMatchers: (spec.pathMatchers ?? []).map(m => ({
      name: m.name ?? '',
      defaultService: m.defaultService ?? undefined,
      defaultUrlRedirect:
        (m.defaultUrlRedirect as UrlMapEdit['defaultUrlRedirect']) ?? undefined,
      pathRules: (m.pathRules ?? []).map(r => ({
        paths: [...(r.paths ?? [])],
        service: r.service ?? undefined,
        urlRedirect: (r.urlRedirect as never) ?? undefined,
      })),
      routeRules: (m.routeRules ?? []) as never,
    })),
  };
}
