import { invalidArgument } from '../googleError';

/**
 * Opaque page tokens of the billing APIs (Budgets, Catalog): a base64url offset bound to the listing
 * it came from, so a token from another parent or query is rejected as Google rejects it.
 */

/** A page token for the listing `scope` continuing at `offset`. */
export function encodePageToken(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ scope, offset })).toString('base64url');
}

/** The offset a page token stands for, or 400 INVALID_ARGUMENT (`page_token`) when it is not one of this listing's. */
export function decodePageToken(scope: string, token: string): number {
  if (token === '') return 0;
  try {
    const decoded = JSON.parse(
      Buffer.from(token, 'base64url').toString('utf8'),
    ) as { scope?: unknown; offset?: unknown };
    if (
      decoded.scope === scope &&
      Number.isInteger(decoded.offset) &&
      (decoded.offset as number) >= 0
    )
      return decoded.offset as number;
  } catch {
    // fall through to the error below
  }
  throw invalidArgument('Invalid page token', [
    { field: 'page_token', description: 'Invalid page token' },
  ]);
}

/**
 * The page size asked for, capped at `max`; `fallback` when absent or 0. A negative or non-integer
 * value is 400 INVALID_ARGUMENT (`page_size`).
 */
export function readPageSize(
  query: URLSearchParams,
  fallback: number,
  max: number,
): number {
  const raw = query.get('pageSize') ?? query.get('page_size') ?? '';
  const size = raw === '' ? 0 : Number(raw);
  if (!Number.isInteger(size) || size < 0) {
    throw invalidArgument(`Invalid page_size ${raw}`, [
      { field: 'page_size', description: 'must be a non-negative integer' },
    ]);
  }
  return Math.min(size || fallback, max);
}

/** One page of `items` and the token of the next, omitted on the last page. */
export function pageOf<T>(
  items: T[],
  scope: string,
  query: URLSearchParams,
  fallback: number,
  max: number,
): { page: T[]; nextPageToken?: string } {
  const size = readPageSize(query, fallback, max);
  const offset = decodePageToken(
    scope,
    query.get('pageToken') ?? query.get('page_token') ?? '',
  );
  const page = items.slice(offset, offset + size);
  return offset + size < items.length
    ? { page, nextPageToken: encodePageToken(scope, offset + size) }
    : { page };
}
