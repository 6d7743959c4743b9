import type { UrlMapSpec } from './urlMapTypes';

/** Upper bound of sample URLs, so a huge URL map still previews quickly. */
const MAX_SAMPLE_URLS = 4000;

/** A concrete host a pattern matches: `*.x.io` → `sample.x.io`, `*-api.x.io` → `sample-api.x.io`, `*` → `any-host.example`. */
export function sampleHost(pattern: string): string {
  if (pattern === '*') return 'any-host.example';
  return pattern.startsWith('*') ? `sample${pattern.slice(1)}` : pattern;
}

/** Concrete paths a rule's pattern stands for: `/a/*` → `/a/`, `/a/sample`; `/a` → `/a`. */
export function samplePaths(pattern: string): string[] {
  return pattern.endsWith('/*')
    ? [pattern.slice(0, -1), `${pattern.slice(0, -1)}sample`]
    : [pattern];
}

/**
 * URLs that exercise every host and path of the given URL maps (each host pattern × each rule path,
 * plus `/` and a host that no rule names): comparing where they go under two maps shows which
 * destinations an edit changes. https is used because that is what users type; schemes do not
 * affect routing.
 */
export function sampleRequestUrls(maps: UrlMapSpec[]): string[] {
  const hosts = new Set<string>(['unmatched-host.example']);
  const paths = new Set<string>(['/']);
  for (const map of maps) {
    for (const rule of map.hostRules ?? [])
      for (const h of rule.hosts ?? []) hosts.add(sampleHost(h.toLowerCase()));
    for (const m of map.pathMatchers ?? []) {
      for (const rule of m.pathRules ?? [])
        for (const p of rule.paths ?? [])
          samplePaths(p).forEach(s => paths.add(s));
      for (const rule of m.routeRules ?? []) {
        for (const match of rule.matchRules ?? []) {
          if (typeof match.prefixMatch === 'string')
            [match.prefixMatch, `${match.prefixMatch}sample`].forEach(s =>
              paths.add(s),
            );
          if (typeof match.fullPathMatch === 'string')
            paths.add(match.fullPathMatch);
        }
      }
    }
  }
  const urls: string[] = [];
  for (const host of hosts) {
    for (const path of paths) {
      if (urls.length >= MAX_SAMPLE_URLS) return urls;
      urls.push(`https://${host}${path.startsWith('/') ? path : `/${path}`}`);
    }
  }
  return urls;
}
