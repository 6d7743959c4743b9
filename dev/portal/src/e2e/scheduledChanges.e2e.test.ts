/**
 * Scheduled changes in the browser (issue 14 point 3, docs/scheduled-changes.md): a lead schedules
 * the avocano shop's flash sale — min instances 10 on avocano-api from Friday 17:00 to 23:00
 * Asia/Seoul — through the Schedule tab's form and the edit's preview, sees it on the calendar, and
 * after the sandbox clock is moved to the window and past it sees the runs there and in the
 * history ("scheduled by …, run by the scheduler"). The runner is the portal's own (a pass a second);
 * the test moves the sandbox clock and waits for the page to show what happened.
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startPortal, type Portal } from '../standalone/startPortal';
import { launchChromium } from './browser';

const LEAD = 'lead@example.com';
const ZONE = 'Asia/Seoul';
let portal: Portal;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  portal = await startPortal({
    port: 0,
    scenarios: ['avocano-shop'],
    log: () => {},
    sandboxConfigOverrides: {
      access: {
        identity: { type: 'local', user: LEAD },
        roles: { editor: [LEAD] },
      },
      scheduledChanges: { checkIntervalSeconds: 1 },
    },
  });
  browser = await launchChromium();
  page = await browser.newPage();
  page.setDefaultTimeout(90_000);
});
afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

async function setSandboxClock(ms: number) {
  const res = await fetch(`${portal.sandbox!.url}/_sandbox/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ now: new Date(ms).toISOString() }),
  });
  expect(res.status).toBe(200);
}

async function sandboxMinInstances(): Promise<number> {
  const res = await fetch(
    `${
      portal.sandbox!.url
    }/v2/projects/avocano-shop/locations/us-central1/services/avocano-api?key=sandbox`,
  );
  const service = (await res.json()) as {
    template: { scaling: { minInstanceCount?: number } };
  };
  return service.template.scaling.minInstanceCount ?? 0;
}

/** The window's card on the calendar once it shows `status`. */
async function windowWithStatus(status: string) {
  const card = page.locator(
    `[data-testid="scheduled-window"][data-status="${status}"]`,
  );
  await card.first().waitFor();
  return card.first();
}

describe('the flash sale, scheduled in the browser', () => {
  // Its own deadline: the first visit may wait long for Vite on a busy machine (see below).
  it(
    'is scheduled through the preview, shown on the calendar, runs and reverts on the sandbox clock, and is in the history',
    {
      timeout: 900_000,
    },
    async () => {
      // Next Friday at least a day ahead of the sandbox's now, in Seoul.
      const now = DateTime.fromMillis(portal.sandbox!.clock.now(), {
        zone: ZONE,
      });
      let friday = now.plus({ days: 1 }).startOf('day');
      while (friday.weekday !== 5) friday = friday.plus({ days: 1 });
      const day = friday.toFormat('yyyy-MM-dd');
      const startMs = friday.set({ hour: 17 }).toMillis();
      const endMs = friday.set({ hour: 23 }).toMillis();

      // The first visit waits for Vite to transform the app: long on a busy machine.
      await page.goto(`${portal.url}/projects/avocano-shop/schedule`, {
        waitUntil: 'domcontentloaded',
        timeout: 600_000,
      });
      await page.getByTestId('schedule-form').waitFor();
      await page.getByTestId('schedule-calendar-zone').fill(ZONE);
      await page.getByRole('combobox', { name: 'Service' }).click();
      await page
        .getByRole('option', { name: 'avocano-api', exact: true })
        .click();
      await page.getByTestId('schedule-minInstances').fill('10');
      await page.getByTestId('schedule-window-timeZone').fill(ZONE);
      await page.getByTestId('schedule-window-start').fill(`${day}T17:00`);
      await page.getByTestId('schedule-window-end').fill(`${day}T23:00`);
      await page
        .getByTestId('schedule-form')
        .getByRole('button', { name: 'Preview' })
        .click();

      const dialog = page.getByTestId('schedule-preview-dialog');
      await dialog.waitFor();
      expect(await dialog.getByRole('heading').first().textContent()).toContain(
        `Schedule scaling of avocano-api: ${day} 17:00 to 23:00 ${ZONE}, then back`,
      );
      await page.getByTestId('schedule-validation').waitFor();
      expect(await page.getByTestId('edit-diff').textContent()).toMatch(
        /Min instances[\s\S]*1[\s\S]*10/,
      );
      for (const box of await dialog.getByRole('checkbox').all())
        await box.check();
      await dialog.getByRole('button', { name: 'Schedule' }).click();
      await page.getByTestId('schedule-applied').waitFor();
      expect(await sandboxMinInstances()).toBe(1);

      // An hour before the sale the calendar's week is the sale's: the window waits there.
      await setSandboxClock(startMs - 3_600_000);
      const dayColumn = page.getByTestId(`schedule-day-${day}`);
      await dayColumn
        .locator('[data-testid="scheduled-window"][data-status="scheduled"]')
        .waitFor();
      const scheduled = await dayColumn.textContent();
      expect(scheduled).toContain('17:00–23:00 avocano-api');
      expect(scheduled).toContain('Min instances 1 → 10, then back');
      expect(scheduled).toContain(`Scheduled by ${LEAD}`);

      // 17:00 Seoul: the portal's runner starts it on its next pass.
      await setSandboxClock(startMs + 60_000);
      const active = await windowWithStatus('active');
      expect(await active.getByTestId('scheduled-start').textContent()).toBe(
        'Start: applied',
      );
      expect(await sandboxMinInstances()).toBe(10);

      // 23:00: back to min 1.
      await setSandboxClock(endMs + 60_000);
      const completed = await windowWithStatus('completed');
      expect(
        await completed.getByTestId('scheduled-revert').textContent(),
      ).toBe('Revert: applied');
      expect(await sandboxMinInstances()).toBe(1);

      await page.goto(`${portal.url}/projects/avocano-shop/history`);
      await page.getByTestId('history-row').nth(2).waitFor();
      const rows = await page.getByTestId('history-row').allTextContents();
      expect(rows[0]).toContain(`scheduled by ${LEAD}, run by the scheduler`);
      expect(rows[0]).toContain('Min instances: 10 → 1');
      expect(rows[1]).toContain(`scheduled by ${LEAD}, run by the scheduler`);
      expect(rows[1]).toContain('Min instances: 1 → 10');
      expect(rows[2]).toContain('scaling.schedule');
      expect(rows[2]).toContain(`scheduled for ${day} 17:00 to 23:00 ${ZONE}`);
    },
  );
});
