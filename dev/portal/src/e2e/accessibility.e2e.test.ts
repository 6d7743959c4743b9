import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Portal } from '../standalone/startPortal';
import { axeViolations } from './axe';
import { closePortalPage, openPortalPage } from './portalPage';

let portal: Portal;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ portal, browser, page } = await openPortalPage({
    scenarios: ['gryyd-web', 'chat-realtime'],
    viewport: { width: 1440, height: 900 },
    timeoutMs: 90_000,
  }));
  // One change, so the history page has a row to check.
  const base = `${portal.url}/api/gcp-serverless/projects/gryyd-web/locations/asia-northeast3/services/gryd-be/scaling`;
  const post = async (path: string, body: unknown) =>
    (await fetch(`${base}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(r => r.json())) as { etag: string; warnings: { code: string }[] };
  const change = { minInstances: 1, maxInstances: 45, concurrency: 80 };
  const preview = await post('preview', { change });
  await post('apply', {
    change,
    etag: preview.etag,
    acknowledgedWarnings: preview.warnings.map(w => w.code),
  });
});

afterAll(() => closePortalPage({ browser, portal }));

/** Each main page and what shows that its content (not only its skeleton) is on screen. */
const PAGES: [name: string, path: string, ready: string][] = [
  ['overview', '/?window=1h', '[data-testid="project-card-gryyd-web"]'],
  ['services', '/projects/gryyd-web/services', 'text=gryd-worker'],
  [
    'service',
    '/projects/gryyd-web/locations/asia-northeast3/services/gryd-be',
    '[data-testid="scaling-maxInstances"]',
  ],
  ['routing', '/projects/gryyd-web/routing', '[data-testid="routing-tree"]'],
  ['cdn', '/projects/gryyd-web/cdn', '[data-testid="cdn-routes"]'],
  ['queues', '/projects/gryyd-web/queues', '[data-testid="queue-generation"]'],
  [
    'redis',
    '/projects/chat-realtime/redis',
    '[data-testid="redis-chat-redis"]',
  ],
  ['costs', '/projects/gryyd-web/costs', '[data-testid="mtd-net"]'],
  ['budgets', '/projects/gryyd-web/budgets', '[data-testid^="budget-row-"]'],
  [
    'topology',
    '/projects/gryyd-web/topology',
    '[data-testid="topology-edges"]',
  ],
  ['history', '/projects/gryyd-web/history', '[data-testid="history-row"]'],
  [
    'approvals',
    '/projects/gryyd-web/approvals',
    '[data-testid="change-requests-empty"], [data-testid="change-request-row"]',
  ],
  [
    'schedule',
    '/projects/gryyd-web/schedule',
    '[data-testid="schedule-calendar-zone"]',
  ],
  [
    'recommendations',
    '/recommendations',
    '[data-testid="recommendations-total"]',
  ],
  ['setup', '/setup', '[data-testid="setup-project"]'],
];

describe('accessibility (axe-core in Chromium)', () => {
  it.each(PAGES)(
    'the %s page has no serious or critical violation',
    async (_name, path, ready) => {
      await page.goto(`${portal.url}${path}`);
      // The first load compiles the frontend (Vite), slow on a busy machine.
      await page.locator(ready).first().waitFor({ timeout: 180_000 });
      expect(await axeViolations(page)).toEqual([]);
    },
  );
});
