import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import type { Portal } from '../standalone/startPortal';
import { closePortalPage, openPortalPage } from './portalPage';

/**
 * The people of issue 13 walking their path on the sandbox at 1,440 px and checking what they must see.
 * Finance here; the engineer's and the platform lead's walks have their own files.
 */
let portal: Portal;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ portal, browser, page } = await openPortalPage({
    scenarios: ['gryyd-web', 'chat-realtime'],
    viewport: { width: 1440, height: 900 },
    timeoutMs: 90_000,
  }));
});

afterAll(() => closePortalPage({ portal, browser }));

const api = (path: string, init?: RequestInit) =>
  fetch(`${portal.url}/api/gcp-serverless${path}`, init);

describe('finance: does it add up?', () => {
  it('sees the all-projects total, the forecast over budget flagged, and a CSV that sums to the screen', async () => {
    await page.goto(`${portal.url}/projects/gryyd-web/costs`);
    const total = page.getByTestId('all-projects-mtd');
    await total.waitFor({ timeout: 180_000 });
    expect(
      Number((await total.textContent())!.replace(/[^0-9.]/g, '')),
    ).toBeGreaterThan(0);

    // The CSV's net column over the month sums to month to date on screen.
    const mtd = page.getByTestId('mtd-net');
    await mtd.waitFor();
    const shown = Number((await mtd.textContent())!.replace(/[$,]/g, ''));
    const costs = (await (
      await api('/projects/gryyd-web/costs?range=30d')
    ).json()) as {
      monthStart: string;
    };
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('cost-csv-export').click(),
    ]);
    const csv = await readFile((await download.path())!, 'utf8');
    const [header, ...records] = csv.trim().split('\n');
    const columns = header!.split(',');
    const date = columns.indexOf('date');
    const net = columns.indexOf('net_cost');
    expect(columns).toEqual(
      expect.arrayContaining(['gross_cost', 'credits', 'net_cost']),
    );
    const monthNet = records
      .map(r => r.split(','))
      .filter(r => r[date]! >= costs.monthStart)
      .reduce((sum, r) => sum + Number(r[net]), 0);
    expect(monthNet).toBeCloseTo(shown, 1);

    // Each chart: one colour per series, and y ticks at round, even steps from $0 ("$0 $1K $2K $3K").
    const readCharts = () =>
      page.locator('.recharts-wrapper').evaluateAll(els =>
        els.map(chart => ({
          colours: [
            ...chart.querySelectorAll('.recharts-legend-item-text'),
          ].map(t => getComputedStyle(t).color),
          ticks: [
            ...chart.querySelectorAll(
              '.recharts-yAxis .recharts-cartesian-axis-tick-value',
            ),
          ].map(t => t.textContent ?? ''),
        })),
      );
    // The charts draw once their reads answer: wait until each has its legend and its axis.
    await expect
      .poll(
        async () =>
          (
            await readCharts()
          ).filter(c => c.colours.length > 0 && c.ticks.length > 1).length,
        { timeout: 60_000 },
      )
      .toBeGreaterThanOrEqual(2);
    const charts = await readCharts();
    expect(charts.length).toBeGreaterThanOrEqual(2);
    const dollars = (tick: string) => {
      const m = /^\$([\d.]+)(K|M)?$/.exec(tick);
      expect(m, tick).not.toBeNull();
      return Number(m![1]) * (m![2] === 'K' ? 1e3 : m![2] === 'M' ? 1e6 : 1);
    };
    for (const { colours, ticks } of charts) {
      expect(colours.length).toBeGreaterThan(1);
      expect(new Set(colours).size, colours.join(' ')).toBe(colours.length);
      const values = ticks.map(dollars);
      expect(values[0], ticks.join(' ')).toBe(0);
      const steps = new Set(
        values.slice(1).map((v, i) => Math.round((v - values[i]!) * 100)),
      );
      expect(steps.size, ticks.join(' ')).toBe(1);
    }

    // Budgets: gryyd-web's forecast over its amount is flagged.
    await page.goto(`${portal.url}/projects/gryyd-web/budgets`);
    await page.getByTestId('budgets-table').waitFor();
    await page.getByTestId('budget-forecast-over').first().waitFor();
    expect(
      await page.getByTestId('budget-forecast-over').first().textContent(),
    ).toMatch(/over/i);
  });
});
