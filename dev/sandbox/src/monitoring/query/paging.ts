/**
 * Paging of timeSeries.list. Like Monitoring, the page size counts points, not series (a series may
 * continue on the next page with its older points); in the HEADERS view each series counts as one.
 * The token records how many points were handed out and a fingerprint of the query, so a token
 * cannot be replayed against a different query.
 */
import { invalidArgument } from '../../googleError';
import type { TimeSeriesJson } from './formatSeries';

interface PageTokenContent {
  /** Points (or headers) already returned. */
  offset: number;
  /** Fingerprint of the query the token belongs to. */
  query: string;
}

/** Encodes a page token (opaque base64url). */
export function encodePageToken(content: PageTokenContent): string {
  return Buffer.from(
    JSON.stringify({ o: content.offset, q: content.query }),
  ).toString('base64url');
}

/** Decodes a page token of the query `fingerprint`; 400 INVALID_ARGUMENT on anything else. */
export function decodePageToken(token: string, fingerprint: string): number {
  if (token === '') return 0;
  try {
    const parsed = JSON.parse(
      Buffer.from(token, 'base64url').toString('utf8'),
    ) as { o?: unknown; q?: unknown };
    if (
      typeof parsed.o === 'number' &&
      Number.isInteger(parsed.o) &&
      parsed.o > 0 &&
      parsed.q === fingerprint
    )
      return parsed.o;
  } catch {
    // fall through to the error below
  }
  throw invalidArgument('Invalid page token.', [
    {
      field: 'page_token',
      description: 'the token does not belong to this query',
    },
  ]);
}

/** One series' share of a page: points `from` to `from + count` of its `size`. */
export interface PagePart<S> {
  series: S;
  from: number;
  count: number;
  size: number;
}

/**
 * The parts of `all` on the page that starts at `offset` (in points, or in series when
 * `headersOnly`) and holds at most `pageSize` of them, with `sizeOf` each series' points; and where
 * the next page starts (null: none). A series is split across pages when it does not fit.
 */
export function pageParts<S>(
  all: readonly S[],
  offset: number,
  pageSize: number,
  headersOnly: boolean,
  sizeOf: (series: S) => number,
): { parts: PagePart<S>[]; nextOffset: number | null } {
  const parts: PagePart<S>[] = [];
  let position = 0; // index in the flat list of points (or headers) where the current series starts
  let taken = 0;
  for (const series of all) {
    const size = headersOnly ? 1 : sizeOf(series);
    if (position + size <= offset) {
      position += size;
      continue;
    }
    if (taken >= pageSize) return { parts, nextOffset: offset + taken };
    const from = Math.max(0, offset - position);
    const count = Math.min(size - from, pageSize - taken);
    parts.push({ series, from, count, size });
    taken += count;
    position += size;
    if (from + count < size) return { parts, nextOffset: offset + taken };
  }
  return { parts, nextOffset: null };
}

/** One page of rendered series (`pageParts` over their points). */
export function slicePage(
  all: readonly TimeSeriesJson[],
  offset: number,
  pageSize: number,
  headersOnly: boolean,
): { page: TimeSeriesJson[]; nextOffset: number | null } {
  const { parts, nextOffset } = pageParts(
    all,
    offset,
    pageSize,
    headersOnly,
    series => series.points.length,
  );
  return { page: parts.map(pagePart), nextOffset };
}

/** A part's series: whole, or with only its points on the page. */
export function pagePart(part: PagePart<TimeSeriesJson>): TimeSeriesJson {
  const { series, from, count, size } = part;
  return (from === 0 && count === size) || series.points.length === 0
    ? series
    : { ...series, points: series.points.slice(from, from + count) };
}
