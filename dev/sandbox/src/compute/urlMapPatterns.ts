/**
 * Syntax rules of the strings inside a URL map (docs/google-apis.md §2), each returning a problem or null:
 * path rule paths, host patterns, redirects, and backend references.
 */
import type { FieldViolation } from '../googleError';
import { isPlainObject } from '../protoJson';

/** Redirect codes compute accepts in `redirectResponseCode`. */
export const REDIRECT_CODES = [
  'MOVED_PERMANENTLY_DEFAULT',
  'FOUND',
  'SEE_OTHER',
  'TEMPORARY_REDIRECT',
  'PERMANENT_REDIRECT',
] as const;

/** Longest path pattern compute accepts (characters). */
export const MAX_PATH_LENGTH = 1024;

/** A path rule path: starts with `/`, `*` only as the last character right after `/`, no `?` or `#`. */
export function pathProblem(path: unknown): string | null {
  if (typeof path !== 'string' || path === '')
    return 'a path must be a non-empty string';
  if (!path.startsWith('/')) return `path '${path}' must start with '/'`;
  if (path.length > MAX_PATH_LENGTH)
    return `path '${path.slice(
      0,
      40,
    )}…' is longer than ${MAX_PATH_LENGTH} characters`;
  if (/[?#]/.test(path)) return `path '${path}' must not contain '?' or '#'`;
  const star = path.indexOf('*');
  if (star >= 0 && (star !== path.length - 1 || !path.endsWith('/*'))) {
    return `path '${path}': '*' is only allowed at the end, right after '/'`;
  }
  return null;
}

const HOST_LABELS =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/i;

/**
 * A host rule pattern: `*` alone, a host name, or `*` first followed by `-` or `.` and the rest of a
 * host name; an optional `:port`.
 */
export function hostPatternProblem(pattern: unknown): string | null {
  if (typeof pattern !== 'string' || pattern === '')
    return 'a host must be a non-empty string';
  if (pattern === '*') return null;
  const portMatch = /^(.*?)(:\d{1,5})?$/.exec(pattern)!;
  const host = portMatch[1]!;
  if (host.includes('*')) {
    if (!host.startsWith('*') || host.indexOf('*', 1) >= 0)
      return `host '${pattern}': '*' is only allowed as the first character`;
    const rest = host.slice(1);
    if (!rest.startsWith('.') && !rest.startsWith('-'))
      return `host '${pattern}': '*' must be followed by '.' or '-'`;
    const tail = rest.replace(/^[.-]/, '');
    return tail === '' || HOST_LABELS.test(tail)
      ? null
      : `host '${pattern}' is not a valid host pattern`;
  }
  return HOST_LABELS.test(host)
    ? null
    : `host '${pattern}' is not a valid host name`;
}

/** Problems of an HttpRedirectAction at `field`. */
export function redirectViolations(
  redirect: unknown,
  field: string,
): FieldViolation[] {
  if (!isPlainObject(redirect))
    return [{ field, description: 'must be an object' }];
  const out: FieldViolation[] = [];
  if (redirect['pathRedirect'] != null && redirect['prefixRedirect'] != null) {
    out.push({
      field: `${field}.prefixRedirect`,
      description: 'only one of pathRedirect and prefixRedirect may be set',
    });
  }
  for (const key of ['pathRedirect', 'prefixRedirect'] as const) {
    const value = redirect[key];
    if (
      value != null &&
      (typeof value !== 'string' ||
        !value.startsWith('/') ||
        /[?#]/.test(value))
    ) {
      out.push({
        field: `${field}.${key}`,
        description: `${key} '${String(
          value,
        )}' must start with '/' and contain no '?' or '#'`,
      });
    }
  }
  const host = redirect['hostRedirect'];
  if (
    host != null &&
    (typeof host !== 'string' || host.includes('*') || hostPatternProblem(host))
  ) {
    out.push({
      field: `${field}.hostRedirect`,
      description: `hostRedirect '${String(host)}' is not a valid host name`,
    });
  }
  const code = redirect['redirectResponseCode'];
  if (code != null && !(REDIRECT_CODES as readonly unknown[]).includes(code)) {
    out.push({
      field: `${field}.redirectResponseCode`,
      description: `'${String(code)}' is not one of ${REDIRECT_CODES.join(
        ', ',
      )}`,
    });
  }
  return out;
}

/** A backend reference: which collection and name, or null when the string is not one. */
export interface ComputeRef {
  collection: 'backendServices' | 'backendBuckets';
  name: string;
  /** Project named in the reference, or null for a project-relative `global/…` reference. */
  projectId: string | null;
}

const REF =
  /^(?:https:\/\/(?:www|compute)\.googleapis\.com\/compute\/(?:v1|beta|alpha)\/)?(?:projects\/([^/]+)\/)?global\/(backendServices|backendBuckets)\/([a-z]([-a-z0-9]*[a-z0-9])?)$/;

/** Parses a backend service or bucket reference (full URL, `projects/P/global/…` or `global/…`). */
export function parseComputeRef(ref: unknown): ComputeRef | null {
  if (typeof ref !== 'string') return null;
  const m = REF.exec(ref.trim());
  return m
    ? {
        collection: m[2] as ComputeRef['collection'],
        name: m[3]!,
        projectId: m[1] ?? null,
      }
    : null;
}
