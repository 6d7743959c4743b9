import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Portal } from '../standalone/startPortal';
import { closePortalPage, openPortalPage } from './portalPage';

let portal: Portal;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ portal, browser, page } = await openPortalPage({
    scenarios: ['gryyd-web', 'chat-realtime'],
  }));
});

afterAll(() => closePortalPage({ browser, portal }));

describe('the index page in the browser', () => {
  it('shows the chat-realtime Redis guardrail problem; its link opens chat-history’s scaling form with a max that fits', async () => {
    await page.goto(`${portal.url}/?window=1h`);
    const problem = page.locator(
      '[data-testid="problem"][data-code="REDIS_GUARDRAIL_EXCEEDED"]',
    );
    await problem.waitFor();
    expect(await problem.textContent()).toContain('chat-redis');
    expect(await problem.textContent()).toContain('82,000');
    await page.getByTestId('project-card-chat-realtime').waitFor();
    await page.getByTestId('project-card-gryyd-web').waitFor();

    await problem
      .getByRole('link', { name: 'Lower chat-history max instances to 787' })
      .click();
    await page.getByTestId('suggested-scaling').waitFor();
    expect(new URL(page.url()).pathname).toBe(
      '/projects/chat-realtime/locations/asia-northeast3/services/chat-history',
    );
    expect(new URL(page.url()).searchParams.get('maxInstances')).toBe('787');
    await page.waitForFunction(
      () =>
        (
          document.querySelector(
            '[data-testid="scaling-maxInstances"]',
          ) as HTMLInputElement | null
        )?.value === '787',
    );

    // The suggestion fits: 787 × 80 + chatservice's 2,000 = 64,960 ≤ 65,000, so the preview raises no Redis warning.
    await page.getByRole('button', { name: 'Preview' }).click();
    const dialog = page.getByTestId('scaling-preview-dialog');
    await dialog.getByText('Max instances').first().waitFor();
    await dialog.getByTestId('impact-chat-redis').waitFor();
    expect(
      await dialog.getByTestId('impact-chat-redis').textContent(),
    ).toContain('64,960');
    expect(
      await dialog.getByTestId('warning-REDIS_CONNECTIONS_OVER_LIMIT').count(),
    ).toBe(0);
  });
});
