import type { GoogleCredentials } from './GoogleCredentials';

/**
 * The client with each listed method made to await `credentials.ready()` before it runs, so a
 * Google client never loads credentials itself (and never caches that failure in its stub):
 * without credentials the call rejects with an error naming the fix instead of ending the process
 * (docs/google-apis.md §1). Other members (path helpers, `close`) are untouched. In sandbox mode
 * the client is returned as is.
 */
export function guardClient<T extends object>(
  client: T,
  credentials: GoogleCredentials,
  methods: ReadonlyArray<keyof T & string>,
): T {
  if (credentials.alwaysReady) return client;
  const guarded = new Set<string>(methods);
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (
        typeof property !== 'string' ||
        !guarded.has(property) ||
        typeof value !== 'function'
      )
        return value;
      return async (...args: unknown[]) => {
        await credentials.ready();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
