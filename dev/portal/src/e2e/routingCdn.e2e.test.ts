import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Portal } from '../standalone/startPortal';
import { closePortalPage, openPortalPage } from './portalPage';

let portal: Portal;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ portal, browser, page } = await openPortalPage({
    scenarios: ['gryyd-web'],
  }));
});

afterAll(() => closePortalPage({ browser, portal }));

describe('routing page in the browser', () => {
  it('adds /api/v2/* → gryd-be-service to gryyd-web, then the tester routes /api/v2/users to it', async () => {
    await page.goto(`${portal.url}/projects/gryyd-web/routing`);
    await page.getByTestId('routing-tree').waitFor();
    expect(await page.getByTestId('routing-tree').textContent()).toContain(
      '/api/generation/*',
    );

    await page.getByTestId('urlmap-edit').click();
    await page.getByTestId('add-path-rule-path-matcher-2').click();
    await page.getByTestId('path-rule-paths-1-3').fill('/api/v2/*');
    await page
      .getByTestId('path-rule-target-1-3')
      .selectOption({ label: 'gryd-be-service' });
    await page.getByTestId('urlmap-preview').click();

    const dialog = page.getByTestId('urlmap-preview-dialog');
    await dialog.waitFor();
    await page.getByTestId('urlmap-validation').waitFor();
    expect(await page.getByTestId('urlmap-validation').textContent()).toContain(
      'passed',
    );
    expect(await page.getByTestId('edit-diff').textContent()).toContain(
      '/api/v2/*',
    );
    await page.getByTestId('urlmap-apply').click();
    await page.getByTestId('urlmap-applied').waitFor();

    await page.reload();
    await page
      .getByTestId('route-tester-url')
      .fill('https://www.gryyd.ai/api/v2/users');
    await page.getByTestId('route-tester-submit').click();
    const result = page.getByTestId('route-tester-result');
    await result.waitFor();
    const text = (await result.textContent()) ?? '';
    expect(text).toContain(
      'backend service gryd-be-service → Cloud Run gryd-be',
    );
    expect(text).toContain('/api/v2/*');

    // The rule reached the sandbox's URL map through the real compute client.
    const res = await fetch(
      `${
        portal.sandbox!.url
      }/compute/v1/projects/gryyd-web/global/urlMaps/gryyd-web-url-map?key=sandbox`,
    );
    const map = (await res.json()) as {
      pathMatchers: { name: string; pathRules: { paths: string[] }[] }[];
    };
    expect(
      map.pathMatchers
        .find(m => m.name === 'path-matcher-2')!
        .pathRules.flatMap(r => r.paths),
    ).toContain('/api/v2/*');
  });
});

describe('CDN page in the browser', () => {
  it("changes the storage backend's cache mode and sees it after reload", async () => {
    await page.goto(
      `${portal.url}/projects/gryyd-web/cdn?backend=backendServices/gryd-storage-service`,
    );
    const mode = page.getByTestId('cdn-mode-gryd-storage-service');
    await mode.waitFor();
    expect(await mode.textContent()).toBe('CACHE_ALL_STATIC');

    await page.getByTestId('cdn-cache-mode').selectOption('FORCE_CACHE_ALL');
    await page.getByTestId('cdn-preview').click();
    await page.getByTestId('cdn-preview-dialog').waitFor();
    await page.getByTestId('edit-diff').waitFor();
    await page.getByTestId('cdn-apply').click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="cdn-mode-gryd-storage-service"]')
          ?.textContent === 'FORCE_CACHE_ALL',
    );

    await page.reload();
    await page.getByTestId('cdn-mode-gryd-storage-service').waitFor();
    expect(
      await page.getByTestId('cdn-mode-gryd-storage-service').textContent(),
    ).toBe('FORCE_CACHE_ALL');
    expect(await page.getByTestId('cdn-cache-mode').inputValue()).toBe(
      'FORCE_CACHE_ALL',
    );
  });
});
