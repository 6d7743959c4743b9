import type { Knex } from 'knex';

const tableQuery = <Row extends {}>(db: Knex, table: string) => db<Row>(table);

/** A fresh query of one table whose rows are `Row`, as `db<Row>(table)` starts it. */
export type TableQuery<Row extends {}> = ReturnType<typeof tableQuery<Row>>;

/**
 * A store over one table of the plugin's database (SQLite or PostgreSQL standalone, Backstage's
 * database service inside Backstage). Construction stays synchronous: the table is made ready in
 * the background and every query waits for it, so a broken database surfaces at the first use,
 * not as an unhandled rejection at start-up.
 */
export abstract class KnexTableStore<Row extends {}> {
  /** Resolves once the table exists (and has the columns of this version). */
  readonly ready: Promise<void>;
  private readonly db: Knex;
  private readonly table: string;

  /** `prepare` makes the table ready: usually {@link createTableOnce}. */
  protected constructor(
    db: Knex,
    table: string,
    prepare: (db: Knex) => Promise<unknown>,
  ) {
    this.db = db;
    this.table = table;
    this.ready = prepare(db).then(() => undefined);
    this.ready.catch(() => undefined);
  }

  /** Runs a query of the table once the table is ready. */
  protected async query<T>(
    build: (table: TableQuery<Row>) => PromiseLike<T>,
  ): Promise<T> {
    await this.ready;
    return build(tableQuery<Row>(this.db, this.table));
  }
}

/**
 * Creates a table when it is missing; safe when replicas start together on one database (another
 * one may create it between our check and our create). `existed` when it was there already, so the
 * caller may add the columns of newer versions.
 */
export async function createTableOnce(
  db: Knex,
  table: string,
  define: (t: Knex.CreateTableBuilder) => void,
): Promise<'existed' | 'created'> {
  if (await db.schema.hasTable(table)) return 'existed';
  try {
    await db.schema.createTable(table, define);
  } catch (err) {
    // Another replica created it between our check and our create: that is fine.
    if (!(await db.schema.hasTable(table))) throw err;
  }
  return 'created';
}
