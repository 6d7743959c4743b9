import { InputError } from '@gcp-serverless/common';
import type { HistoryPosition } from './KnexChangeHistory';

/**
 * The history's page cursor: the position of a page's last entry, opaque to clients (base64url of
 * JSON), so the next page starts just after it however many entries arrive meanwhile (keyset paging:
 * a new change never shifts the older pages the way an offset would).
 */
export function encodeHistoryCursor(position: HistoryPosition): string {
  return Buffer.from(
    JSON.stringify([position.time, position.id]),
    'utf8',
  ).toString('base64url');
}

/** The position in a cursor; a cursor this server did not write is a 400 naming the parameter. */
export function decodeHistoryCursor(cursor: string): HistoryPosition {
  try {
    const value: unknown = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string'
    )
      return { time: value[0], id: value[1] };
  } catch {
    // falls through to the error below
  }
  const message =
    'cursor is not a cursor of this history: pass the nextCursor of the page before, or leave it out';
  throw new InputError(message, [{ path: 'cursor', message }]);
}
