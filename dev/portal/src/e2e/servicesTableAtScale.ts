import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SetupFailureSpec } from '@gcp-serverless/sandbox';
import { startPortal, type Portal } from '../standalone/startPortal';
import { ensureWebBuild } from '../standalone/webBuild';
import { launchChromium } from './browser';

/** The table is 70 % of a 900 px view of 37 px rows, plus the virtualizer's 10 rows either side: far fewer. */
const MAX_DOM_ROWS = 60;

/** What {@link describeServicesTableAtScale} runs against. */
export interface ServicesTableScale {
  /** Services of the sandbox's scale-fleet. */
  services: number;
  /** Setup failures the embedded sandbox plays from its start (e.g. a disabled Monitoring API). */
  setupFailures?: SetupFailureSpec;
  /** Why the fleet is set up so, for the test's name. */
  note?: string;
}

/**
 * The services table of a large fleet in Chromium (issue 10, point 4): the sandbox's scale-fleet of
 * `services` services, the production build `npm start` serves, the sandbox in its own thread as
 * `npm start` runs it. Only the rows in view are in the DOM however far it scrolls, yet the table is
 * the whole list: scrolled to the end it shows the last service, and sorting and filtering act on
 * every service, those never rendered included. What "last" means is computed here from the plugin's
 * own answer (names in English collation order), not from the table.
 */
export function describeServicesTableAtScale(scale: ServicesTableScale): void {
  const SERVICES = scale.services;
  let portal: Portal;
  let browser: Browser;
  let page: Page;
  let names: string[];

  const rows = () => page.locator('[data-testid^="service-row-"]');
  const rowAt = (index: number) =>
    page.locator(`[data-testid^="service-row-"][aria-rowindex="${index}"]`);
  const rowNameAt = async (index: number) =>
    (await rowAt(index).getAttribute('data-testid'))!.replace(
      /^service-row-/,
      '',
    );

  /** Scrolls the table's own scroll area to its end and waits for the last row to be rendered. */
  async function scrollToEnd(): Promise<void> {
    const last = rowAt(names.length + 1);
    const scroller = page.getByTestId('services-scroll');
    // Each scroll renders the rows it reaches, which may lengthen nothing (fixed row height); a few rounds
    // cover a layout that was still settling.
    for (let round = 0; round < 5 && !(await last.count()); round++) {
      await scroller.evaluate(el => {
        el.scrollTop = el.scrollHeight;
      });
      await last.waitFor({ timeout: 10_000 }).catch(() => undefined);
    }
    await last.waitFor();
  }

  beforeAll(async () => {
    // What `npm start` serves: the production build (built here when missing or stale).
    await ensureWebBuild({ log: () => {} });
    portal = await startPortal({
      port: 0,
      host: '127.0.0.1',
      prebuilt: true,
      // As `npm start` runs it: the sandbox's model computes in its own thread, the portal serves meanwhile.
      sandboxThread: true,
      scenarios: ['scale-fleet'],
      services: SERVICES,
      ...(scale.setupFailures ? { setupFailures: scale.setupFailures } : {}),
      // The first computation of a large fleet's list may outlast the default read deadline on a busy
      // machine, and the background refresher would recompute it every minute; this test is about the
      // table, not the read model: the longest deadlines the config allows (a viewer's read, the
      // computation's reads, the viewer's wait for the computation), one computation.
      sandboxConfigOverrides: {
        timeouts: {
          readMs: 120_000,
          refreshReadMs: 600_000,
          writeMs: 30_000,
          operationMs: 180_000,
        },
        readModel: { refreshIntervalSeconds: 3_600, viewerWaitSeconds: 600 },
      },
      log: () => {},
    });
    const listed = await fetch(
      `${portal.url}/api/gcp-serverless/projects/scale-fleet/services?window=1h`,
    );
    if (!listed.ok)
      throw new Error(
        `the services list answered ${listed.status}: ${await listed.text()}`,
      );
    const list = (await listed.json()) as {
      services: Array<{ name: string }>;
    };
    const collator = new Intl.Collator('en');
    names = list.services.map(s => s.name).sort(collator.compare);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // The portal shares two cores with a large fleet's sandbox: an answer may wait tens of seconds.
    // Nothing here is about time.
    page.setDefaultTimeout(300_000);
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  describe(`the services table with ${SERVICES.toLocaleString(
    'en',
  )} services in the browser${scale.note ? ` (${scale.note})` : ''}`, () => {
    it('scrolls to the last service with a bounded number of rows in the DOM; sorting and filtering reach every service', async () => {
      expect(names).toHaveLength(SERVICES);
      const [first, last] = [names[0]!, names[names.length - 1]!];

      await page.goto(`${portal.url}/projects/scale-fleet/services?window=1h`, {
        waitUntil: 'domcontentloaded',
      });
      const table = page.getByTestId('services-table');
      await table.waitFor();
      expect(await table.getAttribute('aria-rowcount')).toBe(
        String(SERVICES + 1),
      );
      expect(await rowNameAt(2)).toBe(first);
      expect(await rows().count()).toBeLessThanOrEqual(MAX_DOM_ROWS);
      expect(await page.getByTestId(`service-row-${last}`).count()).toBe(0);

      // Scrolled to the end: the last service by name, still only a window of rows.
      await scrollToEnd();
      expect(await rowNameAt(SERVICES + 1)).toBe(last);
      expect(await rows().count()).toBeLessThanOrEqual(MAX_DOM_ROWS);

      // Sorted by name, descending: the last service heads the table, the first ends it.
      await page.getByTestId('services-scroll').evaluate(el => {
        el.scrollTop = 0;
      });
      await page.getByRole('button', { name: 'Service' }).click();
      await page.waitForURL(/[?&]dir=desc/);
      await rowAt(2).waitFor();
      await page.waitForFunction(
        name =>
          document
            .querySelector('[data-testid^="service-row-"][aria-rowindex="2"]')
            ?.getAttribute('data-testid') === `service-row-${name}`,
        last,
      );
      await scrollToEnd();
      expect(await rowNameAt(SERVICES + 1)).toBe(first);
      expect(await rows().count()).toBeLessThanOrEqual(MAX_DOM_ROWS);

      // Filtered: a service that was never rendered at the top is found, with exactly its matches.
      const target = names[Math.floor(SERVICES / 2)]!;
      const matches = names.filter(n => n.includes(target));
      await page.getByTestId('services-filter').fill(target);
      await page.waitForFunction(
        count =>
          document.querySelectorAll('[data-testid^="service-row-"]').length ===
          count,
        matches.length,
      );
      expect(await page.getByTestId(`service-row-${target}`).isVisible()).toBe(
        true,
      );
      expect(new URL(page.url()).searchParams.get('q')).toBe(target);
    }, 900_000);
  });
}
