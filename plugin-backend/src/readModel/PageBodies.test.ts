import { describe, expect, it } from 'vitest';
import { PageBodies } from './PageBodies';
import type { ServedSnapshot } from './ReadModel';

const served = (
  id: string,
  value: object,
  stale = false,
): ServedSnapshot<object> => ({
  snapshot: { id, computedAtMs: 0, value },
  meta: { computedAt: '1970-01-01T00:00:00.000Z', stale, refreshing: stale },
});

describe('PageBodies', () => {
  it('sends a snapshot as its value with its age, serializing the value once per snapshot', () => {
    const bodies = new PageBodies();
    let serialized = 0;
    const value = {
      services: [{ name: 'a' }],
      toJSON() {
        serialized++;
        return { services: this.services };
      },
    };
    const first = bodies.ofSnapshot('services/p/1h', served('s1', value));
    expect(JSON.parse(first.bytes.toString())).toEqual({
      services: [{ name: 'a' }],
      snapshot: {
        computedAt: '1970-01-01T00:00:00.000Z',
        stale: false,
        refreshing: false,
      },
    });
    const again = bodies.ofSnapshot('services/p/1h', served('s1', value));
    expect(again).toEqual(first);
    // The same snapshot at the same age: the very bytes of the last request, nothing assembled.
    expect(again.bytes).toBe(first.bytes);
    // The same snapshot served stale: a new body and tag, the value's text reused.
    const stale = bodies.ofSnapshot('services/p/1h', served('s1', value, true));
    expect(JSON.parse(stale.bytes.toString()).snapshot.stale).toBe(true);
    expect(stale.etag).not.toBe(first.etag);
    expect(serialized).toBe(1);
    // A new snapshot: serialized again.
    bodies.ofSnapshot('services/p/1h', served('s2', value));
    expect(serialized).toBe(2);
    expect(first.etag).toMatch(/^W\/".+"$/);
  });

  it('keeps the text as UTF-8, characters outside ASCII included', () => {
    const body = new PageBodies().ofSnapshot(
      'k',
      served('s', { message: 'latency p95 → 1.2 s × 3 “slow”' }),
    );
    expect(body.bytes.toString('utf8')).toContain(
      '"message":"latency p95 → 1.2 s × 3 “slow”","snapshot":',
    );
    expect(JSON.parse(body.bytes.toString('utf8')).message).toBe(
      'latency p95 → 1.2 s × 3 “slow”',
    );
  });

  it('sends an empty value as its age alone', () => {
    const body = new PageBodies().ofSnapshot('k', served('s', {}));
    expect(JSON.parse(body.bytes.toString())).toEqual({
      snapshot: {
        computedAt: '1970-01-01T00:00:00.000Z',
        stale: false,
        refreshing: false,
      },
    });
  });

  it('assembles a page of several parts only when their version changed', () => {
    const bodies = new PageBodies();
    let builds = 0;
    const build = () => ({ builds: ++builds });
    const a = bodies.ofParts('overview/1h', 'v1', build);
    expect(bodies.ofParts('overview/1h', 'v1', build)).toEqual(a);
    const b = bodies.ofParts('overview/1h', 'v2', build);
    expect(JSON.parse(b.bytes.toString())).toEqual({ builds: 2 });
    expect(b.etag).not.toBe(a.etag);
  });
});
