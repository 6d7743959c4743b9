import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import { startPortal, type Portal } from '../standalone/startPortal';
import { ensureWebBuild } from '../standalone/webBuild';
import { launchChromium } from './browser';

/**
 * The home page paints before its data and fills in piece by piece (issue 10, point 4): in Chromium
 * against the default sandbox and the production build `npm start` serves, with the browser holding chosen API answers (`page.route`) so that the
 * test decides the order in which they arrive. It asserts the order of what the page shows, never a
 * time: the frame and a skeleton card per project while every project's figures are held; one card
 * filled while another is still held; the held one filled once released. And the cards come first:
 * the all-projects cost and the problems below them, the cost panel filling in without moving them;
 * and the project list, which the app bar reads too, is asked for once.
 */
let portal: Portal;
let browser: Browser;
let page: Page;
let projectIds: string[];

const OVERVIEW = /^\/api\/gcp-serverless\/projects\/([^/]+)\/overview$/;
const BUDGETS = '/api/gcp-serverless/billing/budgets';
const SETUP = '/api/gcp-serverless/setup';
const PROJECTS = '/api/gcp-serverless/projects';

/** Requests the page made that the test holds, by what they read, until {@link release} lets them go. */
class HeldRequests {
  private readonly held = new Map<string, Route[]>();
  private readonly released = new Set<string>();
  private readonly waiters: Array<() => void> = [];

  /** Holds `route` under `key`, or lets it through at once when `key` was released already. */
  hold(key: string, route: Route): void {
    if (this.released.has(key)) {
      void route.continue().catch(() => undefined);
      return;
    }
    this.held.set(key, [...(this.held.get(key) ?? []), route]);
    for (const wake of this.waiters.splice(0)) wake();
  }

  isHeld(key: string): boolean {
    return !this.released.has(key) && (this.held.get(key)?.length ?? 0) > 0;
  }

  /** Resolves once a request is held under each of `keys`. */
  async waitFor(keys: string[]): Promise<void> {
    while (!keys.every(k => this.isHeld(k)))
      await new Promise<void>(resolve => this.waiters.push(resolve));
  }

  /** Lets the held requests of `key` go on to the portal, and any later ones through at once. */
  release(key: string): void {
    this.released.add(key);
    // A request the page aborted meanwhile (its query went away) cannot continue; nothing waits for it.
    for (const route of this.held.get(key) ?? [])
      void route.continue().catch(() => undefined);
    this.held.delete(key);
  }
}

const card = (projectId: string) =>
  page.getByTestId(`project-card-${projectId}`);

async function cardStates(): Promise<Record<string, string | null>> {
  const states: Record<string, string | null> = {};
  for (const id of projectIds)
    states[id] = await card(id).getAttribute('data-state');
  return states;
}

async function top(locator: ReturnType<Page['getByTestId']>): Promise<number> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element not laid out');
  return box.y;
}

beforeAll(async () => {
  // What `npm start` serves: the production build (built here when missing or stale).
  await ensureWebBuild({ log: () => {} });
  portal = await startPortal({
    port: 0,
    host: '127.0.0.1',
    prebuilt: true,
    log: () => {},
  });
  const listed = (await (
    await fetch(`${portal.url}/api/gcp-serverless/projects`)
  ).json()) as { projects: Array<{ projectId: string }> };
  projectIds = listed.projects.map(p => p.projectId);
  browser = await launchChromium();
  // A laptop screen: what the first view holds is part of what is checked.
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(120_000);
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

describe('the home page in the browser, in the order its answers arrive', () => {
  it('paints the frame and a skeleton card per project before any figures arrive, then fills each card on its own; cards come first', async () => {
    expect(projectIds).toEqual(
      expect.arrayContaining(['gryyd-web', 'avocano-shop']),
    );
    const held = new HeldRequests();
    await page.route(
      url =>
        OVERVIEW.test(url.pathname) ||
        url.pathname === BUDGETS ||
        url.pathname === SETUP,
      route => {
        const { pathname } = new URL(route.request().url());
        held.hold(
          pathname === BUDGETS
            ? 'budgets'
            : pathname === SETUP
            ? 'setup'
            : OVERVIEW.exec(pathname)![1]!,
          route,
        );
      },
    );

    // The app bar's "Sandbox" chip and the page read one project list: asked once per page load.
    const projectListRequests: string[] = [];
    page.on('request', request => {
      if (new URL(request.url()).pathname === PROJECTS)
        projectListRequests.push(request.method());
    });

    await page.goto(`${portal.url}/?window=1h`, {
      waitUntil: 'domcontentloaded',
    });

    // 1. Every project's figures are asked for and none has arrived: the frame is on screen, with a
    // card per project, each a skeleton.
    await held.waitFor([...projectIds, 'budgets', 'setup']);
    // The setup report goes first and is settled before any position is read: on a busy machine
    // its billing-export check can fail, and its banner then sits above the cards (where it
    // belongs); arriving between two measurements it would move every card by its height.
    const setupAnswer = page.waitForResponse(
      r => new URL(r.url()).pathname === SETUP,
    );
    held.release('setup');
    const setupResponse = await setupAnswer;
    // A report that could not be read shows no banner (SetupBanner); one with problems shows it.
    if (
      setupResponse.ok() &&
      !((await setupResponse.json()) as { ok: boolean }).ok
    )
      await page.getByTestId('setup-banner').waitFor();
    await page.getByRole('heading', { name: 'GCP Serverless' }).waitFor();
    await page.getByRole('heading', { name: 'Health at a glance' }).waitFor();
    for (const id of projectIds) await card(id).waitFor();
    expect(await cardStates()).toEqual(
      Object.fromEntries(projectIds.map(id => [id, 'loading'])),
    );
    expect(await card('avocano-shop').getAttribute('aria-busy')).toBe('true');
    expect(
      await card('avocano-shop').getByLabel('Loading Services').isVisible(),
    ).toBe(true);
    // Cards first: the first row is in the first view, above the cost panel and the problems.
    const firstCardTop = await top(card(projectIds[0]!));
    expect(firstCardTop).toBeLessThan(900);
    const costTop = await top(page.getByTestId('all-projects-cost'));
    const problemsTop = await top(page.getByTestId('overview-problems'));
    for (const id of projectIds) {
      expect(await top(card(id))).toBeLessThan(costTop);
      expect(await top(card(id))).toBeLessThan(problemsTop);
    }

    // 2. gryyd-web's answer arrives; avocano-shop's is still held: one card filled, the other a skeleton.
    held.release('gryyd-web');
    await page.waitForSelector(
      '[data-testid="project-card-gryyd-web"][data-state="ready"]',
    );
    expect(held.isHeld('avocano-shop')).toBe(true);
    expect(await card('avocano-shop').getAttribute('data-state')).toBe(
      'loading',
    );
    expect(
      await card('gryyd-web').getByTestId('health-row-services').textContent(),
    ).toMatch(/\d/);

    // 3. avocano-shop's answer arrives: its card fills in; then everyone else's.
    held.release('avocano-shop');
    await page.waitForSelector(
      '[data-testid="project-card-avocano-shop"][data-state="ready"]',
    );
    for (const id of projectIds) held.release(id);
    await page.waitForFunction(
      ids =>
        ids.every(
          id =>
            document
              .querySelector(`[data-testid="project-card-${id}"]`)
              ?.getAttribute('data-state') !== 'loading',
        ),
      projectIds,
    );
    expect(await top(card(projectIds[0]!))).toBe(firstCardTop);

    // 4. The all-projects cost arrives last and fills its panel below the cards: no card moves.
    const cardTops = await Promise.all(projectIds.map(id => top(card(id))));
    held.release('budgets');
    await page
      .getByTestId('all-projects-cost')
      .getByTestId('all-projects-mtd')
      .waitFor();
    expect(await Promise.all(projectIds.map(id => top(card(id))))).toEqual(
      cardTops,
    );
    const costTopAfter = await top(page.getByTestId('all-projects-cost'));
    for (const cardTop of cardTops) expect(cardTop).toBeLessThan(costTopAfter);

    // 5. One project list for the whole page, the app bar's chip included.
    await page.getByTestId('sandbox-chip').waitFor();
    expect(projectListRequests).toEqual(['GET']);
  }, 480_000);
});
