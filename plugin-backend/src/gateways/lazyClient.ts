/** The builders of the lazy clients made during `collectLazyClients`' construction, if one runs. */
let collecting: Array<() => object> | undefined;

/**
 * A Google client built on its first use. A generated client builds its API's protobuf descriptors
 * when constructed (megabytes of heap per API); the portal's serving thread keeps its gateways for
 * edits and previews while the read model computes pages in its own thread (ComputeThread), so a
 * portal nobody edits from never builds a second copy of them (docs/performance.md, Session 7).
 * The computation thread builds its clients as it starts instead (`collectLazyClients`), so the
 * first page does not wait for them; `onlyForWrites` leaves a client out of that (docs/architecture.md,
 * "The read model").
 */
export function lazyClient<T extends object>(
  build: () => T,
  use: { onlyForWrites?: boolean } = {},
): T {
  let client: T | undefined;
  const built = () => (client ??= build());
  // A client only edits use (a compute operations client, waited on after a write) is never
  // called by the computation thread, which only reads: it stays lazy there too.
  if (!use.onlyForWrites) collecting?.push(built);
  return new Proxy({} as T, {
    get(_target, property) {
      const real = built();
      const value: unknown = Reflect.get(real, property, real);
      return typeof value === 'function' ? value.bind(real) : value;
    },
    set(_target, property, value) {
      return Reflect.set(built(), property, value);
    },
    has(_target, property) {
      return Reflect.has(built(), property);
    },
  });
}

/** What `collectLazyClients` gives: the constructed value and the lazy clients made while constructing it. */
export interface CollectedLazyClients<T> {
  value: T;
  /** How many lazy clients the construction made. */
  count: number;
  /**
   * Builds each of them now (loading its module and its protos) and, with `startStubs`, starts its
   * stub (google-gax's `initialize()`: the service's descriptors and API calls, and the auth
   * client), as its first call would. A client that fails to build or initialize is left to fail on
   * its first use as before.
   */
  buildAll(options: {
    startStubs: boolean;
  }): Promise<{ built: number; failed: string[] }>;
}

/**
 * Runs the synchronous `construct` (gateways built from the config) and collects the lazy clients
 * it makes, so a thread that only reads (the read model's computation thread) can build them
 * before it says it is ready (docs/architecture.md, "The read model").
 */
export function collectLazyClients<T>(
  construct: () => T,
): CollectedLazyClients<T> {
  const outer = collecting;
  const builders: Array<() => object> = [];
  collecting = builders;
  let value: T;
  try {
    value = construct();
  } finally {
    collecting = outer;
  }
  outer?.push(...builders);
  return {
    value,
    count: builders.length,
    async buildAll({ startStubs }) {
      const failed: string[] = [];
      for (const build of builders) {
        try {
          const client = build() as { initialize?: () => unknown };
          // Generated clients start their stub here; a rejected one rejects its calls later, as it would.
          if (startStubs && typeof client.initialize === 'function')
            await Promise.resolve(client.initialize()).catch((err: unknown) =>
              failed.push(err instanceof Error ? err.message : String(err)),
            );
        } catch (err) {
          failed.push(err instanceof Error ? err.message : String(err));
        }
        // One client per turn: the thread's messages and timers are not held for the whole load.
        await new Promise(resolve => setImmediate(resolve));
      }
      return { built: builders.length - failed.length, failed };
    },
  };
}
