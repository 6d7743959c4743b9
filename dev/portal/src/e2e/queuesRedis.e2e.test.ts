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

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${portal.url}/api/gcp-serverless${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const depthNow = async () =>
  Number(
    (
      (await page
        .getByTestId('queue-generation')
        .getByTestId('queue-depth')
        .textContent()) ?? ''
    ).replace(/[^0-9]/g, ''),
  );

describe('queues in the browser', () => {
  it('pauses the generation queue; after the sandbox clock moves on, its depth has risen', async () => {
    await page.goto(`${portal.url}/projects/gryyd-web/queues?window=1h`);
    const card = page.getByTestId('queue-generation');
    await card.waitFor();
    await page.waitForFunction(() =>
      /\d/.test(
        document.querySelector(
          '[data-testid="queue-generation"] [data-testid="queue-depth"]',
        )?.textContent ?? '',
      ),
    );
    const before = await depthNow();

    await card.getByRole('button', { name: 'Pause' }).click();
    await page.waitForFunction(
      () =>
        document.querySelector(
          '[data-testid="queue-generation"] [data-testid="queue-state"]',
        )?.textContent === 'PAUSED',
    );

    // 30 minutes of sandbox time with nothing dispatched: gryd-be keeps enqueueing generation jobs.
    const moved = await fetch(`${portal.sandbox!.url}/_sandbox/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 1800 }),
    });
    expect(moved.status).toBe(200);
    await page.reload();
    await card.waitFor();
    await page.waitForFunction(() =>
      /\d/.test(
        document.querySelector(
          '[data-testid="queue-generation"] [data-testid="queue-depth"]',
        )?.textContent ?? '',
      ),
    );
    expect(await card.getByTestId('queue-state').textContent()).toBe('PAUSED');
    const after = await depthNow();
    expect(after).toBeGreaterThan(before + 20);
  });
});

describe('the Redis guardrail in a scaling preview', () => {
  it('raising chat-history back to 1000 instances trips REDIS_CONNECTIONS_OVER_LIMIT and Apply waits for the acknowledgement', async () => {
    // Start from a configuration within the limit: chat-history at max 500 (500 × 80 + chatservice's 2,000 < 65,000).
    const ref =
      '/projects/chat-realtime/locations/asia-northeast3/services/chat-history/scaling';
    const change = { minInstances: 1, maxInstances: 500, concurrency: 80 };
    const preview = await api('POST', `${ref}/preview`, { change });
    expect(preview.status).toBe(200);
    expect(
      (await api('POST', `${ref}/apply`, { change, etag: preview.body.etag }))
        .status,
    ).toBe(200);

    await page.goto(
      `${portal.url}/projects/chat-realtime/locations/asia-northeast3/services/chat-history`,
    );
    const max = page.getByLabel('Max instances');
    await max.waitFor();
    await page.waitForFunction(
      () =>
        (
          document.querySelector(
            '[data-testid="scaling-maxInstances"]',
          ) as HTMLInputElement | null
        )?.value === '500',
    );
    await max.fill('1000');
    await page.getByRole('button', { name: 'Preview' }).click();

    const dialog = page.getByTestId('scaling-preview-dialog');
    const warning = dialog.getByTestId('warning-REDIS_CONNECTIONS_OVER_LIMIT');
    await warning.waitFor();
    expect(await warning.textContent()).toContain(
      'chat-history max 1,000 × 80 connections = 80,000',
    );
    const impact = dialog.getByTestId('impact-chat-redis');
    expect(await impact.textContent()).toContain('of 65,000');
    const apply = dialog.getByRole('button', { name: 'Apply' });
    await page.getByTestId('scaling-validation').waitFor();
    expect(await apply.isDisabled()).toBe(true);
    await dialog.getByTestId('ack-REDIS_CONNECTIONS_OVER_LIMIT').check();
    expect(await apply.isDisabled()).toBe(false);
  });
});
