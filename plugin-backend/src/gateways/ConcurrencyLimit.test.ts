import { describe, expect, it } from 'vitest';
import { CallCancelledError } from './cancellableCalls';
import { ConcurrencyLimit } from './ConcurrencyLimit';

/** A piece of work that ends when the test says so, recording when it started. */
function gate(log: string[], name: string) {
  let open!: () => void;
  const done = new Promise<void>(resolve => (open = resolve));
  return {
    work: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
      return name;
    },
    open: () => open(),
  };
}

const turn = () => new Promise(resolve => setImmediate(resolve));

describe('ConcurrencyLimit', () => {
  it('runs one piece of work at a time, the others in arrival order', async () => {
    const limit = new ConcurrencyLimit(1);
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map(n => gate(log, n));
    const results = [a, b, c].map(g => limit.run(g!.work));
    await turn();
    expect(log).toEqual(['start a']);
    c!.open();
    b!.open();
    a!.open();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
    expect(log).toEqual([
      'start a',
      'end a',
      'start b',
      'end b',
      'start c',
      'end c',
    ]);
  });

  it('drops a waiter whose signal aborts, and the place goes to the next one', async () => {
    const limit = new ConcurrencyLimit(1);
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map(n => gate(log, n));
    const first = limit.run(a!.work);
    const abort = new AbortController();
    const second = limit.run(b!.work, abort.signal);
    const third = limit.run(c!.work);
    abort.abort();
    await expect(second).rejects.toBeInstanceOf(CallCancelledError);
    a!.open();
    c!.open();
    expect(await first).toBe('a');
    expect(await third).toBe('c');
    expect(log).toEqual(['start a', 'end a', 'start c', 'end c']);
  });

  it('frees the place of work that fails', async () => {
    const limit = new ConcurrencyLimit(1);
    await expect(
      limit.run(() => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expect(await limit.run(async () => 'next')).toBe('next');
  });
});
