import Keyv from 'keyv';
import type { CacheConfig } from '../config/readModelConfig';

/**
 * Where snapshots live: the subset of Backstage's `CacheService` the read model uses, so inside
 * Backstage the plugin's cache service is passed as it is (memory, Redis, Valkey or Memcache as
 * `backend.cache` says). Values must be JSON-serializable.
 */
export interface SnapshotCache {
  get(key: string): Promise<unknown>;
  /** `ttl` in milliseconds. */
  set(key: string, value: unknown, options?: { ttl?: number }): Promise<void>;
  delete(key: string): Promise<void>;
}

/** A standalone cache with a way to close its connection (tests, shutdown). */
export interface ClosableSnapshotCache extends SnapshotCache {
  close(): Promise<void>;
}

/**
 * The standalone cache, on the library Backstage's cache service is built on (keyv): an in-process
 * store by default, Redis or Valkey through `@keyv/redis` when `gcpServerless.cache` says so, so that
 * several replicas share one set of snapshots. The Redis client is loaded only then: importing it
 * costs ~40 MB and most of a second of start-up (docs/performance.md, session 6), for a
 * store the default portal never uses.
 */
export function keyvSnapshotCache(config: CacheConfig): ClosableSnapshotCache {
  if (config.store === 'redis') return redisSnapshotCache(config.connection);
  const keyv = new Keyv({
    // The in-process store keeps the snapshots themselves, not JSON text: a warm read of a
    // 1,000-service page then neither parses nor copies it (issue 10: warm reads ≤ 50 ms). Served
    // pages are built from a snapshot without changing it, so sharing the object is safe.
    serialize: undefined,
    deserialize: undefined,
    namespace: 'gcp-serverless',
  });
  keyv.on('error', () => undefined);
  return {
    get: key => keyv.get(key),
    async set(key, value, options) {
      await keyv.set(key, value, options?.ttl);
    },
    async delete(key) {
      await keyv.delete(key);
    },
    close: () => keyv.disconnect(),
  };
}

/** Snapshots in Redis or Valkey at `url`, its client loaded on first use. */
function redisSnapshotCache(url: string): ClosableSnapshotCache {
  const connected = import('@keyv/redis').then(({ default: KeyvRedis }) => {
    // While Redis is unreachable a command fails at once instead of queueing until it is back, so
    // every read computes its page rather than hanging (docs/architecture.md, "The read model").
    const store = new KeyvRedis({ url, disableOfflineQueue: true });
    // @keyv/redis 4 leaves its client's `error` event without a listener, so a dropped connection
    // would end the process (keyv issue #1272); the client reconnects by itself.
    store.client.on('error', () => undefined);
    const keyv = new Keyv({ store, namespace: 'gcp-serverless' });
    // keyv emits connection errors; without a listener Node would treat them as fatal.
    keyv.on('error', () => undefined);
    return { keyv, store };
  });
  return {
    get: async key => (await connected).keyv.get(key),
    async set(key, value, options) {
      await (await connected).keyv.set(key, value, options?.ttl);
    },
    async delete(key) {
      await (await connected).keyv.delete(key);
    },
    // Forced: a graceful QUIT would wait for a Redis that may be gone.
    close: async () => (await connected).store.disconnect(true),
  };
}
