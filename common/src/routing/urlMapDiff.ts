import type { FieldChange } from '../types/api';
import { parseBackendRef } from './backendRef';
import {
  REDIRECT_RESPONSE_CODES,
  type RedirectResponseCode,
  type RouteActionSpec,
  type UrlMapSpec,
  type UrlRedirectSpec,
} from './urlMapTypes';

/** A readable one-line description of an action: `gryd-be-service`, `bucket assets`, `redirect 301 to https://www.gryyd.ai`. */
export function describeAction(action: {
  service?: string | null;
  urlRedirect?: UrlRedirectSpec | null;
  routeAction?: RouteActionSpec | null;
}): string | null {
  if (action.urlRedirect) return describeRedirect(action.urlRedirect);
  if (action.service) {
    const ref = parseBackendRef(action.service);
    if (!ref) return action.service;
    return ref.kind === 'backendBucket' ? `bucket ${ref.name}` : ref.name;
  }
  const weighted = action.routeAction?.weightedBackendServices;
  if (weighted?.length)
    return weighted
      .map(
        w =>
          `${parseBackendRef(w.backendService)?.name ?? w.backendService} ×${
            w.weight ?? 0
          }`,
      )
      .join(' + ');
  return null;
}

/** `redirect 301 to https://www.gryyd.ai` (same path) or `…/new` (path) or `…/new/…` (prefix). */
export function describeRedirect(r: UrlRedirectSpec): string {
  const code =
    REDIRECT_RESPONSE_CODES[
      (r.redirectResponseCode ??
        'MOVED_PERMANENTLY_DEFAULT') as RedirectResponseCode
    ] ?? 301;
  const scheme = r.httpsRedirect ? 'https://' : '';
  const host = r.hostRedirect ?? (scheme ? '(same host)' : '');
  const path =
    r.pathRedirect ?? (r.prefixRedirect ? `${r.prefixRedirect}…` : '');
  const target = `${scheme}${host}${path}` || '(same URL)';
  return `redirect ${code} to ${target}${r.stripQuery ? ' without query' : ''}`;
}

/** Every routing decision point of a URL map as key → { label, description }, in display order. */
export function routingLines(
  map: UrlMapSpec,
): Map<string, { label: string; value: string | null }> {
  const lines = new Map<string, { label: string; value: string | null }>();
  lines.set('default', {
    label: 'URL map default',
    value: describeAction({
      service: map.defaultService,
      urlRedirect: map.defaultUrlRedirect,
      routeAction: map.defaultRouteAction,
    }),
  });
  for (const rule of map.hostRules ?? []) {
    for (const host of rule.hosts ?? [])
      lines.set(`host:${host}`, {
        label: `Host ${host}`,
        value: `path matcher ${rule.pathMatcher ?? ''}`,
      });
  }
  for (const m of map.pathMatchers ?? []) {
    const name = m.name ?? '';
    lines.set(`matcher:${name}`, {
      label: `${name}: default`,
      value: describeAction({
        service: m.defaultService,
        urlRedirect: m.defaultUrlRedirect,
        routeAction: m.defaultRouteAction,
      }),
    });
    for (const rule of m.pathRules ?? []) {
      for (const path of rule.paths ?? []) {
        const key = `matcher:${name}:path:${path}`;
        // A duplicate path keeps its first action, as the load balancer would.
        if (!lines.has(key))
          lines.set(key, {
            label: `${name}: ${path}`,
            value: describeAction(rule),
          });
      }
    }
    for (const rule of m.routeRules ?? []) {
      lines.set(`matcher:${name}:route:${rule.priority ?? 0}`, {
        label: `${name}: route rule priority ${rule.priority ?? 0}`,
        value: `${JSON.stringify(rule.matchRules ?? [])} → ${
          describeAction(rule) ?? '(none)'
        }`,
      });
    }
  }
  return lines;
}

/**
 * The routing lines that differ between two URL maps: added (before null), removed (after null) or
 * changed. `field` is a stable key (`matcher:path-matcher-2:path:/api/v2/*`), `label` reads well.
 */
export function diffUrlMaps(
  current: UrlMapSpec,
  proposed: UrlMapSpec,
): FieldChange[] {
  const before = routingLines(current);
  const after = routingLines(proposed);
  const changes: FieldChange[] = [];
  for (const [key, line] of after) {
    const old = before.get(key);
    if (!old || old.value !== line.value)
      changes.push({
        field: key,
        label: line.label,
        before: old?.value ?? null,
        after: line.value,
      });
  }
  for (const [key, line] of before) {
    if (!after.has(key))
      changes.push({
        field: key,
        label: line.label,
        before: line.value,
        after: null,
      });
  }
  return changes;
}
