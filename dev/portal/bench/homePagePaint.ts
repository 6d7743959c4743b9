import { parseArgs } from 'node:util';
import { launchChromium } from '../src/e2e/browser';

/**
 * When the home page of a running portal shows what, in Chromium with an empty cache (issue 10,
 * point 4): first contentful paint, the frame (app bar, heading and a card per project), the first
 * project card filled with its figures, and the moment no card is loading any more (filled or failed). A measurement, not a test: run it against `npm start`
 * (docs/performance.md, "Home page in the browser").
 *
 *   npx tsx dev/portal/bench/homePagePaint.ts --url http://127.0.0.1:7007 [--runs 5]
 */
const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:7007' },
    runs: { type: 'string', default: '5' },
    window: { type: 'string', default: '1h' },
  },
  strict: true,
});

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
const results: Marks[] = [];
try {
  for (let run = 0; run < Number(values.runs); run++) {
    // A new context per run: an empty cache, as a first visit.
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    await page.addInitScript(OBSERVE_HOME_PAGE);
    await page.goto(`${values.url}/?window=${values.window}`, {
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
