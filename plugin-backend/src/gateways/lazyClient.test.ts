import { describe, expect, it } from 'vitest';
import { collectLazyClients, lazyClient } from './lazyClient';

class FakeClient {
  readonly name: string;
  initialized = 0;
  constructor(name: string) {
    this.name = name;
  }
  async initialize(): Promise<string> {
    this.initialized++;
    if (this.name === 'broken') throw new Error('no stub for broken');
    return this.name;
  }
}

describe('lazyClient', () => {
  it('builds its client on first use, once', () => {
    let builds = 0;
    const client = lazyClient(() => {
      builds++;
      return new FakeClient('a');
    });
    expect(builds).toBe(0);
    expect(client.name).toBe('a');
    expect(client.name).toBe('a');
    expect(builds).toBe(1);
  });
});

describe('collectLazyClients', () => {
  it('collects the clients made while constructing, and builds and starts them on buildAll', async () => {
    const made: FakeClient[] = [];
    const build = (name: string) => () => {
      const client = new FakeClient(name);
      made.push(client);
      return client;
    };
    lazyClient(build('before')); // made outside: not collected
    const collected = collectLazyClients(() => ({
      a: lazyClient(build('a')),
      b: lazyClient(build('broken')),
    }));
    lazyClient(build('after'));
    expect(collected.count).toBe(2);
    expect(made).toEqual([]);

    const result = await collected.buildAll({ startStubs: true });
    expect(made.map(c => c.name)).toEqual(['a', 'broken']);
    expect(made.map(c => c.initialized)).toEqual([1, 1]);
    expect(result).toEqual({ built: 1, failed: ['no stub for broken'] });
    // The proxies use the clients built: no second construction.
    expect(collected.value.a.name).toBe('a');
    expect(made).toHaveLength(2);
  });

  it('leaves a client only writes use out: it stays lazy, built on its first use', async () => {
    const made: string[] = [];
    const collected = collectLazyClients(() => ({
      reads: lazyClient(() => {
        made.push('reads');
        return new FakeClient('reads');
      }),
      operations: lazyClient(
        () => {
          made.push('operations');
          return new FakeClient('operations');
        },
        { onlyForWrites: true },
      ),
    }));
    expect(collected.count).toBe(1);
    await collected.buildAll({ startStubs: true });
    expect(made).toEqual(['reads']);
    expect(collected.value.operations.name).toBe('operations');
    expect(made).toEqual(['reads', 'operations']);
  });

  it('without startStubs builds the clients but leaves their stubs to the first call', async () => {
    const collected = collectLazyClients(() =>
      lazyClient(() => new FakeClient('a')),
    );
    const result = await collected.buildAll({ startStubs: false });
    expect(result).toEqual({ built: 1, failed: [] });
    expect(collected.value.initialized).toBe(0);
  });

  it('a construction inside another gives its clients to both', () => {
    let inner = 0;
    const outer = collectLazyClients(() => {
      inner = collectLazyClients(() =>
        lazyClient(() => new FakeClient('x')),
      ).count;
      return lazyClient(() => new FakeClient('y'));
    });
    expect(inner).toBe(1);
    expect(outer.count).toBe(2);
  });
});
