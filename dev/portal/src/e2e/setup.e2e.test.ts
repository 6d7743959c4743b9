import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startPortal, type Portal } from '../standalone/startPortal';
import { launchChromium } from './browser';

/**
 * The setup page and the panels that send users to it, in Chromium against the sandbox playing two
 * real setup failures with the official clients: a permission not held (Cloud Tasks queues) and an
 * API disabled (Memorystore) in avocano-shop (docs/sandbox.md#setup-failures).
 */
let browser: Browser;
let portal: Portal;

beforeAll(async () => {
  browser = await launchChromium();
  portal = await startPortal({
    port: 0,
    scenarios: ['avocano-shop'],
    log: () => {},
    setupFailures: {
      deniedPermissions: [
        { projectId: 'avocano-shop', permission: 'cloudtasks.queues.list' },
      ],
      disabledApis: [
        { projectId: 'avocano-shop', service: 'redis.googleapis.com' },
      ],
    },
  });
});
afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

describe('a portal whose Google Cloud setup is incomplete', () => {
  it('says why the queues panel is unavailable, links to the setup page, which names the role and the URL that fix it', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(60_000);
    // The first load compiles the app in Vite's dev server: slow on a busy machine, whatever we test.
    await page.goto(`${portal.url}/projects/avocano-shop/queues`, {
      timeout: 170_000,
      waitUntil: 'domcontentloaded',
    });

    const panel = page.getByTestId('queues-error');
    await panel.waitFor();
    expect(await panel.getAttribute('data-setup-reason')).toBe(
      'PERMISSION_DENIED',
    );
    expect(await panel.textContent()).toContain(
      'lacks cloudtasks.queues.list: grant roles/cloudtasks.viewer',
    );
    await page.getByTestId('setup-banner').waitFor();

    await panel.getByTestId('setup-link').click();
    await page.getByTestId('setup-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/setup');

    const queues = page.locator(
      '[data-testid="setup-feature"][data-feature="queues"]',
    );
    await queues.waitFor();
    expect(await queues.getAttribute('data-available')).toBe('false');
    expect(await queues.textContent()).toContain('roles/cloudtasks.viewer');

    const redisApi = page.locator(
      '[data-testid="setup-api"][data-state="disabled"]',
    );
    expect(await redisApi.textContent()).toContain('redis.googleapis.com');
    expect(await redisApi.getByRole('link').getAttribute('href')).toBe(
      'https://console.developers.google.com/apis/api/redis.googleapis.com/overview?project=avocano-shop',
    );
    const summary = await page.getByTestId('setup-summary').textContent();
    expect(summary).toContain('roles/cloudtasks.viewer');
    expect(summary).toContain('redis.googleapis.com');
    // The banner that sends users here is not repeated on the page itself.
    expect(await page.getByTestId('setup-banner').count()).toBe(0);
    await page.close();
  });

  it('says the Redis page is unavailable because the API is disabled, with the URL that enables it', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`${portal.url}/projects/avocano-shop/redis`);
    const panel = page.getByTestId('redis-error');
    await panel.waitFor();
    expect(await panel.getAttribute('data-setup-reason')).toBe(
      'SERVICE_DISABLED',
    );
    expect(await panel.textContent()).toContain(
      'redis.googleapis.com/overview?project=avocano-shop',
    );
    // The services page of the same project still works: one missing piece never blanks the rest.
    await page.goto(`${portal.url}/projects/avocano-shop/services`);
    await page.getByText('avocano-api').first().waitFor();
    await page.close();
  });
});
