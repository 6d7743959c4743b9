import type { SandboxClock } from './world';

/**
 * The sandbox clock: real time plus an offset. Time keeps flowing while the sandbox runs (so LROs,
 * `updateTime` and the newest metric points behave like the real thing), while tests and the control
 * surface can jump it forward or pin its start.
 */
export class OffsetSandboxClock implements SandboxClock {
  private offsetMs: number;
  private readonly initialOffsetMs: number;
  private readonly realNow: () => number;

  /**
   * @param startEpochMs Sandbox time at construction, epoch ms; omitted = real time (offset 0).
   * @param realNow Source of real time, injectable for unit tests.
   */
  constructor(startEpochMs?: number, realNow: () => number = Date.now) {
    this.realNow = realNow;
    this.initialOffsetMs =
      startEpochMs === undefined ? 0 : startEpochMs - realNow();
    this.offsetMs = this.initialOffsetMs;
  }

  /** Sandbox time, epoch ms. */
  now(): number {
    return this.realNow() + this.offsetMs;
  }

  /** Moves sandbox time forward (or backward, if negative) by `seconds`. */
  advance(seconds: number): void {
    if (!Number.isFinite(seconds))
      throw new RangeError(
        `advance needs a finite number of seconds, got ${seconds}`,
      );
    this.offsetMs += seconds * 1000;
  }

  /** Sets sandbox time to `epochMs`; it keeps flowing in real time from there. */
  set(epochMs: number): void {
    if (!Number.isFinite(epochMs))
      throw new RangeError(
        `set needs finite epoch milliseconds, got ${epochMs}`,
      );
    this.offsetMs = epochMs - this.realNow();
  }

  /** Restores the offset chosen at construction (sandbox reset). */
  reset(): void {
    this.offsetMs = this.initialOffsetMs;
  }
}
