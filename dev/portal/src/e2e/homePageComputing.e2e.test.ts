import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Portal } from '../standalone/startPortal';
import { ensureWebBuild } from '../standalone/webBuild';
import { closePortalPage, openPortalPage } from './portalPage';

/**
 * The home page while the backend computes a project's first snapshot (issue 10, point 4), in Chromium
 * against the production build and the real read model: the viewer's wait is the shortest the config
 * allows (1 s) and every Cloud Monitoring call of the sandbox is slowed by a few seconds, so the
 * card's first `GET /projects/gryyd-web/overview` is answered 503 "still being computed" while the
 * computation runs on. The card must stay loading and say so — no error, no Retry button — and ask
 * again by itself (after the answer's `Retry-After`, 5 s when absent) until the snapshot is there.
 * Only the order of what the page shows is asserted, never a time.
 */
const PROJECT = 'gryyd-web';
const OVERVIEW = `/api/gcp-serverless/projects/${PROJECT}/overview`;
/** Longer than the viewer's 1 s wait by far, well inside the computation's own read deadline (60 s). */
const MONITORING_LATENCY_MS = 4_000;

let portal: Portal;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await ensureWebBuild({ log: () => {} });
  ({ portal, browser, page } = await openPortalPage({
    scenarios: [PROJECT],
    viewport: { width: 1440, height: 900 },
    timeoutMs: 180_000,
    portal: {
      prebuilt: true,
      // No background refresh: the page's own read starts the only computation.
      sandboxConfigOverrides: {
        readModel: { refreshIntervalSeconds: 0, viewerWaitSeconds: 1 },
      },
    },
  }));
  const fault = await fetch(`${portal.sandboxUrl}/_sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      api: 'monitoring',
      latencyMs: MONITORING_LATENCY_MS,
    }),
  });
  expect(fault.ok).toBe(true);
}, 900_000);

afterAll(() => closePortalPage({ portal, browser }));

describe('the home page while a project is still being computed', () => {
  it('keeps the card loading with a "computing" line, and fills it in by asking again, without a Retry', async () => {
    const answers: number[] = [];
    page.on('response', response => {
      if (new URL(response.url()).pathname === OVERVIEW)
        answers.push(response.status());
    });
    await page.goto(`${portal.url}/?window=1h`, {
      waitUntil: 'domcontentloaded',
    });
    const card = page.getByTestId(`project-card-${PROJECT}`);

    // 1. The first answer said "still being computed": the card is loading and says why.
    await card.getByTestId('snapshot-computing').waitFor();
    expect(answers[0]).toBe(503);
    expect(await card.getAttribute('data-state')).toBe('loading');
    expect(await card.getByTestId('snapshot-computing').textContent()).toMatch(
      /Computing the first snapshot of this project/,
    );
    expect(await card.getByRole('button', { name: /retry/i }).count()).toBe(0);

    // 2. Asked again by itself until the snapshot is in: the card fills in, the line goes away.
    await page.waitForSelector(
      `[data-testid="project-card-${PROJECT}"][data-state="ready"]`,
    );
    expect(await card.getByTestId('snapshot-computing').count()).toBe(0);
    expect(answers.length).toBeGreaterThanOrEqual(2);
    expect(answers.at(-1)).toBe(200);
    expect(await card.getByTestId('health-row-services').textContent()).toMatch(
      /\d/,
    );
  }, 600_000);
});
