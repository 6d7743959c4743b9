/**
 * Issue 14 in the browser, on the portal `npm start` serves: the right-sizing list (sorted by saving,
 * a row opening the scaling preview pre-filled with its suggestion) and the what-if of raising
 * gryd-worker's max (the 429s it removes and what it costs). The what-if is switched on explicitly:
 * it is off by default against the sandbox (docs/configuration.md, `capacity.whatIf`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Portal } from '../standalone/startPortal';
import { closePortalPage, openPortalPage } from './portalPage';

let portal: Portal;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ portal, browser, page } = await openPortalPage({
    scenarios: ['gryyd-web', 'avocano-shop', 'chat-realtime'],
    portal: {
      sandboxConfigOverrides: {
        capacity: { whatIf: true },
        // A week per minute (the what-if) and a week per hour of each project (the list) on a loaded machine.
        timeouts: { readMs: 120_000, writeMs: 10_000, operationMs: 20_000 },
      },
    },
    timeoutMs: 240_000,
  }));
});

afterAll(() => closePortalPage({ portal, browser }));

/** "saves $1.23/month" → 1.23, "costs $4.00/month" → −4, "no change in cost" → 0. */
function savingOf(text: string): number {
  const amount = Number(/\$([\d,.]+)/.exec(text)?.[1]?.replace(/,/g, '') ?? 0);
  return text.startsWith('costs') ? -amount : amount;
}

async function savings(): Promise<number[]> {
  const cells = await page
    .getByTestId('recommendation-saving')
    .allTextContents();
  return cells.map(savingOf);
}

describe('right-sizing in the browser', () => {
  it("the what-if of raising gryd-worker's max shows the 429s it removes and what it costs", async () => {
    await page.goto(
      `${portal.url}/projects/gryyd-web/locations/asia-northeast3/services/gryd-worker`,
    );
    const max = page.getByLabel('Max instances');
    await max.waitFor();
    expect(await max.inputValue()).toBe('10');
    await max.fill('20');
    await page.getByRole('button', { name: 'Preview' }).click();
    const dialog = page.getByTestId('scaling-preview-dialog');
    await dialog.waitFor();
    const headline = dialog.locator('[data-testid$="-what-if-headline"]');
    await headline.waitFor();
    // The cost of the raise, per month, in the headline.
    expect(await headline.textContent()).toMatch(/\+\$[\d,.]+\/month/);
    const figures = await dialog
      .locator('[data-testid$="-what-if"] dd')
      .allTextContents();
    // "measured N; replayed A → B (…)": the raise removes 429s.
    const refused = /replayed ([\d,]+) → ([\d,]+)/.exec(figures[0] ?? '');
    expect(refused).not.toBeNull();
    const before = Number(refused![1]!.replace(/,/g, ''));
    const after = Number(refused![2]!.replace(/,/g, ''));
    expect(before).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
    // "Cost per month: $A → $B (+$C)".
    expect(figures.at(-1)).toMatch(/\$[\d,.]+ → \$[\d,.]+ \(\+\$[\d,.]+\)/);
  }, 480_000);

  it('lists the recommendations by saving, sorts them, and a row opens the scaling preview pre-filled', async () => {
    await page.goto(`${portal.url}/`);
    await page
      .getByRole('link', { name: 'Right-sizing recommendations' })
      .click();
    await page.getByTestId('recommendations-table').waitFor();
    expect(
      await page.getByTestId('recommendations-total').textContent(),
    ).toMatch(/\$[\d,.]+\/month savings available/);

    const bySaving = await savings();
    expect(bySaving.length).toBeGreaterThan(2);
    expect(bySaving).toEqual([...bySaving].sort((a, b) => b - a));
    await page.getByRole('button', { name: 'Monthly saving' }).click();
    const ascending = await savings();
    expect(ascending).toEqual([...bySaving].sort((a, b) => a - b));

    const row = page.locator(
      '[data-testid="recommendation-row"][data-service="chat-history"]',
    );
    expect(await row.textContent()).toContain('Redis-unsafe max');
    expect(await row.textContent()).toContain('82,000 of 65,000');
    await row.getByRole('link', { name: /^Preview chat-history/ }).click();
    await page.waitForURL(
      /\/projects\/chat-realtime\/locations\/asia-northeast3\/services\/chat-history\?minInstances=0&maxInstances=\d+&concurrency=80&preview=1/,
    );
    const suggestedMax = new URL(page.url()).searchParams.get('maxInstances')!;
    await page.getByTestId('suggested-scaling').waitFor();
    const dialog = page.getByTestId('scaling-preview-dialog');
    await dialog.waitFor();
    const diff = dialog.getByTestId('edit-diff');
    await diff.waitFor();
    expect(await diff.textContent()).toMatch(
      new RegExp(`1,?000[\\s\\S]*${suggestedMax}`),
    );
    expect(await page.getByLabel('Max instances').inputValue()).toBe(
      suggestedMax,
    );
    expect(await page.getByLabel('Min instances').inputValue()).toBe('0');
  }, 480_000);
});
