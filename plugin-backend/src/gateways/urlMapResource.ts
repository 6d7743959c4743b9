import type { UrlMapSpec } from '@gcp-serverless/common';

const ONE_OF_DEFAULTS = [
  'defaultService',
  'defaultUrlRedirect',
  'defaultRouteAction',
] as const;
const OUTPUT_ONLY = ['id', 'kind', 'selfLink', 'creationTimestamp'] as const;

/**
 * The full resource to PUT: the map as Google holds it, with the routing parts replaced by the
 * proposal. Fields the editor does not model (header actions, custom error policies, a matcher's
 * route actions…) are kept, since `urlMaps.update` replaces the whole resource and would drop them.
 */
export function mergeIntoCurrentResource(
  raw: Record<string, any>,
  proposed: UrlMapSpec,
): Record<string, unknown> {
  const merged: Record<string, any> = { ...raw };
  for (const key of OUTPUT_ONLY) delete merged[key];
  for (const key of ONE_OF_DEFAULTS) delete merged[key];
  Object.assign(merged, proposed);
  const rawMatchers = new Map<string, Record<string, any>>(
    ((raw.pathMatchers ?? []) as Record<string, any>[]).map(m => [m.name, m]),
  );
  merged.pathMatchers = (proposed.pathMatchers ?? []).map(m => {
    const extra = { ...(rawMatchers.get(m.name ?? '') ?? {}) };
    for (const key of [...ONE_OF_DEFAULTS, 'pathRules', 'routeRules'])
      delete extra[key];
    return { ...extra, ...m };
  });
  return merged;
}
