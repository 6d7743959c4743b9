import type { Page } from 'playwright-core';

/**
 * What one visit of the home page showed when, ms since navigation start (`performance.now()`), the
 * first time each holds, and where the time before the frame went (Resource Timing and Long Animation
 * Frames of Chromium's Performance API).
 */
export interface HomePageMarks {
  fcp?: number;
  /** App bar and heading in the document (from the HTML when it holds the first paint, else the script's). */
  heading?: number;
  /** App bar, heading and a card per project (skeletons). */
  frame?: number;
  cards?: number;
  /** The first project card filled with its figures. */
  firstCard?: number;
  /** No card loading any more (filled or failed). */
  allCards?: number;
  /** The document's first byte and last byte. */
  htmlFirstByte?: number;
  htmlEnd?: number;
  /** The module script and stylesheets the HTML names (the initial JS): asked, last byte. */
  scriptStart?: number;
  scriptEnd?: number;
  /** The longest stretch of script (compile and run) before the frame, and when it ended. */
  scriptLongest?: number;
  scriptLongestEnd?: number;
  /** `GET /projects` (the frame waits for it): asked, first byte, last byte. */
  projectsStart?: number;
  projectsFirstByte?: number;
  projectsEnd?: number;
  /** The first `GET /projects/:id/overview` to answer: asked, last byte. */
  overviewStart?: number;
  overviewEnd?: number;
}

/**
 * Runs in the page before its scripts: watches the DOM and notes when each stage is first reached,
 * and keeps the long animation frames (buffered). A string, not a function: tsx's transform would
 * add helpers to a function that the page lacks.
 */
const SETTLED = '__home_page_settled__';

export const OBSERVE_HOME_PAGE = `(() => {
  const marks = {};
  window.__marks = marks;
  window.__frames = [];
  try {
    new PerformanceObserver(list => window.__frames.push(...list.getEntries().map(f => ({
      start: f.startTime, end: f.startTime + f.duration,
      scripts: f.scripts.map(s => ({ start: s.startTime, end: s.startTime + s.duration, url: s.sourceURL, invoker: s.invoker })),
    })))).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
  const check = () => {
    const cards = document.querySelectorAll('[data-testid^="project-card-"]');
    const now = performance.now();
    if (marks.heading === undefined && document.querySelector('h1') && document.querySelector('h2')) marks.heading = now;
    if (marks.frame === undefined && cards.length > 0 && document.querySelector('h1') && document.querySelector('h2')) {
      marks.frame = now;
      marks.cards = cards.length;
    }
    const states = [...cards].map(c => c.getAttribute('data-state'));
    if (marks.firstCard === undefined && states.includes('ready')) marks.firstCard = now;
    if (marks.allCards === undefined && cards.length > 0 && !states.includes('loading')) {
      marks.allCards = now;
      // Tells the bench without its asking the page (an evaluate would run Playwright's script in it).
      console.debug('${SETTLED}');
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'],
  });
})();`;

/** Reads the marks and the breakdown once every card has settled. */
const READ_MARKS = `(() => {
  const marks = { ...window.__marks };
  marks.fcp = performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint')?.startTime;
  const nav = performance.getEntriesByType('navigation')[0];
  marks.htmlFirstByte = nav.responseStart;
  marks.htmlEnd = nav.responseEnd;
  const resources = performance.getEntriesByType('resource');
  const named = new Set([...document.querySelectorAll('script[src], link[rel=modulepreload], link[rel=stylesheet]')]
    .map(e => new URL(e.src || e.href, location.href).href));
  const initial = resources.filter(r => named.has(r.name));
  if (initial.length) {
    marks.scriptStart = Math.min(...initial.map(r => r.startTime));
    marks.scriptEnd = Math.max(...initial.map(r => r.responseEnd));
  }
  const api = path => resources.filter(r => new URL(r.name).pathname.match(path));
  const projects = api(/^\\/api\\/gcp-serverless\\/projects$/)[0];
  if (projects) {
    marks.projectsStart = projects.startTime;
    marks.projectsFirstByte = projects.responseStart;
    marks.projectsEnd = projects.responseEnd;
  }
  const overview = api(/\\/overview$/).sort((a, b) => a.responseEnd - b.responseEnd)[0];
  if (overview) {
    marks.overviewStart = overview.startTime;
    marks.overviewEnd = overview.responseEnd;
  }
  const scripts = window.__frames.flatMap(f => f.scripts).filter(s => s.start < (marks.frame ?? Infinity));
  const longest = scripts.sort((a, b) => (b.end - b.start) - (a.end - a.start))[0];
  if (longest) {
    marks.scriptLongest = longest.end - longest.start;
    marks.scriptLongestEnd = longest.end;
  }
  return marks;
})()`;

/** Opens the home page in `page` (init script added already) and waits until every card settled. */
export async function visitHomePage(
  page: Page,
  url: string,
): Promise<HomePageMarks> {
  const settled = page.waitForEvent('console', {
    predicate: message => message.text() === SETTLED,
    timeout: 120_000,
  });
  await page.goto(url, { timeout: 120_000, waitUntil: 'commit' });
  await settled;
  return (await page.evaluate(READ_MARKS)) as HomePageMarks;
}

const ms = (v: number | undefined) =>
  v === undefined ? '—' : `${Math.round(v)}`;

/** One line of figures and one of where the time before the frame went. */
export function describeMarks(m: HomePageMarks): string {
  return [
    `FCP ${ms(m.fcp)}, heading ${ms(m.heading)}, frame (${m.cards} cards) ${ms(
      m.frame,
    )}, first card ${ms(m.firstCard)}, all cards ${ms(m.allCards)} ms`,
    `    html ${ms(m.htmlFirstByte)}–${ms(m.htmlEnd)}, initial JS ${ms(
      m.scriptStart,
    )}–${ms(m.scriptEnd)}, longest script ${ms(m.scriptLongest)} (ends ${ms(
      m.scriptLongestEnd,
    )}), GET /projects ${ms(m.projectsStart)}→${ms(m.projectsFirstByte)}–${ms(
      m.projectsEnd,
    )}, first overview ${ms(m.overviewStart)}–${ms(m.overviewEnd)} ms`,
  ].join('\n');
}
