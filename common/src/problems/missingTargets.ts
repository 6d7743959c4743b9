import { parseBackendRef } from '../routing/backendRef';
import type { KnownBackends } from '../routing/urlMapFindings';
import type { UrlMapSpec } from '../routing/urlMapTypes';

/** A rule of a URL map whose target backend does not exist. */
export interface MissingTarget {
  /** Readable rule, e.g. "path-matcher-2: /api/*" or "default service". */
  where: string;
  /** Readable target, e.g. "backend service gryd-old-service". */
  target: string;
}

/**
 * Targets of a live URL map that are not among the project's backends. Like the preview's
 * MISSING_TARGET finding, but with the rule named by its paths, for the problems list. Pure.
 */
export function missingTargetsOf(
  map: UrlMapSpec,
  known: KnownBackends,
): MissingTarget[] {
  const refs: { ref: string; where: string }[] = [];
  if (map.defaultService)
    refs.push({ ref: map.defaultService, where: 'default service' });
  for (const m of map.pathMatchers ?? []) {
    if (m.defaultService)
      refs.push({ ref: m.defaultService, where: `${m.name}: default` });
    for (const r of m.pathRules ?? [])
      if (r.service)
        refs.push({
          ref: r.service,
          where: `${m.name}: ${(r.paths ?? []).join(', ')}`,
        });
    (m.routeRules ?? []).forEach(
      (r, i) =>
        r.service &&
        refs.push({ ref: r.service, where: `${m.name}: route rule ${i + 1}` }),
    );
  }
  return refs.flatMap(({ ref, where }) => {
    const b = parseBackendRef(ref);
    const exists =
      b &&
      (b.kind === 'backendBucket'
        ? known.backendBuckets
        : known.backendServices
      ).includes(b.name);
    if (exists) return [];
    return [
      {
        where,
        target: b
          ? `${
              b.kind === 'backendBucket' ? 'backend bucket' : 'backend service'
            } ${b.name}`
          : ref,
      },
    ];
  });
}
