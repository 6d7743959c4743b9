import { z } from 'zod';
import { TIME_WINDOWS } from '@gcp-serverless/common';

/**
 * The read model (`gcpServerless.readModel`, docs/configuration.md): how often the pages' snapshots
 * are recomputed in the background, which windows are kept warm, and how old a snapshot may be
 * and still be served at once while a newer one is computed.
 */
export const readModelConfigSchema = z
  .object({
    /**
     * Seconds between background refreshes of every project's snapshots (one replica refreshes per
     * interval). A snapshot stored less than this ago is fresh. 0 turns the background refresher off and
     * makes every read recompute (still one computation for concurrent readers).
     */
    refreshIntervalSeconds: z.number().int().min(0).max(86_400).default(60),
    /**
     * Seconds a snapshot older than the interval is still served at once (marked stale, a refresh
     * started behind it). Older than this, a read waits for the refresh; when the refresh fails, the
     * old snapshot is served anyway, marked stale, so a failing Google API never blanks a page.
     */
    serveStaleForSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 86_400)
      .default(900),
    /**
     * Seconds a viewer with no snapshot to be served at once waits for the page's computation. Past
     * it the viewer gets the last snapshot (stale, refreshing) or, for a page never computed, a 503
     * saying it is still being computed; the computation runs on (`timeouts.refreshReadMs`) and serves
     * everyone once done.
     */
    viewerWaitSeconds: z.number().int().min(1).max(600).default(60),
    /** Windows the background refresher keeps warm; other windows are computed on first read. */
    windows: z
      .array(
        z.enum(TIME_WINDOWS, {
          errorMap: () => ({
            message: `must be one of ${TIME_WINDOWS.join(', ')}`,
          }),
        }),
      )
      .default(['1h']),
    /**
     * Compute the snapshots (Google's reads, the decoding of their answers, the pages' aggregation)
     * in a worker thread of their own, so the thread that serves pages never waits behind them
     * (docs/architecture.md, "The read model"). false: in the serving thread.
     */
    computeThread: z.boolean().default(true),
    /**
     * MB the computation thread's old generation may hold (V8's `maxOldGenerationSizeMb` for that
     * worker; docs/configuration.md). A smaller limit also makes V8 collect sooner, so the thread's
     * garbage from decoding Google's answers is not left to grow to several times what is live
     * (docs/performance.md, "Session 8, RSS"). A thread that runs out is replaced by one with twice
     * the limit (and past the process's own limit, none). 0: no limit of its own (V8's default).
     */
    computeThreadHeapMb: z.number().int().min(0).max(65_536).default(1024),
  })
  .strict()
  .default({});

/** Validated read model configuration. */
export type ReadModelConfig = z.infer<typeof readModelConfigSchema>;

/**
 * Standalone shared stores (`gcpServerless.cache`, `gcpServerless.database`). Inside Backstage both
 * keys are ignored: snapshots go to `backend.cache`, history and leases to `backend.database`.
 */
export const cacheConfigSchema = z
  .discriminatedUnion('store', [
    z.object({ store: z.literal('memory') }).strict(),
    z
      .object({
        /** Redis or Valkey (the Redis protocol) through `@keyv/redis`. */
        store: z.literal('redis'),
        /** e.g. `redis://127.0.0.1:6379` or `rediss://user:password@host:6380/0`. */
        connection: z
          .string()
          .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL'),
      })
      .strict(),
  ])
  .default({ store: 'memory' });

export type CacheConfig = z.infer<typeof cacheConfigSchema>;

export const databaseConfigSchema = z
  .discriminatedUnion('client', [
    z.object({ client: z.literal('better-sqlite3') }).strict(),
    z
      .object({
        /** PostgreSQL through knex and `pg`. */
        client: z.literal('pg'),
        /** A connection string (`postgresql://user:password@host:5432/db`) or knex's connection object. */
        connection: z.union([z.string().min(1), z.record(z.unknown())]),
      })
      .strict(),
  ])
  .optional();

export type DatabaseConfig = z.infer<typeof databaseConfigSchema>;
