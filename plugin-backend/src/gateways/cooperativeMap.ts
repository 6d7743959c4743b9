import { setImmediate as nextTurn } from 'node:timers/promises';

/** Longest stretch of aggregation between two turns of the event loop, ms. */
const SLICE_MS = 10;

/**
 * `items.map(fn)` that gives the event loop a turn whenever it has worked for {@link SLICE_MS},
 * so aggregating a fleet's 1,000–10,000 series never holds up other requests for long (issue 10:
 * event-loop delay is measured with `monitorEventLoopDelay` by `npm run bench`).
 */
export async function mapCooperatively<T, U>(
  items: readonly T[],
  fn: (item: T) => U,
): Promise<U[]> {
  const out: U[] = new Array(items.length);
  let sliceStart = performance.now();
  for (let i = 0; i < items.length; i++) {
    out[i] = fn(items[i]!);
    // Checking the clock costs little next to mapping a series of points; every 16th item is enough.
    if ((i & 15) === 15 && performance.now() - sliceStart > SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  return out;
}
