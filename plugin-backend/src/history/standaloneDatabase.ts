import knexFactory, { type Knex } from 'knex';
import type { GcpServerlessConfig } from '../config/config';

/**
 * The standalone database (change history, refresh leases) through knex, the library Backstage's
 * database service is built on: PostgreSQL (`pg`) when `gcpServerless.database` says so, so several
 * replicas share one history; else a SQLite file with better-sqlite3 (builds from source on Node 20),
 * `:memory:` in sandbox mode unless `history.sqliteFile` says otherwise, since the sandbox forgets
 * its own state on restart too.
 */
export function openStandaloneDatabase(config: GcpServerlessConfig): Knex {
  if (config.database?.client === 'pg') {
    return knexFactory({
      client: 'pg',
      connection: config.database.connection as Knex.StaticConnectionConfig,
      pool: { min: 0, max: 10 },
    });
  }
  const filename =
    config.history.sqliteFile ??
    (config.mode === 'sandbox' ? ':memory:' : 'gcp-serverless-history.sqlite');
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    // One connection: better-sqlite3 is synchronous, and `:memory:` is per connection.
    pool: { min: 1, max: 1 },
  });
}
