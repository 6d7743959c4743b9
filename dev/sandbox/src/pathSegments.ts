/**
 * Percent-decoding of request paths, shared by every emulated API. Clients escape characters inside
 * path segments (e.g. `-` as `%2D`), so APIs match on decoded segments; a malformed escape (`%E0%A4%A`,
 * a lone `%`) is the caller's mistake and gets 400 INVALID_ARGUMENT, never a 500 from `URIError`.
 * Google's exact answer to such a URL is unverified; 400 is what its front end gives a bad request.
 */
import { invalidArgument } from './googleError';

/** The path with each `/`-separated segment percent-decoded; throws 400 INVALID_ARGUMENT if malformed. */
export function decodePathSegments(path: string): string {
  return path
    .split('/')
    .map(segment => decodeSegment(segment, path))
    .join('/');
}

/** One path segment (or captured path parameter) percent-decoded; throws 400 INVALID_ARGUMENT if malformed. */
export function decodeSegment(segment: string, path = segment): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw invalidArgument(
      `Invalid percent-encoding in the request path '${path}'`,
      [
        {
          field: 'path',
          description: `'${segment}' is not valid percent-encoded UTF-8`,
        },
      ],
    );
  }
}
