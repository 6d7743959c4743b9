/**
 * Replays the Google calls of a request trace (`GCP_SANDBOX_TRACE=FILE`, control/requestTrace.ts) —
 * e.g. what a portal asked during one cold overview of `npm run bench` — against a fresh in-process
 * sandbox with the same fleet, one call at a time, and prints the sandbox's own time per call and in
 * total (`/_sandbox/activity`: handlers and writing, no round trip), and the CPU time of each call (the
 * in-process client's reading included: on a shared machine wall time mostly says how busy the others were). Repeated queries hit the caches as
 * they did in the trace. The sandbox clock starts just after the trace's latest interval end, so every
 * interval lies in its past. Not a test: speed is measured here, never asserted.
 *
 * `--profile FILE` writes a CPU profile (.cpuprofile, for Chrome's DevTools) of the replayed calls alone,
 * the sandbox's start and warm-up left out.
 *
 *   npx tsx dev/sandbox/src/perf/replayTrace.ts --trace trace.jsonl --services 1000 [--only monitoring] [--warm] [--profile FILE]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { startSandbox } from '../server';

const { values } = parseArgs({
  options: {
    trace: { type: 'string' },
    services: { type: 'string', default: '1000' },
    only: { type: 'string' },
    scenario: { type: 'string', default: 'scale-fleet' },
    // As `npm run bench` does before it measures: POST /_sandbox/warm first.
    warm: { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
});
if (!values.trace) {
  console.error(
    'usage: replayTrace.ts --trace FILE [--services N] [--only API]',
  );
  process.exit(2);
}
interface TraceEntry {
  method: string;
  url: string;
  status: number;
  handlerMs: number;
  writeMs: number;
  /** The request's JSON body, when it had one (a BigQuery query). */
  body?: unknown;
}
const entries = readFileSync(values.trace, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map(line => JSON.parse(line) as TraceEntry)
  .filter(e => !values.only || e.method.startsWith(`${values.only}.`));
const ends = entries.flatMap(e => {
  const end = new URL(e.url, 'http://x').searchParams.get('interval.endTime');
  return end ? [Date.parse(end)] : [];
});
const now = Math.max(...ends, 0) + 60_000;

async function main(): Promise<void> {
  const sandbox = await startSandbox({
    port: 0,
    scenarios: [values.scenario!],
    services: Number(values.services),
    ...(ends.length ? { now } : {}),
    operationDelayMs: 0,
  });
  try {
    if (values.warm) {
      const warmed = await fetch(`${sandbox.url}/_sandbox/warm`, {
        method: 'POST',
      });
      console.log(`warm: ${JSON.stringify(await warmed.json())}`);
    }
    const profiler = values.profile ? new Session() : undefined;
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    let total = 0;
    let traced = 0;
    let totalCpu = 0;
    const cpuBefore = process.cpuUsage();
    for (const entry of entries) {
      sandbox.activity.reset();
      const cpuAtStart = process.cpuUsage();
      const response = await fetch(sandbox.url + entry.url, {
        method:
          entry.method.endsWith('.list') || entry.method.endsWith('.get')
            ? 'GET'
            : 'POST',
        ...(entry.body !== undefined
          ? {
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(entry.body),
            }
          : {}),
      });
      await response.arrayBuffer();
      const cpuOfCall = process.cpuUsage(cpuAtStart);
      const cpuMs = (cpuOfCall.user + cpuOfCall.system) / 1000;
      totalCpu += cpuMs;
      const ms = Object.values(sandbox.activity.snapshot().workMs).reduce(
        (sum, w) => sum + w.ms,
        0,
      );
      total += ms;
      traced += entry.handlerMs + entry.writeMs;
      const query = new URL(entry.url, 'http://x').searchParams;
      const what =
        query.get('filter')?.match(/metric\.type = "([^"]+)"/)?.[1] ??
        entry.method;
      process.stdout.write(
        `${String(Math.round(ms)).padStart(7)} ms, cpu ${String(
          Math.round(cpuMs),
        ).padStart(6)} ms (traced ${String(
          Math.round(entry.handlerMs + entry.writeMs),
        ).padStart(6)})  HTTP ${response.status}  ${what} ${
          query.get('aggregation.alignmentPeriod') ?? ''
        } ${query.get('interval.startTime')?.slice(5, 16) ?? ''}..${
          query.get('interval.endTime')?.slice(5, 16) ?? ''
        }\n`,
      );
    }
    const cpu = process.cpuUsage(cpuBefore);
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(values.profile!, JSON.stringify(profile));
      profiler.disconnect();
    }
    console.log(
      `${entries.length} calls: sandbox ${Math.round(
        total,
      )} ms (traced ${Math.round(traced)} ms); process CPU ${Math.round(
        (cpu.user + cpu.system) / 1000,
      )} ms`,
    );
  } finally {
    await sandbox.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
