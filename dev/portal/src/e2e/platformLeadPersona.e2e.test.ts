import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { CHANGE_KIND_LABELS } from '@gcp-serverless/common';
import type { Portal } from '../standalone/startPortal';
import { axeViolations } from './axe';
import { closePortalPage, openPortalPage } from './portalPage';

/**
 * The platform lead of issue 13 ("change limits, safely") at 1,440 px on the sandbox: a queue's rate
 * limit, a scaling preview, a URL map edit with a mistake in it, the history of that edit and its
 * revert, a budget; by keyboard where the lead would use it. Each step asserts what the lead must see,
 * and axe-core runs on every page the lead visits.
 *
 * The sandbox clock is pinned (Friday evening in Seoul, as the engineer's walk) so that the figures the
 * previews show come from the same traffic on every run.
 */
const FRIDAY_EVENING_IN_SEOUL = Date.parse('2026-12-04T13:30:00Z');

let portal: Portal;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ portal, browser, page } = await openPortalPage({
    scenarios: ['gryyd-web'],
    portal: { sandboxNow: FRIDAY_EVENING_IN_SEOUL },
    viewport: { width: 1440, height: 900 },
    timeoutMs: 120_000,
  }));
});

afterAll(() => closePortalPage({ portal, browser }));

/** Opens a page of the portal and waits for `ready` (its content, not its skeleton). */
async function visit(path: string, ready: Locator): Promise<void> {
  // The first visit makes Vite transform the app on a busy machine: the content is waited for, not the load event.
  await page.goto(`${portal.url}${path}`, {
    waitUntil: 'domcontentloaded',
    timeout: 300_000,
  });
  await ready.first().waitFor({ timeout: 240_000 });
}

/** The element that has the focus, described for a failed assertion. */
const focused = () =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el
      ? `${el.tagName} ${el.getAttribute('role') ?? ''} "${(
          el.textContent ?? ''
        ).trim()}"`
      : 'none';
  });

/** Whether the element with the focus is `target`. */
const hasFocus = (target: Locator) =>
  target.evaluate(el => el === document.activeElement);

describe('platform lead: change limits, safely', () => {
  it('lowers the generation queue to 0.2/s: the preview explains its figures, the page shows the limit apart from the observed rate, Escape returns the focus', async () => {
    const card = page.getByTestId('queue-generation');
    await visit('/projects/gryyd-web/queues?window=1h', card);
    expect(await axeViolations(page)).toEqual([]);

    await card.getByRole('button', { name: 'Edit limits' }).click();
    const rate = page.getByTestId('queue-rateLimits.maxDispatchesPerSecond');
    await rate.fill('0.2');
    const preview = page
      .getByTestId('queue-form-generation')
      .getByRole('button', { name: 'Preview' });
    await preview.click();
    const dialog = page.getByTestId('queue-preview-dialog');
    await dialog.getByTestId('edit-diff').waitFor();

    // The impact on the worker: "(0.2/s × 503.8 s per task)" and, under it, those figures in words.
    const impact = dialog.getByTestId('impact-generation');
    const after = (await impact.textContent())!;
    const how = /\((\d+(?:\.\d+)?)\/s × ([\d,.]+) s per task\)/.exec(after);
    expect(how, after).not.toBeNull();
    const explanation = (await impact
      .getByTestId('impact-explanation')
      .textContent())!;
    expect(explanation).toContain(`${how![1]} tasks per second`);
    expect(explanation).toContain(`taking ${how![2]} s on gryd-worker`);
    expect(explanation).toMatch(/Little's law/);
    expect(explanation).toMatch(/max instances × concurrency = /);
    await expectEveryFigureExplained(impact);
    expect(await axeViolations(page)).toEqual([]);

    // Escape closes the preview and the focus goes back to Preview, not to the page body.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await hasFocus(preview), await focused()).toBe(true);

    await preview.click();
    await dialog.getByTestId('edit-diff').waitFor();
    await dialog.getByTestId('queue-apply').click();
    await dialog.waitFor({ state: 'hidden' });

    // The configured limit and the observed mean, each under its own name; never "5.00 of 0.20 /s".
    await expect
      .poll(() => card.getByTestId('queue-rate-limit').textContent(), {
        timeout: 60_000,
      })
      .toBe('0.20 /s');
    const observed = card.getByTestId('queue-observed-rate');
    expect(await observed.textContent()).toMatch(/^\d[\d,]*\.\d\d \/s$/);
    const labelOf = (figure: Locator) =>
      figure.evaluate(el => el.previousElementSibling?.textContent ?? '');
    expect(await labelOf(card.getByTestId('queue-rate-limit'))).toMatch(
      /configured/,
    );
    expect(await labelOf(observed)).toMatch(/Observed .*mean, last 1h/);
    expect(await card.textContent()).not.toMatch(/\d of \d[\d.]* \/s/);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('lowers gryd-worker to max 4: every capacity and cost figure of the preview is explained, and "−$…/h" stays on one line', async () => {
    const max = page.getByTestId('scaling-maxInstances');
    await visit(
      '/projects/gryyd-web/locations/asia-northeast3/services/gryd-worker',
      max,
    );
    expect(await axeViolations(page)).toEqual([]);
    await max.fill('4');
    const preview = page.getByRole('button', { name: 'Preview' });
    await preview.click();
    const dialog = page.getByTestId('scaling-preview-dialog');
    await dialog.getByTestId('scaling-validation').waitFor();

    // Capacity: each impact has its explanation.
    const impacts = dialog.locator(
      '[data-testid^="impact-"]:not([data-testid="impact-explanation"])',
    );
    expect(await impacts.count()).toBeGreaterThan(0);
    for (const impact of await impacts.all())
      await expectEveryFigureExplained(impact);

    // Cost: each figure has its formula, and its change is one line box.
    // Lowering max lowers the worst case per hour: a "−$…/h" is on screen.
    const changes = dialog.locator('[data-testid^="cost-change-"]');
    await changes.first().waitFor();
    expect(
      (await changes.allTextContents()).some(t => /^−\$[\d,.]+\/h$/.test(t)),
      (await changes.allTextContents()).join(' | '),
    ).toBe(true);
    const figures = dialog.locator('[data-testid^="cost-figure-"]');
    expect(await figures.count()).toBeGreaterThan(0);
    for (const figure of await figures.all()) {
      const key = (await figure.getAttribute('data-testid'))!.slice(
        'cost-figure-'.length,
      );
      expect(
        (await figure.getByTestId(`cost-formula-${key}`).textContent())!.trim(),
      ).not.toBe('');
      const change = figure.getByTestId(`cost-change-${key}`);
      expect(await change.textContent()).toMatch(/^[+−]?\$[\d,.]+\/(h|mo)$/);
      expect(await change.evaluate(el => getComputedStyle(el).whiteSpace)).toBe(
        'nowrap',
      );
      expect(await lineBoxes(change)).toBe(1);
    }
    expect(await axeViolations(page)).toEqual([]);

    // Narrow: the dialog at a phone's width still keeps the sign with its number.
    await page.setViewportSize({ width: 360, height: 800 });
    try {
      for (const change of await dialog
        .locator('[data-testid^="cost-change-"]')
        .all())
        expect(await lineBoxes(change)).toBe(1);
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await hasFocus(preview), await focused()).toBe(true);
  });

  it('makes a mistake in a URL map path: the field is highlighted with a readable message; the fixed edit is applied', async () => {
    const tree = page.getByTestId('routing-tree');
    await visit('/projects/gryyd-web/routing', tree);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('urlmap-edit').click();
    const matcher = page.getByTestId('path-matcher-path-matcher-2');
    await matcher.waitFor();
    const mi = await matcherIndex('path-matcher-2');
    const rules = matcher.locator(`[data-testid^="path-rule-paths-${mi}-"]`);
    const ri = await rules.count();

    await page.getByTestId('add-path-rule-path-matcher-2').click();
    const paths = page.getByTestId(`path-rule-paths-${mi}-${ri}`);
    await paths.fill('api/v2/*');
    // At its field: marked invalid, the message under it in words, not "change.pathMatchers.1…".
    expect(await paths.getAttribute('aria-invalid')).toBe('true');
    const helper = await paths.evaluate(el => {
      const id = el.getAttribute('aria-describedby');
      return id ? document.getElementById(id)?.textContent ?? '' : '';
    });
    expect(helper).not.toBe('');
    expect(helper).not.toMatch(/change\.|pathMatchers|pathRules|\.\d+\./);
    const summary = (await page.getByTestId('urlmap-errors').textContent())!;
    expect(summary).toContain(`path-matcher-2, path rule ${ri + 1} (api/v2/*)`);
    expect(summary).toContain('highlighted above');
    expect(summary).not.toMatch(/change\.pathMatchers/);
    expect(await page.getByTestId('urlmap-preview').isDisabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // Fixed: one rule added, one rule's backend changed, one path removed from a rule.
    await paths.fill('/api/v2/*');
    expect(await paths.getAttribute('aria-invalid')).not.toBe('true');
    await page
      .getByTestId(`path-rule-target-${mi}-${ri}`)
      .selectOption({ label: 'gryd-be-service' });
    const generation = await ruleIndex(mi, '/api/generation/*');
    await page
      .getByTestId(`path-rule-target-${mi}-${generation}`)
      .selectOption({ label: 'gryd-be-service' });
    const admin = await ruleIndex(mi, '/admin/*');
    const adminPaths = page.getByTestId(`path-rule-paths-${mi}-${admin}`);
    await adminPaths.fill(
      (
        await adminPaths.inputValue()
      )
        .split(', ')
        .filter(p => p !== '/admin/*')
        .join(', '),
    );
    await page.getByTestId('urlmap-preview').click();
    const dialog = page.getByTestId('urlmap-preview-dialog');
    await page.getByTestId('urlmap-validation').waitFor();
    expect(await page.getByTestId('urlmap-validation').textContent()).toContain(
      'passed',
    );
    await page.getByTestId('urlmap-apply').click();
    await page.getByTestId('urlmap-applied').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    expect(await sandboxRules()).toMatchObject({
      '/api/v2/*': 'gryd-be-service',
      '/api/generation/*': 'gryd-be-service',
    });
    expect(await sandboxRules()).not.toHaveProperty('/admin/*');
  });

  it('reads the URL map change in History as rules added, removed and changed, in a table that fits 1,440 px, and reverts it', async () => {
    const rows = page.locator(
      '[data-testid="history-row"][data-kind="routing"]',
    );
    await visit('/projects/gryyd-web/history', rows);
    expect(await axeViolations(page)).toEqual([]);
    const row = rows.first();
    const showAll = row.getByRole('button', { name: /^Show all \d+ changes$/ });
    if ((await showAll.count()) > 0) await showAll.click();
    const lines = await row
      .getByTestId('history-diff-line')
      .evaluateAll(els =>
        els.map(e => [e.getAttribute('data-change'), e.textContent ?? '']),
      );
    const line = (change: string, text: string) =>
      lines.find(([c, t]) => c === change && t!.includes(text));
    expect(
      line('added', 'path-matcher-2: /api/v2/*'),
      String(lines),
    ).toBeDefined();
    expect(line('added', '/api/v2/*')![1]).toContain('gryd-be-service');
    expect(line('changed', 'path-matcher-2: /api/generation/*')![1]).toMatch(
      /gryd-worker-be-service → gryd-be-service/,
    );
    expect(line('removed', 'path-matcher-2: /admin/*')).toBeDefined();
    // No JSON anywhere in the row.
    expect(await row.textContent()).not.toMatch(/[{}"]|pathRules/);

    // The table fits its container and the page at 1,440 px.
    const fit = await page
      .getByRole('table', { name: 'Change history' })
      .evaluate(table => {
        const container = table.parentElement!;
        const doc = document.documentElement;
        return {
          table: [container.scrollWidth, container.clientWidth],
          document: [doc.scrollWidth, doc.clientWidth],
        };
      });
    expect(fit.table[0]).toBeLessThanOrEqual(fit.table[1]!);
    expect(fit.document[0]).toBeLessThanOrEqual(fit.document[1]!);

    // Revert to the values before: the sandbox's URL map has the old routes again.
    await row.getByRole('button', { name: /^Revert to this/ }).click();
    const revert = page.getByRole('dialog', {
      name: 'Revert to the values before this change',
    });
    await revert.getByTestId('urlmap-editor').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await revert.getByTestId('urlmap-preview').click();
    await page.getByTestId('urlmap-validation').waitFor();
    await page.getByTestId('urlmap-apply').click();
    await page.getByTestId('revert-applied').waitFor();
    const after = await sandboxRules();
    expect(after).not.toHaveProperty('/api/v2/*');
    expect(after).toMatchObject({
      '/api/generation/*': 'gryd-worker-be-service',
      '/admin/*': 'gryd-be-service',
    });
    await expect
      .poll(() => rows.count(), { timeout: 60_000 })
      .toBeGreaterThanOrEqual(2);

    // Filters by kind and by person, chosen in the page, land in the URL and leave only what they name.
    const all = page.getByTestId('history-row');
    await expect
      .poll(
        async () =>
          new Set(
            await all.evaluateAll(els =>
              els.map(e => e.getAttribute('data-kind')),
            ),
          ).size,
      )
      .toBeGreaterThan(1);
    await page.getByTestId('history-filter-kind').locator('..').click();
    await page
      .getByRole('option', { name: CHANGE_KIND_LABELS.routing, exact: true })
      .click();
    await page.waitForURL(u => u.searchParams.get('changeKind') === 'routing');
    await expect
      .poll(() =>
        all.evaluateAll(els => [
          ...new Set(els.map(e => e.getAttribute('data-kind'))),
        ]),
      )
      .toEqual(['routing']);
    await page.getByTestId('history-filter-actor').locator('..').click();
    const person = page.getByRole('option').nth(1);
    const actor = (await person.textContent())!;
    await person.click();
    await page.waitForURL(u => u.searchParams.get('changedBy') === actor);
    expect(await all.count()).toBeGreaterThanOrEqual(2);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('reaches the storage backend of the CDN page by keyboard, sees hit ratio, served and fill per path rule, and a TTL above max is marked at its field', async () => {
    const details = page.getByTestId('cdn-select-gryd-storage-service');
    await visit('/projects/gryyd-web/cdn', details);
    expect(await axeViolations(page)).toEqual([]);
    await details.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(u =>
      (u.searchParams.get('backend') ?? '').endsWith('gryd-storage-service'),
    );
    const routes = page.getByTestId('cdn-routes');
    await routes.waitFor();
    // Hit ratio, served from cache and cache fill of the /images/* rule (the load balancer's matched rule).
    const images = routes
      .locator('[data-testid^="cdn-route-"]')
      .filter({ hasText: '/images/*' })
      .first();
    const cells = await images.locator('td').allTextContents();
    expect(cells.length, cells.join(' | ')).toBe(4);
    for (const cell of cells) expect(cell).toMatch(/\d/);

    const defaultTtl = page.getByTestId('cdn-defaultTtl');
    await page.getByTestId('cdn-maxTtl').fill('60');
    await defaultTtl.fill('3600');
    expect(await defaultTtl.getAttribute('aria-invalid')).toBe('true');
    const helper = await defaultTtl.evaluate(el => {
      const id = el.getAttribute('aria-describedby');
      return id ? document.getElementById(id)?.textContent ?? '' : '';
    });
    expect(helper).toMatch(/max/i);
    expect(helper).not.toMatch(/change\.|defaultTtl|maxTtl/);
    expect(await page.getByTestId('cdn-preview').isDisabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page
      .getByTestId('cdn-policy-form')
      .getByRole('button', { name: 'Reset' })
      .click();
    expect(await defaultTtl.getAttribute('aria-invalid')).not.toBe('true');
  });

  it('edits a budget: the dialog closes after the save and the new amount shows; Escape returns the focus to Edit', async () => {
    const row = page.locator('[data-testid^="budget-row-"]').first();
    await visit('/projects/gryyd-web/budgets', row);
    expect(await axeViolations(page)).toEqual([]);
    const edit = row.getByRole('button', { name: 'Edit' });

    await edit.click();
    const dialog = page.getByTestId('budget-edit-dialog');
    await dialog.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await hasFocus(edit), await focused()).toBe(true);

    await edit.click();
    const amount = dialog.getByTestId('budget-amount');
    const next =
      Math.round(Number((await amount.inputValue()).replace(/,/g, ''))) + 250;
    await amount.fill(String(next));
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await page
      .getByTestId('budget-preview-dialog')
      .getByTestId('edit-diff')
      .waitFor();
    await page.getByTestId('budget-apply').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect
      .poll(() => row.getByTestId('budget-amount-cell').textContent(), {
        timeout: 60_000,
      })
      .toContain(next.toLocaleString('en-US'));
  });

  it('sees where the focus is on buttons and tabs after Tab', async () => {
    await visit(
      '/projects/gryyd-web/queues',
      page.getByTestId('queue-generation'),
    );
    const seen = new Set<string>();
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    for (let i = 0; i < 80 && seen.size < 2; i++) {
      await page.keyboard.press('Tab');
      const ring = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el) return undefined;
        const what =
          el.getAttribute('role') === 'tab'
            ? 'tab'
            : el.tagName === 'BUTTON'
            ? 'button'
            : undefined;
        if (!what) return undefined;
        const s = getComputedStyle(el);
        const transparent = (c: string) =>
          c === 'transparent' || /rgba\(.*,\s*0\)$/.test(c);
        const outline =
          s.outlineStyle !== 'none' &&
          parseFloat(s.outlineWidth) >= 2 &&
          !transparent(s.outlineColor);
        const shadow = s.boxShadow !== 'none' && !transparent(s.boxShadow);
        return {
          what,
          visible: el.matches(':focus-visible') && (outline || shadow),
          style: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} / ${s.boxShadow}`,
        };
      });
      if (!ring || seen.has(ring.what)) continue;
      expect(ring.visible, `${ring.what}: ${ring.style}`).toBe(true);
      seen.add(ring.what);
    }
    expect([...seen].sort()).toEqual(['button', 'tab']);
  });
});

/**
 * Each number of a capacity impact's "After:" line ("up to 87 tasks in flight (0.2/s × 435 s per task)
 * vs max 10 × 1 = 10") is in the words under it, so the lead can tell where every figure comes from.
 */
async function expectEveryFigureExplained(impact: Locator): Promise<void> {
  const after = (await impact
    .locator('p')
    .filter({ hasText: /^After: / })
    .textContent())!;
  const words = (await impact.getByTestId('impact-explanation').textContent())!;
  const figures = after.match(/\d[\d,]*(\.\d+)?/g) ?? [];
  expect(figures.length, after).toBeGreaterThan(0);
  const said = new Set(words.match(/\d[\d,]*(\.\d+)?/g) ?? []);
  expect(
    figures.filter(f => !said.has(f)),
    `${after}\n${words}`,
  ).toEqual([]);
}

/** Lines the text of `el` takes: distinct tops of its text's boxes. */
function lineBoxes(el: Locator): Promise<number> {
  return el.evaluate(node => {
    const range = document.createRange();
    range.selectNodeContents(node);
    const tops = new Set(
      [...range.getClientRects()]
        .filter(r => r.width > 0)
        .map(r => Math.round(r.top)),
    );
    return tops.size;
  });
}

/** Index of the path matcher `name` in the editor. */
async function matcherIndex(name: string): Promise<number> {
  const ids = await page
    .locator('[data-testid^="path-matcher-"]')
    .evaluateAll(els => els.map(e => e.getAttribute('data-testid')));
  const i = ids.indexOf(`path-matcher-${name}`);
  expect(i).toBeGreaterThanOrEqual(0);
  return i;
}

/** Index of the rule of matcher `mi` whose paths include `path`. */
async function ruleIndex(mi: number, path: string): Promise<number> {
  const values = await page
    .locator(`[data-testid^="path-rule-paths-${mi}-"]`)
    .evaluateAll(els => els.map(e => (e as HTMLInputElement).value));
  const i = values.findIndex(v => v.split(', ').includes(path));
  expect(i, values.join(' | ')).toBeGreaterThanOrEqual(0);
  return i;
}

/** path → backend service of path-matcher-2, as the sandbox holds the URL map now. */
async function sandboxRules(): Promise<Record<string, string>> {
  const res = await fetch(
    `${
      portal.sandbox!.url
    }/compute/v1/projects/gryyd-web/global/urlMaps/gryyd-web-url-map?key=sandbox`,
  );
  const map = (await res.json()) as {
    pathMatchers: {
      name: string;
      pathRules: { paths: string[]; service?: string }[];
    }[];
  };
  const rules: Record<string, string> = {};
  for (const r of map.pathMatchers.find(m => m.name === 'path-matcher-2')!
    .pathRules)
    for (const p of r.paths) rules[p] = (r.service ?? '').split('/').pop()!;
  return rules;
}
