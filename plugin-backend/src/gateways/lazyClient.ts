/**
 * A Google client built on its first use. A generated client builds its API's protobuf descriptors
 * when constructed (megabytes of heap per API); the portal's serving thread keeps its gateways for
 * edits and previews while the read model computes pages in its own thread (ComputeThread), so a
 * portal nobody edits from never builds a second copy of them (docs/performance.md, Session 7).
 */
export function lazyClient<T extends object>(build: () => T): T {
  let client: T | undefined;
  const built = () => (client ??= build());
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
