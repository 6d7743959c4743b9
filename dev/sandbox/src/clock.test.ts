import { describe, expect, it } from 'vitest';
import { OffsetSandboxClock } from './clock';

describe('OffsetSandboxClock', () => {
  it('follows real time, from real now or a fixed start', () => {
    let real = 1_000;
    expect(new OffsetSandboxClock(undefined, () => real).now()).toBe(1_000);
    const clock = new OffsetSandboxClock(50_000, () => real);
    real += 500;
    expect(clock.now()).toBe(50_500);
  });

  it('advances, sets and resets to the initial offset', () => {
    let real = 0;
    const clock = new OffsetSandboxClock(10_000, () => real);
    clock.advance(60);
    expect(clock.now()).toBe(70_000);
    clock.set(5);
    real = 10;
    expect(clock.now()).toBe(15);
    clock.reset();
    expect(clock.now()).toBe(10_010);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
  });
});
