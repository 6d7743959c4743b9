/**
 * Bookkeeping shared by every compute resource: self links, ids, fingerprints, timestamps and the
 * `compute#…List` page shape.
 */
import { createHash } from 'node:crypto';
import { invalidArgument } from '../googleError';
import type { ComputeJson, SandboxComputeState } from './computeTypes';

/** Base of every compute self link. */
export const COMPUTE_BASE_URL = 'https://www.googleapis.com/compute/v1';

/** `projects/P/global/urlMaps/NAME` style path of a global resource. */
export function globalPath(
  projectId: string,
  collection: string,
  name: string,
): string {
  return `projects/${projectId}/global/${collection}/${name}`;
}

/** The full self link of a resource path. */
export function selfLink(path: string): string {
  return `${COMPUTE_BASE_URL}/${path}`;
}

/**
 * A fingerprint: 8 bytes, base64, like compute's (`"gAWd6bkPtTg="`). Derived from the resource's
 * content and a revision counter, so equal content written twice still gets a new fingerprint.
 */
export function fingerprintOf(resource: ComputeJson, revision: bigint): string {
  const { fingerprint: _ignored, ...content } = resource;
  return createHash('sha256')
    .update(JSON.stringify(content))
    .update(String(revision))
    .digest()
    .subarray(0, 8)
    .toString('base64');
}

/** A new numeric id (uint64 as a decimal string), unique in the project. */
export function nextResourceId(compute: SandboxComputeState): string {
  const id = compute.nextId;
  compute.nextId += 1n;
  return id.toString();
}

/** RFC 3339 with compute's `-07:00` style offset (compute writes Pacific time; UTC is equally valid). */
export function computeTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+00:00');
}

/** Compute's resource name rule (RFC 1035): `[a-z]([-a-z0-9]*[a-z0-9])?`, at most 63 characters. */
export const RESOURCE_NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Compute's default and largest `maxResults` (500). */
export const MAX_RESULTS = 500;

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
    // fall through
  }
  throw invalidArgument(
    `Invalid value for field 'pageToken': '${token}'. Invalid page token.`,
    [{ field: 'pageToken', description: 'Invalid page token' }],
  );
}

/**
 * A page of a list: `maxResults` (0..500, default 500), `pageToken`, a `name = "x"` / `name != "x"`
 * `filter` and `orderBy` `name` or `creationTimestamp desc` (the two orders compute supports).
 * Answers `{kind, id, items, selfLink, nextPageToken?}`; `items` is omitted when empty, as compute does.
 */
export function listPage(
  kind: string,
  parent: string,
  resources: ComputeJson[],
  query: URLSearchParams,
): ComputeJson {
  const rawMax = query.get('maxResults') ?? '';
  const max = rawMax === '' ? MAX_RESULTS : Number(rawMax);
  if (!Number.isInteger(max) || max < 0 || max > MAX_RESULTS) {
    throw invalidArgument(
      `Invalid value for field 'maxResults': '${rawMax}'. Must be less than or equal to 500`,
      [{ field: 'maxResults', description: 'must be an integer 0..500' }],
    );
  }
  let items = resources.filter(filterPredicate(query.get('filter') ?? ''));
  const orderBy = (query.get('orderBy') ?? '').trim();
  if (orderBy === 'creationTimestamp desc') {
    items = items.sort((a, b) =>
      String(b['creationTimestamp']).localeCompare(
        String(a['creationTimestamp']),
      ),
    );
  } else if (orderBy === '' || orderBy === 'name') {
    items = items.sort((a, b) =>
      String(a['name']).localeCompare(String(b['name'])),
    );
  } else {
    throw invalidArgument(`Invalid value for field 'orderBy': '${orderBy}'`, [
      { field: 'orderBy', description: 'only name or creationTimestamp desc' },
    ]);
  }
  const token = query.get('pageToken') ?? '';
  const offset = token ? decodeToken(parent, token) : 0;
  const size = max || MAX_RESULTS;
  const page = items.slice(offset, offset + size).map(r => structuredClone(r));
  const out: ComputeJson = { kind, id: parent, selfLink: selfLink(parent) };
  if (page.length) out['items'] = page;
  if (offset + size < items.length)
    out['nextPageToken'] = encodeToken(parent, offset + size);
  return out;
}

const NAME_FILTER = /^\(?\s*name\s*(=|!=|eq|ne)\s*"?([^"\s)]*)"?\s*\)?$/;

/** Compute list filters the sandbox understands: empty, or one comparison on `name`. */
function filterPredicate(filter: string): (resource: ComputeJson) => boolean {
  if (filter.trim() === '') return () => true;
  const m = NAME_FILTER.exec(filter.trim());
  if (!m) {
    throw invalidArgument(
      `Invalid value for field 'filter': '${filter}'. The sandbox filters on name only.`,
      [{ field: 'filter', description: 'unsupported filter' }],
    );
  }
  const [, op, value] = m;
  // eq / ne take a regular expression over the whole name (RE2 in compute).
  if (op === 'eq' || op === 'ne') {
    const re = new RegExp(`^(?:${value})$`);
    return r => re.test(String(r['name'])) === (op === 'eq');
  }
  return r => (String(r['name']) === value) === (op === '=');
}
