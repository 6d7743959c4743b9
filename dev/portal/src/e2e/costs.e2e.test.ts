import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Portal } from '../standalone/startPortal';
import { closePortalPage, openPortalPage } from './portalPage';

let portal: Portal;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // The portal of `npm start`: embedded sandbox with its billing account, budgets and BigQuery billing export.
  ({ portal, browser, page } = await openPortalPage({
    scenarios: ['gryyd-web'],
  }));
});

afterAll(() => closePortalPage({ browser, portal }));

describe('costs in the browser', () => {
  it('the costs page of gryyd-web draws month to date against the budget', async () => {
    await page.goto(`${portal.url}/projects/gryyd-web/costs`);
    const panel = page.getByTestId('month-to-date-panel');
    // The first page load compiles the frontend (Vite), which is slow on a busy machine.
    await page.getByTestId('mtd-net').waitFor({ timeout: 150_000 });
    // Same figures as the API, which reads the sandbox's Budget API and BigQuery export.
    const api = (await (
      await fetch(
        `${portal.url}/api/gcp-serverless/projects/gryyd-web/costs?range=30d`,
      )
    ).json()) as {
      source: { kind: string };
      budgets: { amount: number }[];
      skuDays: { date: string; cost: number; credits: number }[];
      monthStart: string;
    };
    expect(api.source.kind).toBe('billing-export');
    const budget = api.budgets[0]!.amount;
    expect(await page.getByTestId('mtd-budget').textContent()).toBe(
      `$${budget.toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
    );
    const mtd = api.skuDays
      .filter(r => r.date >= api.monthStart)
      .reduce((s, r) => s + r.cost + r.credits, 0);
    const shown = Number(
      (await page.getByTestId('mtd-net').textContent())!.replace(/[$,]/g, ''),
    );
    expect(shown).toBeCloseTo(mtd, 1);
    expect(shown).toBeGreaterThan(0);

    // The chart itself: the month-to-date line, the forecast line and the budget reference line with its label.
    await panel.locator('.recharts-line').first().waitFor();
    expect(
      await panel.locator('.recharts-line').count(),
    ).toBeGreaterThanOrEqual(2);
    expect(
      await panel.locator('.recharts-reference-line').count(),
    ).toBeGreaterThanOrEqual(1);
    expect(
      await panel.locator('.recharts-reference-line').allTextContents(),
    ).toContain(
      `Budget $${budget.toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
    );
    expect(await page.getByTestId('forecast-method').textContent()).toContain(
      'complete day(s)',
    );
    expect(await page.getByTestId('cost-source').textContent()).toContain(
      'Cloud Billing export',
    );
  });

  it('a scaling preview raising min instances of gryd-be shows a monthly cost increase', async () => {
    await page.goto(
      `${portal.url}/projects/gryyd-web/locations/asia-northeast3/services/gryd-be`,
    );
    const min = page.getByLabel('Min instances');
    await min.waitFor();
    const before = Number(await min.inputValue());
    await min.fill(String(before + 2));
    await page.getByRole('button', { name: 'Preview' }).click();
    const change = page.getByTestId('cost-change-minInstancesMonthly');
    await change.waitFor();
    const text = (await change.textContent())!;
    expect(text).toMatch(/^\+\$[0-9,.]+\/mo$/);
    expect(Number(text.replace(/[^0-9.]/g, ''))).toBeGreaterThan(0);
    expect(
      await page.getByTestId('cost-formula-minInstancesMonthly').textContent(),
    ).toContain('min instances × 730 h × 3,600 s');
  });
});
