import { existsSync } from 'node:fs';
import {
  chromium,
  type Browser,
  type Locator,
  type Page,
} from 'playwright-core';
import { ENTITY } from './appConfig';

/** Debian's Chromium (`apt-get install -y chromium`); override with CHROMIUM_PATH. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium, or set CHROMIUM_PATH`,
    );
  // No sandbox as root, no GPU, no background networking (the closed network refuses it).
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A page that records every console error and uncaught exception. */
async function watchedPage(
  browser: Browser,
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 1000 },
  });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', msg => {
    // The location names the resource of a "Failed to load resource" error.
    if (msg.type() === 'error')
      errors.push(`console.error: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', err => errors.push(`uncaught: ${err.message}`));
  return { page, errors };
}

/**
 * Waits for `ready` (something the page shows once rendered); when the app shows its sign-in page
 * first, signs in as the guest ("Enter") and waits again.
 */
async function signedIn(page: Page, ready: Locator): Promise<void> {
  const enter = page.getByRole('button', { name: /^enter$/i });
  await enter.or(ready).first().waitFor();
  if (await enter.isVisible().catch(() => false)) {
    await enter.click();
    await ready.first().waitFor();
  }
}

/** Runs a page check; on failure keeps a screenshot of what the page showed. */
async function onPage<T>(
  page: Page,
  screenshot: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await page
      .screenshot({ path: screenshot.replace(/\.png$/, '-failed.png') })
      .catch(() => undefined);
    throw error;
  }
}

function noErrors(where: string, errors: string[]): void {
  if (errors.length)
    throw new Error(
      `${where}: ${errors.length} console error(s):\n  ${errors
        .slice(0, 10)
        .join('\n  ')}`,
    );
}

/** The plugin page at /gcp-serverless (the overview of the sandbox project) and the sidebar entry. */
export async function pluginPageRenders(
  browser: Browser,
  base: string,
  screenshot: string,
): Promise<string> {
  const { page, errors } = await watchedPage(browser);
  const result = await onPage(page, screenshot, async () => {
    await page.goto(`${base}/gcp-serverless`, {
      waitUntil: 'domcontentloaded',
    });
    // The plugin's home: the overview of the allowlisted projects.
    await signedIn(page, page.getByText('gryyd-web', { exact: true }));
    const nav = page.locator('nav a[href$="/gcp-serverless"]');
    await nav.first().waitFor();
    const navText = (await nav.first().innerText()).trim();
    if (!/GCP Serverless/i.test(navText))
      throw new Error(`sidebar link to /gcp-serverless reads "${navText}"`);
    await page.waitForTimeout(2_000); // late console errors from lazy panels
    await page.screenshot({ path: screenshot, fullPage: false });
    noErrors('plugin page', errors);
    return `overview of gryyd-web; sidebar shows "${navText}"; screenshot ${screenshot}`;
  });
  await page.context().close();
  return result;
}

/** The entity tab of an annotated component. */
export async function entityTabRenders(
  browser: Browser,
  base: string,
  screenshot: string,
): Promise<string> {
  const { page, errors } = await watchedPage(browser);
  const result = await onPage(page, screenshot, async () => {
    const url = `${base}/catalog/${ENTITY.namespace}/${ENTITY.kind}/${ENTITY.name}`;
    // The new frontend system's entity header (Backstage UI) shows tabs as links; the legacy one as MUI tabs.
    const tab = page
      .getByRole('tab', { name: /GCP Serverless/i })
      .or(page.locator(`a[href$="/${ENTITY.name}/gcp-serverless"]`));
    const notFound = page.getByText('Entity not found');
    // The catalog ingests the annotated entity a while after the backend boots: reload until it is there.
    for (let attempt = 1; ; attempt++) {
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      await signedIn(page, tab.or(notFound));
      if (await tab.first().isVisible()) break;
      if (attempt >= 18)
        throw new Error(
          `${ENTITY.name} is not in the catalog after ${attempt} tries`,
        );
      await page.waitForTimeout(10_000);
    }
    await tab.first().click();
    await page.getByText('gryd-be', { exact: false }).first().waitFor();
    await page.waitForTimeout(2_000);
    await page.screenshot({ path: screenshot, fullPage: false });
    noErrors('entity tab', errors);
    return `tab "GCP Serverless" of ${ENTITY.name} shows gryd-be; screenshot ${screenshot}`;
  });
  await page.context().close();
  return result;
}
