import os from 'node:os';

/**
 * How many times longer than on a quiet machine the tests' Google deadlines are: the one-minute
 * load average per core, rounded up, between 1 and 5 (`GCP_SERVERLESS_TEST_DEADLINE_SCALE`
 * overrides it). On a machine busy with other work the sandbox answers slowly and a 3 s read
 * deadline turns a correct read into a 504 (issue 12, point 6); a test never depends on how fast
 * the machine is, and a test about a deadline injects latency relative to the deadline in force.
 */
export function deadlineScale(): number {
  const forced = Number(process.env.GCP_SERVERLESS_TEST_DEADLINE_SCALE);
  if (Number.isFinite(forced) && forced >= 1) return forced;
  const cores = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  return Math.min(5, Math.max(1, Math.ceil(os.loadavg()[0]! / cores)));
}

/** The test backends' deadlines (config `timeouts`), scaled by {@link deadlineScale}. */
export function testTimeouts(
  base: { readMs: number; writeMs: number; operationMs: number } = {
    readMs: 3_000,
    writeMs: 5_000,
    operationMs: 10_000,
  },
): { readMs: number; writeMs: number; operationMs: number } {
  const scale = deadlineScale();
  return {
    readMs: base.readMs * scale,
    writeMs: base.writeMs * scale,
    operationMs: base.operationMs * scale,
  };
}
