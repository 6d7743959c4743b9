import knexFactory, { type Knex } from 'knex';
import { afterAll, describe, expect, it } from 'vitest';
import { createTableOnce, KnexTableStore } from './KnexTableStore';

interface NoteRow {
  id: string;
  text: string;
}

const defineNotes = (t: Knex.CreateTableBuilder) => {
  t.string('id', 36).primary();
  t.text('text').notNullable();
};

/** The smallest store: one table, a write and a read. */
class Notes extends KnexTableStore<NoteRow> {
  constructor(db: Knex) {
    super(db, 'notes', d => createTableOnce(d, 'notes', defineNotes));
  }

  async add(row: NoteRow): Promise<void> {
    await this.query(t => t.insert(row));
  }

  async text(id: string): Promise<string | undefined> {
    return (await this.query(t => t.where('id', id).first()))?.text;
  }
}

const quiet = () => undefined;

/** SQLite as the standalone portal opens it: one connection (`:memory:` is per connection). */
const sqlite = (filename: string) =>
  knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: { min: 1, max: 1 },
    // The broken database's connection errors are the point of a test, not news.
    log: { warn: quiet, error: quiet, debug: quiet, deprecate: quiet },
  });

describe('KnexTableStore', () => {
  const db = sqlite(':memory:');
  afterAll(() => db.destroy());

  it('stores made together on one database (two replicas starting) share one table', async () => {
    const a = new Notes(db);
    const b = new Notes(db);
    await a.add({ id: '1', text: 'from a' });
    await b.add({ id: '2', text: 'from b' });
    expect(await a.text('2')).toBe('from b');
    expect(await b.text('1')).toBe('from a');
  });

  it('createTableOnce says whether the table was there already', async () => {
    expect(await createTableOnce(db, 'others', defineNotes)).toBe('created');
    expect(await createTableOnce(db, 'others', defineNotes)).toBe('existed');
  });

  it('a database that cannot open fails the first query, not the construction', async () => {
    const broken = sqlite('/nonexistent-directory/notes.sqlite');
    try {
      const notes = new Notes(broken);
      await expect(notes.add({ id: '1', text: 'lost' })).rejects.toThrow();
      await expect(notes.ready).rejects.toThrow();
    } finally {
      await broken.destroy();
    }
  });
});
