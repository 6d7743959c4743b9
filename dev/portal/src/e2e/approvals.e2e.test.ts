import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SandboxIap } from '@gcp-serverless/sandbox';
import { startPortal, type Portal } from '../standalone/startPortal';
import { launchChromium } from './browser';

// Approvals for risky changes in the browser (docs/approvals.md): Ana requests a scaling change over
// the cost threshold, Bob (approver) approves it on the request page, the change is applied and in
// history. Each user is a browser context whose requests carry an Identity-Aware Proxy header signed
// by the sandbox's stand-in for IAP (SandboxIap), verified by the portal's real verifier.
const WORKER =
  '/projects/gryyd-web/locations/asia-northeast3/services/gryd-worker';
const ANA = 'ana@example.com';
const BOB = 'bob@example.com';
const iap = new SandboxIap();

let browser: Browser;
let portal: Portal;

beforeAll(async () => {
  browser = await launchChromium();
  portal = await startPortal({
    port: 0,
    scenarios: ['gryyd-web'],
    log: () => {},
    iapPublicKeys: iap.publicKeys,
    sandboxConfigOverrides: {
      access: {
        identity: { type: 'iap', audience: iap.audience },
        roles: { editor: [ANA], approver: [BOB], viewer: [BOB] },
      },
      approvals: { costIncreasePerHourOver: 0.5 },
      // Not what this test is about: keeps each preview to the cost and the guardrails.
      capacity: { whatIf: false },
    },
  });
});
afterAll(async () => {
  await portal?.close();
  await browser?.close();
});

async function pageAs(user: string): Promise<Page> {
  const context = await browser.newContext({
    extraHTTPHeaders: iap.headers(user),
  });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  return page;
}

describe('approvals', () => {
  it('request → a second user approves → applied and in history', async () => {
    // Ana asks for max 30: the preview says it needs approval and why; the button says so.
    const ana = await pageAs(ANA);
    await ana.goto(`${portal.url}${WORKER}`);
    await ana.getByTestId('current-max-instances').waitFor();
    const maxBefore = (
      await ana.getByTestId('current-max-instances').textContent()
    )?.trim();
    await ana.getByLabel('Max instances').fill('30');
    await ana.getByRole('button', { name: 'Preview' }).click();
    const dialog = ana.getByTestId('scaling-preview-dialog');
    const notice = dialog.getByTestId('scaling-approval-required');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(
      /worst-case cost up \$\d+\.\d\d\/hour, over the \$0\.50\/hour that needs approval/,
    );
    for (const box of await dialog.getByRole('checkbox').all())
      await box.check();
    await dialog.getByRole('button', { name: 'Request approval' }).click();
    await dialog.getByTestId('scaling-approval-requested').waitFor();
    // Nothing changed on the service.
    await dialog.getByTestId('scaling-approval-request-link').click();
    await ana.getByTestId('change-request-frozen-diff').waitFor();
    // Ana cannot decide: she has no approver role (and it is her own request).
    expect(
      await ana.getByTestId('change-request-blocked').textContent(),
    ).toMatch(/needs the approver role/);
    expect(await ana.getByTestId('change-request-approve').isDisabled()).toBe(
      true,
    );

    // Bob sees one open request in the Approvals tab and opens it.
    const bob = await pageAs(BOB);
    await bob.goto(`${portal.url}/projects/gryyd-web/approvals`);
    const row = bob.getByTestId('change-request-row').first();
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('open');
    expect(await row.textContent()).toContain(ANA);
    await bob.getByTestId('approvals-open-count').getByText('1').waitFor();
    await row.getByTestId('change-request-link').click();
    const frozen = bob.getByTestId('change-request-frozen-diff');
    await frozen.waitFor();
    expect(await frozen.textContent()).toMatch(/Max instances/);
    expect(await frozen.textContent()).toContain('30');
    await bob.getByTestId('change-request-unchanged').waitFor();
    await bob.getByTestId('change-request-comment').fill('Friday sale');
    await bob.getByTestId('change-request-approve').click();
    const decision = bob.getByTestId('change-request-decision');
    await decision.waitFor();
    expect(await decision.textContent()).toContain(`Approved by ${BOB}`);

    // Applied: the service page shows max 30; the history names both, with the comment.
    await bob.goto(`${portal.url}${WORKER}`);
    await bob.getByTestId('current-max-instances').waitFor();
    expect(
      (await bob.getByTestId('current-max-instances').textContent())?.trim(),
    ).not.toBe(maxBefore);
    expect(
      await bob.getByTestId('current-max-instances').textContent(),
    ).toContain('30');
    await bob.goto(`${portal.url}/projects/gryyd-web/history`);
    const rows = bob.getByTestId('history-row');
    await rows.first().waitFor();
    const first = await rows.nth(0).textContent();
    const second = await rows.nth(1).textContent();
    expect(first).toContain(BOB);
    expect(first).toContain('scaling.apply');
    expect(first).toContain(
      `approved by ${BOB} (requested by ${ANA}): Friday sale`,
    );
    expect(second).toContain(ANA);
    expect(second).toContain('scaling.request');
    await ana.context().close();
    await bob.context().close();
    // Two users and seven page loads through Vite's dev server on a shared machine: a budget, not a speed claim.
  }, 600_000);
});
