import type { Knex } from 'knex';

/**
 * Newest first by a time column (ISO 8601 strings sort chronologically on every database), ties by
 * id: a total order, so keyset paging ({@link olderThan}) never skips or repeats a row.
 */
export function newestFirst(timeColumn: string) {
  return [
    { column: timeColumn, order: 'desc' as const },
    { column: 'id', order: 'desc' as const },
  ];
}

/** A row's place in {@link newestFirst} order: the page after it starts just past it. */
export interface RowPosition {
  /** ISO 8601. */
  time: string;
  id: string;
}

/** A where clause: rows after `position` in {@link newestFirst} order of `timeColumn`. */
export function olderThan(
  timeColumn: string,
  position: RowPosition,
): Knex.QueryCallback {
  return w => {
    w.where(timeColumn, '<', position.time).orWhere(same =>
      same.where(timeColumn, position.time).andWhere('id', '<', position.id),
    );
  };
}
