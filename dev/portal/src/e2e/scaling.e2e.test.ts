import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Portal } from '../standalone/startPortal';
import { closePortalPage, openPortalPage } from './portalPage';

let portal: Portal;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // The very portal `npm start` serves (Vite middleware + router + embedded sandbox), on an ephemeral port.
  ({ portal, browser, page } = await openPortalPage({
    scenarios: ['gryyd-web', 'avocano-shop'],
  }));
});

afterAll(() => closePortalPage({ browser, portal }));

describe('scaling a Cloud Run service in the browser', () => {
  it('edits max instances of gryd-be: preview, apply, reload, new value shown', async () => {
    await page.goto(`${portal.url}/projects/gryyd-web/services`);
    const row = page.getByTestId('service-row-gryd-be');
    await row.waitFor();
    await page.getByRole('link', { name: 'gryd-be', exact: true }).click();
    await page.waitForURL(
      /\/projects\/gryyd-web\/locations\/asia-northeast3\/services\/gryd-be/,
    );

    const header = page.getByTestId('current-max-instances');
    await header.waitFor();
    expect(await header.textContent()).toContain('40');

    const max = page.getByLabel('Max instances');
    await max.fill('47');
    await page.getByRole('button', { name: 'Preview' }).click();

    const dialog = page.getByTestId('scaling-preview-dialog');
    await dialog.waitFor();
    const diff = page.getByTestId('edit-diff');
    await diff.waitFor();
    expect(await diff.textContent()).toMatch(/40[\s\S]*47/);
    await page.getByTestId('scaling-validation').waitFor();
    for (const box of await dialog.getByRole('checkbox').all())
      await box.check();

    await dialog.getByRole('button', { name: 'Apply' }).click();
    await page.getByTestId('scaling-applied').waitFor();

    await page.reload();
    await page.getByTestId('current-max-instances').waitFor();
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid="current-max-instances"]')
        ?.textContent?.includes('47'),
    );
    expect(
      await page.getByTestId('current-max-instances').textContent(),
    ).toContain('47');
    expect(await page.getByLabel('Max instances').inputValue()).toBe('47');

    // The change reached the sandbox through the real Cloud Run client, not just the page.
    const res = await fetch(
      `${
        portal.sandbox!.url
      }/v2/projects/gryyd-web/locations/asia-northeast3/services/gryd-be?key=sandbox`,
    );
    const service = (await res.json()) as {
      template: { scaling: { maxInstanceCount: number } };
    };
    expect(service.template.scaling.maxInstanceCount).toBe(47);
  });
});
