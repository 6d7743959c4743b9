import knexFactory, { type Knex } from 'knex';
import type { GcpServerlessConfig } from '../config/config';

/**
 * The standalone history database: a SQLite file through knex and better-sqlite3 (builds from source
 * on Node 20). `:memory:` in sandbox mode unless `history.sqliteFile` says otherwise, since the
 * sandbox forgets its own state on restart too.
 */
export function openStandaloneDatabase(config: GcpServerlessConfig): Knex {
  const filename = config.history.sqliteFile ?? (config.mode === 'sandbox' ? ':memory:' : 'gcp-serverless-history.sqlite');
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    // One connection: better-sqlite3 is synchronous, and `:memory:` is per connection.
    pool: { min: 1, max: 1 },
  });
}
