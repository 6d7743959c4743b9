import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * How much lower the computation thread's CPU priority is than the serving thread's (Linux nice
 * steps, 19 at most): on a busy machine a page's request, and the viewer waiting for it, get a core
 * before a background computation does (docs/architecture.md, "The read model").
 */
export const COMPUTE_THREAD_NICENESS_STEPS = 10;

/**
 * Lowers the CPU priority of the calling thread alone by `steps` nice steps, where the operating
 * system can: on Linux a thread has its own nice value, set through its thread id (found through
 * `/proc/thread-self`). Elsewhere, or when refused, nothing changes. Returns the nice value now in
 * force, or undefined when unchanged.
 */
export function lowerThisThreadPriority(steps: number): number | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return undefined;
    const niceness = Math.min(19, getPriority(tid) + steps);
    setPriority(tid, niceness);
    return getPriority(tid);
  } catch {
    return undefined;
  }
}
