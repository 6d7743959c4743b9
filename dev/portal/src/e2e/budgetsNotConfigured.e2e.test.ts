import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startPortal, type Portal } from '../standalone/startPortal';
import { axeViolations } from './axe';
import { launchChromium } from './browser';

/**
 * A portal with no billing account configured (issue 13): the budgets page is a state of the page, not
 * an error, so the browser's console stays clean — no error logged, no uncaught exception, no request
 * that fails or answers 4xx/5xx (the budgets read answers 200 `notConfigured`: docs/costs-and-budgets.md).
 */
let portal: Portal;
let browser: Browser;
let page: Page;
/** Everything the browser reported as going wrong, in words. */
const trouble: string[] = [];

beforeAll(async () => {
  portal = await startPortal({
    port: 0,
    host: '127.0.0.1',
    scenarios: ['gryyd-web'],
    // The sandbox config names the sandbox's billing account; without it budgets are not configured.
    sandboxConfigOverrides: { billing: undefined },
    log: () => {},
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(120_000);
  page.on('console', m => {
    if (m.type() === 'error' || m.type() === 'warning')
      trouble.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', e => trouble.push(`uncaught: ${e.message}`));
  page.on('requestfailed', r =>
    trouble.push(`failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`),
  );
  page.on('response', r => {
    if (r.status() >= 400)
      trouble.push(`${r.status()}: ${r.request().method()} ${r.url()}`);
  });
});

afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

describe('budgets with no billing account configured', () => {
  it('says what to configure, with a clean console and no failed request', async () => {
    expect(portal.config.billing?.accountId).toBeUndefined();
    // The first visit makes Vite transform the app on a busy machine: the content is waited for, not the load event.
    await page.goto(`${portal.url}/projects/gryyd-web/budgets`, {
      waitUntil: 'domcontentloaded',
      timeout: 300_000,
    });
    const notice = page.getByTestId('budgets-not-configured');
    await notice.waitFor({ timeout: 240_000 });
    expect(await notice.textContent()).toContain(
      'gcpServerless.billing.accountId',
    );
    expect(await page.getByText('Could not load the budgets').count()).toBe(0);
    // Let the page settle (every query answered) before reading what it reported.
    await page.waitForLoadState('networkidle');
    expect({ axe: await axeViolations(page), trouble }).toEqual({
      axe: [],
      trouble: [],
    });
  });
});

describe('the rest of the finance path with no billing account', () => {
  it.each([
    ['costs', '/projects/gryyd-web/costs', '[data-testid="mtd-net"]'],
    [
      'overview',
      '/?window=1h',
      '[data-testid="project-card-gryyd-web"][data-state="ready"]',
    ],
  ])('the %s page keeps the console clean', async (_name, path, ready) => {
    trouble.length = 0;
    await page.goto(`${portal.url}${path}`, { waitUntil: 'domcontentloaded' });
    await page.locator(ready).first().waitFor();
    await page.waitForLoadState('networkidle');
    expect({ axe: await axeViolations(page), trouble }).toEqual({
      axe: [],
      trouble: [],
    });
  });
});
