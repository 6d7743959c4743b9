/**
 * Syntax rules of URL map paths and host patterns (docs/google-apis.md §2), as plain functions so the
 * schemas, the findings and the sandbox give the same messages. Each returns null when valid, else
 * a sentence saying what is wrong.
 */

/** Longest path compute accepts (unverified: Google documents 1,024 characters for paths in route rules). */
export const MAX_URL_MAP_PATH_LENGTH = 1024;

/** Problem with a path rule path, or null. */
export function pathProblem(path: string): string | null {
  if (!path.startsWith('/')) return `Path "${path}" must start with "/"`;
  if (path.length > MAX_URL_MAP_PATH_LENGTH)
    return `Path "${path.slice(
      0,
      40,
    )}…" is longer than ${MAX_URL_MAP_PATH_LENGTH} characters`;
  if (/[?#]/.test(path))
    return `Path "${path}" must not contain "?" or "#" (the query is never matched)`;
  const star = path.indexOf('*');
  if (star >= 0 && (star !== path.length - 1 || path[star - 1] !== '/')) {
    return `Path "${path}": "*" is only allowed at the end, right after "/" (e.g. /api/*)`;
  }
  if (/\s/.test(path)) return `Path "${path}" must not contain spaces`;
  return null;
}

const HOST_LABELS =
  /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;

/** Problem with a host pattern, or null: a name, `*`, or `*` first followed by `-` or `.`; optional `:port`. */
export function hostPatternProblem(pattern: string): string | null {
  const [host = '', port, extra] = pattern.split(':');
  if (extra !== undefined || (port !== undefined && !/^\d{1,5}$/.test(port)))
    return `Host "${pattern}" has an invalid port`;
  if (host === '*') return null;
  if (host.includes('*')) {
    if (host.indexOf('*') !== 0 || host.lastIndexOf('*') !== 0)
      return `Host "${pattern}": "*" is only allowed as the first character`;
    if (host[1] !== '.' && host[1] !== '-')
      return `Host "${pattern}": "*" must be followed by "." or "-" (e.g. *.example.com)`;
    const rest = host.slice(2);
    return rest && HOST_LABELS.test(rest)
      ? null
      : `Host "${pattern}" is not a valid host pattern`;
  }
  return HOST_LABELS.test(host)
    ? null
    : `Host "${pattern}" is not a valid host name`;
}

/** RFC 1035 names of path matchers (and every compute resource), ≤ 63 characters. */
export const COMPUTE_NAME_PATTERN = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
