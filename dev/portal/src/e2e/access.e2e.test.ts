import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startPortal, type Portal } from '../standalone/startPortal';
import { launchChromium } from './browser';

const SERVICE_PATH =
  '/projects/gryyd-web/locations/asia-northeast3/services/gryd-be';
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

async function open(portal: Portal): Promise<Page> {
  const page = await browser.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(`${portal.url}${SERVICE_PATH}`);
  await page.getByTestId('current-max-instances').waitFor();
  return page;
}

describe('an editor', () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal({
      port: 0,
      scenarios: ['gryyd-web'],
      log: () => {},
      sandboxConfigOverrides: {
        access: {
          identity: { type: 'local', user: 'lead@example.com' },
          roles: { editor: ['lead@example.com'] },
        },
      },
    });
  });
  afterAll(async () => portal?.close());

  it('changes scaling and sees the change in the service history and the project History tab', async () => {
    const page = await open(portal);
    await page.getByLabel('Max instances').fill('46');
    await page.getByRole('button', { name: 'Preview' }).click();
    const dialog = page.getByTestId('scaling-preview-dialog');
    await page.getByTestId('scaling-validation').waitFor();
    for (const box of await dialog.getByRole('checkbox').all())
      await box.check();
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await page.getByTestId('scaling-applied').waitFor();

    const row = page.getByTestId('history-row').first();
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('lead@example.com');
    // The history shows each entry as a field-level diff (ChangeDiffList): "Max instances: 40 → 46".
    expect(text).toContain('Max instances: 40 → 46');
    expect(text).toContain('succeeded');

    await page.goto(`${portal.url}/projects/gryyd-web/history`);
    const projectRow = page.getByTestId('history-row').first();
    await projectRow.waitFor();
    expect(await projectRow.textContent()).toContain('services/gryd-be');
    await page.close();
  });
});

describe('a viewer', () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal({
      port: 0,
      scenarios: ['gryyd-web'],
      log: () => {},
      sandboxConfigOverrides: {
        access: {
          identity: { type: 'local', user: 'ana@example.com' },
          roles: { viewer: ['ana@example.com'] },
        },
      },
    });
  });
  afterAll(async () => portal?.close());

  it('sees the scaling form disabled with the reason', async () => {
    const page = await open(portal);
    const notice = page.getByTestId('change-permission-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('needs the editor role');
    expect(await page.getByLabel('Max instances').isDisabled()).toBe(true);
    expect(
      await page.getByRole('button', { name: 'Preview' }).isDisabled(),
    ).toBe(true);
    await page.close();
  });
});
