/**
 * Paging of the sandbox's list methods (Cloud Tasks queues, Redis instances): `pageSize` /
 * `page_size` and opaque page tokens bound to the parent, the way Google's list APIs behave (AIP-158).
 */
import { invalidArgument } from './googleError';

/** A page of items and the token of the next page (omitted on the last page). */
export interface ListPage<T> {
  items: T[];
  nextPageToken?: string;
}

function encodeToken(parent: string, offset: number): string {
  return Buffer.from(JSON.stringify({ parent, offset })).toString('base64url');
}

function decodeToken(parent: string, token: string): number {
  try {
    const decoded = JSON.parse(
      Buffer.from(token, 'base64url').toString('utf8'),
    ) as { parent?: unknown; offset?: unknown };
    if (
      decoded.parent === parent &&
      Number.isInteger(decoded.offset) &&
      (decoded.offset as number) >= 0
    )
      return decoded.offset as number;
  } catch {
    // fall through to the error below
  }
  throw invalidArgument(`Invalid page token for ${parent}`, [
    { field: 'page_token', description: 'Invalid page token' },
  ]);
}

/**
 * The page of `all` that the query's `pageSize` and `pageToken` ask for.
 * @param defaultSize page size when the query gives none (or 0).
 * @param maxSize larger page sizes are capped to this.
 */
export function pageOf<T>(
  all: T[],
  parent: string,
  query: URLSearchParams,
  defaultSize: number,
  maxSize: number,
): ListPage<T> {
  const rawSize = query.get('pageSize') ?? query.get('page_size') ?? '';
  const pageSize = rawSize === '' ? 0 : Number(rawSize);
  if (!Number.isInteger(pageSize) || pageSize < 0) {
    throw invalidArgument(`Invalid page_size ${rawSize}`, [
      { field: 'page_size', description: 'must be a non-negative integer' },
    ]);
  }
  const size = Math.min(pageSize || defaultSize, maxSize);
  const token = query.get('pageToken') ?? query.get('page_token') ?? '';
  const offset = token ? decodeToken(parent, token) : 0;
  const items = all.slice(offset, offset + size);
  const next = offset + size;
  return next < all.length
    ? { items, nextPageToken: encodeToken(parent, next) }
    : { items };
}

/** The path with each segment percent-decoded (clients escape e.g. `-`); undefined if malformed. */
export function decodePath(path: string): string | undefined {
  try {
    return path.split('/').map(decodeURIComponent).join('/');
  } catch {
    return undefined;
  }
}
