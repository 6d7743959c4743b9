import type { RequestUrl } from './urlMapTypes';

const URL_PATTERN =
  /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/;

/**
 * Splits a URL as typed by a user ("https://www.gryyd.ai/api/v2/users?x=1", "gryyd.ai/x") into the
 * parts the load balancer routes on. Deliberately not `new URL()`: that normalises `..` segments and
 * percent-encoding, which would make the tester answer for a different path than the one typed.
 * A missing scheme means http; a missing path means `/`; the host is lower-cased (DNS names are
 * case-insensitive) and keeps an explicit port.
 */
export function parseRequestUrl(input: string | RequestUrl): RequestUrl {
  if (typeof input !== 'string') {
    return {
      scheme: (input.scheme || 'http').toLowerCase(),
      host: (input.host ?? '').toLowerCase(),
      // An empty path becomes `/`.
      path: input.path.startsWith('/') ? input.path : `/${input.path}`,
      query: (input.query ?? '').replace(/^\?/, ''),
    };
  }
  const m = URL_PATTERN.exec(input.trim());
  if (!m) return { scheme: 'http', host: '', path: '/', query: '' };
  return {
    scheme: (m[1] ?? 'http').toLowerCase(),
    host: (m[2] ?? '').toLowerCase(),
    path: m[3] ? m[3] : '/',
    query: m[4] ?? '',
  };
}

/** The URL back as a string: `scheme://host/path?query`. */
export function formatRequestUrl(url: RequestUrl): string {
  return `${url.scheme}://${url.host}${url.path}${
    url.query ? `?${url.query}` : ''
  }`;
}

/** The host without a port (`example.com:8080` → `example.com`; IPv6 literals keep their brackets). */
export function hostWithoutPort(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end >= 0 ? host.slice(0, end + 1) : host;
  }
  const colon = host.lastIndexOf(':');
  return colon >= 0 ? host.slice(0, colon) : host;
}

/** Query parameters as name → values (decoded; undecodable text kept as is). */
export function parseQuery(query: string): Map<string, string[]> {
  const params = new Map<string, string[]>();
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = decode(eq >= 0 ? part.slice(0, eq) : part);
    const value = eq >= 0 ? decode(part.slice(eq + 1)) : '';
    params.set(name, [...(params.get(name) ?? []), value]);
  }
  return params;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
