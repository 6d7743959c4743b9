import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startPortal } from '../src/standalone/startPortal';
import { ensureWebBuild } from '../src/standalone/webBuild';

/**
 * How long the page itself (`GET /`, index.html) takes while a large fleet is read for the first time, in
 * the portal of `npm start` with its embedded sandbox (docs/performance.md, "The page while the sandbox
 * computes"). It starts the portal in this process, reads the scale-fleet services list and then the
 * overview, and meanwhile asks for `/` every 200 ms; it reports those answers' times and this process's
 * event-loop delay. `--same-thread` runs the sandbox in the portal's thread, as before sandboxThread.ts.
 * A measurement, not a test.
 *
 *   npx tsx dev/portal/bench/pageDuringFleetRead.ts [--services 1000] [--same-thread]
 */
const { values } = parseArgs({
  options: {
    services: { type: 'string', default: '1000' },
    'same-thread': { type: 'boolean', default: false },
  },
  strict: true,
});

await ensureWebBuild();
const portal = await startPortal({
  port: 0,
  prebuilt: true,
  sandboxThread: !values['same-thread'],
  services: Number(values.services),
  log: () => {},
});
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();

const pageMs: number[] = [];
const pageFailures: string[] = [];
let reading = true;
const askForPage = async () => {
  while (reading) {
    const started = performance.now();
    try {
      const res = await fetch(`${portal.url}/`, {
        headers: { 'accept-encoding': 'br, gzip' },
      });
      await res.arrayBuffer();
      pageMs.push(performance.now() - started);
    } catch (err) {
      // A connection the stalled portal dropped counts as an answer that never came.
      pageFailures.push(String((err as Error).cause ?? err));
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
};
const asking = askForPage();
const timed = async (path: string) => {
  const started = performance.now();
  const res = await fetch(`${portal.url}/api/gcp-serverless${path}`);
  await res.arrayBuffer();
  return `HTTP ${res.status} in ${Math.round(performance.now() - started)} ms`;
};
const list = await timed('/projects/scale-fleet/services?window=1h');
const overview = await timed('/overview?window=1h');
reading = false;
await asking;
await portal.close();

const sorted = pageMs.sort((a, b) => a - b);
const at = (q: number) =>
  Math.round(
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!,
  );
const ms = (ns: number) => Math.round(ns / 1e6);
console.log(
  [
    `sandbox: ${
      values['same-thread'] ? "the portal's thread" : 'its own thread'
    }, ${values.services} services`,
    `services list (first read): ${list}; overview: ${overview}`,
    `GET / meanwhile: ${sorted.length} answers, p50 ${at(0.5)} ms, p95 ${at(
      0.95,
    )} ms, max ${at(1)} ms${
      pageFailures.length
        ? `; ${pageFailures.length} failed (${pageFailures[0]})`
        : ''
    }`,
    `event-loop delay of the portal's thread: p50 ${ms(
      delay.percentile(50),
    )} ms, p99 ${ms(delay.percentile(99))} ms, max ${ms(delay.max)} ms`,
  ].join('\n'),
);
process.exit(0);
