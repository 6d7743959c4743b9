import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { launchChromium } from '../src/e2e/browser';

/**
 * When the home page of a running portal shows what, in Chromium with an empty cache (issue 10,
 * point 4): first contentful paint, the frame (app bar, heading and a card per project), the first
 * project card filled with its figures, and the moment no card is loading any more (filled or failed). A measurement, not a test: run it against `npm start`
 * (docs/performance.md, "Home page in the browser").
 *
 *   npx tsx dev/portal/bench/homePagePaint.ts --url http://127.0.0.1:7007 [--runs 5]
 *   npx tsx dev/portal/bench/homePagePaint.ts --start [--port 7311] [--runs 5]
 *
 * `--start` runs `npm start`'s command itself (its own process; the build must be fresh, or it is
 * built first) and opens the first run the moment it says ready: the first visit right after start.
 * Meanwhile index.html is asked for every 250 ms (plain HTTP, no browser): how long the page's own
 * file waits while the portal computes its first snapshots.
 */
const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:7007' },
    runs: { type: 'string', default: '5' },
    window: { type: 'string', default: '1h' },
    start: { type: 'boolean', default: false },
    port: { type: 'string', default: '7311' },
  },
  strict: true,
});

/** `npm start` in its own process group (tsx runs it in a child node), ready once it says so. */
async function startPortalCommand(
  port: string,
): Promise<{ url: string; stop: () => void; readyAt: number }> {
  const entry = fileURLToPath(
    new URL('../src/standalone/start.ts', import.meta.url),
  );
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', entry, '--port', port],
    {
      // Where `npm start` runs it (the workspace's directory).
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.once('exit', stop);
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready at')) {
        process.stderr.write(out);
        resolve();
      }
    });
    child.once('exit', code =>
      reject(new Error(`npm start exited (${code}) before ready:\n${out}`)),
    );
  });
  return { url: `http://127.0.0.1:${port}`, stop, readyAt: Date.now() };
}

/** index.html every 250 ms until stopped: each answer's ms. */
function probeIndexHtml(url: string): { stop: () => Promise<number[]> } {
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
      return times;
    },
  };
}

const started = values.start
  ? await startPortalCommand(values.port!)
  : undefined;
const baseUrl = started?.url ?? values.url!;
const probe = started ? probeIndexHtml(baseUrl) : undefined;

/** What the page records, ms since navigation start (`performance.now()`), the first time each holds. */
interface Marks {
  fcp?: number;
  frame?: number;
  firstCard?: number;
  allCards?: number;
  cards?: number;
}

/**
 * Runs in the page before its scripts: watches the DOM and notes when each stage is first reached.
 * A string, not a function: tsx's transform would add helpers to a function that the page lacks.
 */
const OBSERVE_HOME_PAGE = `(() => {
  const marks = {};
  window.__marks = marks;
  const check = () => {
    const cards = document.querySelectorAll('[data-testid^="project-card-"]');
    const now = performance.now();
    if (marks.frame === undefined && cards.length > 0 && document.querySelector('h1') && document.querySelector('h2')) {
      marks.frame = now;
      marks.cards = cards.length;
    }
    const states = [...cards].map(c => c.getAttribute('data-state'));
    if (marks.firstCard === undefined && states.includes('ready')) marks.firstCard = now;
    if (marks.allCards === undefined && cards.length > 0 && !states.includes('loading')) marks.allCards = now;
  };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'],
  });
})();`;

const browser = await launchChromium();
if (started)
  console.log(
    `Chromium ready ${
      Date.now() - started.readyAt
    } ms after the portal said ready`,
  );
const results: Marks[] = [];
try {
  for (let run = 0; run < Number(values.runs); run++) {
    // A new context per run: an empty cache, as a first visit.
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    await page.addInitScript(OBSERVE_HOME_PAGE);
    await page.goto(`${baseUrl}/?window=${values.window}`, {
      timeout: 120_000,
    });
    await page.waitForFunction(
      'window.__marks && window.__marks.allCards !== undefined',
      undefined,
      { timeout: 120_000 },
    );
    const marks = (await page.evaluate(
      `({ ...window.__marks, fcp: performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint')?.startTime })`,
    )) as Marks;
    results.push(marks);
    const ms = (v: number | undefined) =>
      v === undefined ? '—' : `${Math.round(v)} ms`;
    console.log(
      `run ${run + 1}: first contentful paint ${ms(marks.fcp)}, frame with ${
        marks.cards
      } cards ${ms(marks.frame)}, first card filled ${ms(
        marks.firstCard,
      )}, every card settled ${ms(marks.allCards)}`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  const indexTimes = await probe?.stop();
  started?.stop();
  if (indexTimes?.length) {
    const sorted = [...indexTimes].sort((a, b) => a - b);
    const at = (q: number) =>
      Math.round(
        sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!,
      );
    console.log(
      `index.html during the runs (${
        sorted.length
      } asks, every 250 ms): p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(
        1,
      )} ms`,
    );
  }
}
const median = (key: keyof Marks) => {
  const list = results
    .map(r => r[key])
    .filter((v): v is number => v !== undefined)
    .sort((a, b) => a - b);
  return list.length ? Math.round(list[Math.floor(list.length / 2)]!) : null;
};
console.log(
  `median of ${results.length}: first contentful paint ${median(
    'fcp',
  )} ms, frame ${median('frame')} ms, first card filled ${median(
    'firstCard',
  )} ms, every card settled ${median('allCards')} ms`,
);
