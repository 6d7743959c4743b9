import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../src/e2e/browser';
import {
  describeMarks,
  OBSERVE_HOME_PAGE,
  visitHomePage,
  type HomePageMarks,
} from './homePageMarks';

/**
 * When the home page of a portal shows what, in Chromium with an empty cache (issue 10, point 4):
 * first contentful paint, the frame (app bar, heading and a card per project), the first project
 * card filled with its figures, and the moment no card is loading any more (filled or failed); and
 * where the time before the frame went (the HTML, the initial JS, its longest script, `GET /projects`).
 * A measurement, not a test (docs/performance.md, "Home page in the browser").
 *
 *   npx tsx dev/portal/bench/homePagePaint.ts --url http://127.0.0.1:7007 [--runs 5]
 *   npx tsx dev/portal/bench/homePagePaint.ts --start [--port 7311] [--runs 5]
 *   npx tsx dev/portal/bench/homePagePaint.ts --starts 5 [--port 7311] [--cold-browser] [--trace DIR]
 *
 * `--start` runs `npm start`'s command itself (its own process; the build must be fresh, or it is
 * built first), launches Chromium once it is ready and opens `--runs` visits, the first one the first
 * visit after start. `--starts N` measures the first visit N times: each time a fresh `npm start`, with
 * Chromium launched (and, unless `--cold-browser`, warmed on a blank page) before the portal says ready,
 * so the home page is asked for at ready; then a second visit in a new context (a later visit on the
 * same portal); then the portal stops. `--trace DIR` writes a Chromium trace of each first visit,
 * `--cpu-prof DIR` a CPU profile of each portal process (one per thread, `node --cpu-prof`).
 * With either, index.html is asked for every 250 ms meanwhile (plain HTTP, no browser): how long
 * the page's own file waits while the portal starts its work.
 */
const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:7007' },
    runs: { type: 'string', default: '5' },
    window: { type: 'string', default: '1h' },
    start: { type: 'boolean', default: false },
    starts: { type: 'string' },
    port: { type: 'string', default: '7311' },
    'cold-browser': { type: 'boolean', default: false },
    trace: { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
  strict: true,
});

interface StartedPortal {
  url: string;
  readyAt: number;
  stop(): Promise<void>;
}

/** `npm start` in its own process group (tsx runs it in a child node), ready once it says so. */
async function startPortalCommand(port: string): Promise<StartedPortal> {
  const entry = fileURLToPath(
    new URL('../src/standalone/start.ts', import.meta.url),
  );
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(values['cpu-prof']
        ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`]
        : []),
      '--import',
      'tsx',
      entry,
      '--port',
      port,
    ],
    {
      // Where `npm start` runs it (the workspace's directory).
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  const kill = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.once('exit', kill);
  await new Promise<void>((resolve, reject) => {
    let out = '';
    let ready = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!ready && out.includes('ready at')) {
        ready = true;
        process.stderr.write(out);
        resolve();
      }
    });
    child.once('exit', code =>
      reject(new Error(`npm start exited (${code}) before ready:\n${out}`)),
    );
  });
  return {
    url: `http://127.0.0.1:${port}`,
    readyAt: Date.now(),
    async stop() {
      kill();
      await exited;
    },
  };
}

/** index.html every 250 ms until stopped: each answer's ms. */
function probeIndexHtml(url: string): { stop: () => Promise<string> } {
  const times: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        await (await fetch(`${url}/`)).arrayBuffer();
        times.push(performance.now() - started);
      } catch {
        // the portal is stopping
      }
      await new Promise(r => setTimeout(r, 250));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const sorted = [...times].sort((a, b) => a - b);
      const at = (q: number) =>
        Math.round(
          sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!,
        );
      return sorted.length
        ? `index.html meanwhile (${sorted.length} asks, every 250 ms): p50 ${at(
            0.5,
          )} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`
        : 'index.html: no answer';
    },
  };
}

/** One visit in a new browser context (an empty cache, as a first visit). */
async function visit(
  browser: Browser,
  baseUrl: string,
  tracePath?: string,
): Promise<HomePageMarks> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
  });
  try {
    const page = await context.newPage();
    await page.addInitScript(OBSERVE_HOME_PAGE);
    if (tracePath)
      await browser.startTracing(page, { path: tracePath, screenshots: true });
    try {
      return await visitHomePage(page, `${baseUrl}/?window=${values.window}`);
    } finally {
      if (tracePath) await browser.stopTracing();
    }
  } finally {
    await context.close();
  }
}

const median = (results: HomePageMarks[], key: keyof HomePageMarks) => {
  const list = results
    .map(r => r[key])
    .filter((v): v is number => v !== undefined)
    .sort((a, b) => a - b);
  return list.length ? Math.round(list[Math.floor(list.length / 2)]!) : null;
};
const summary = (label: string, results: HomePageMarks[]) =>
  `${label}, median of ${results.length}: FCP ${median(
    results,
    'fcp',
  )} ms, frame ${median(results, 'frame')} ms, first card ${median(
    results,
    'firstCard',
  )} ms, all cards ${median(results, 'allCards')} ms`;

/** `--starts N`: N fresh starts, the first visit of each at ready, and one later visit. */
async function firstVisits(starts: number): Promise<void> {
  const first: HomePageMarks[] = [];
  const later: HomePageMarks[] = [];
  for (let i = 1; i <= starts; i++) {
    const browser = await launchChromium();
    try {
      if (!values['cold-browser']) {
        // Chromium's own first-page work (processes, fonts) is not the portal's.
        const warm = await browser.newPage();
        await warm.setContent('<p style="font-family: sans-serif">warm</p>');
        await warm.close();
      }
      const portal = await startPortalCommand(values.port!);
      const probe = probeIndexHtml(portal.url);
      try {
        const askedAfterReady = Date.now() - portal.readyAt;
        const marks = await visit(
          browser,
          portal.url,
          values.trace ? `${values.trace}/first-visit-${i}.json` : undefined,
        );
        console.log(
          `start ${i}, first visit (asked ${askedAfterReady} ms after ready): ${describeMarks(
            marks,
          )}`,
        );
        first.push(marks);
        const again = await visit(browser, portal.url);
        console.log(`start ${i}, later visit: ${describeMarks(again)}`);
        later.push(again);
      } finally {
        console.log(await probe.stop());
        await portal.stop();
      }
    } finally {
      await browser.close();
    }
  }
  console.log(summary('first visits', first));
  console.log(summary('later visits', later));
}

/** `--url` (a running portal) or `--start` (one start): `--runs` visits one after another. */
async function visits(): Promise<void> {
  const started = values.start
    ? await startPortalCommand(values.port!)
    : undefined;
  const baseUrl = started?.url ?? values.url!;
  const probe = started ? probeIndexHtml(baseUrl) : undefined;
  const browser = await launchChromium();
  if (started)
    console.log(
      `Chromium ready ${
        Date.now() - started.readyAt
      } ms after the portal said ready`,
    );
  const results: HomePageMarks[] = [];
  try {
    for (let run = 1; run <= Number(values.runs); run++) {
      const marks = await visit(browser, baseUrl);
      console.log(`run ${run}: ${describeMarks(marks)}`);
      results.push(marks);
    }
  } finally {
    await browser.close();
    if (probe) console.log(await probe.stop());
    await started?.stop();
  }
  console.log(summary('runs', results));
}

if (values.starts) await firstVisits(Number(values.starts));
else await visits();
