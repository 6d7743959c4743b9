import type { Browser, Page } from 'playwright-core';
import {
  startPortal,
  type Portal,
  type PortalOptions,
} from '../standalone/startPortal';
import { launchChromium } from './browser';

/** The portal and one browser page on it, as a browser test file opens them. */
export interface PortalPage {
  portal: Portal;
  browser: Browser;
  page: Page;
}

/**
 * Starts the very portal `npm start` serves (Vite middleware, router, embedded sandbox with the
 * given scenarios) on an ephemeral port of 127.0.0.1, and a headless Chromium page whose waits
 * allow `timeoutMs` (60 s by default: the first load compiles the frontend, slow on a busy machine).
 */
export async function openPortalPage(options: {
  scenarios: string[];
  viewport?: { width: number; height: number };
  timeoutMs?: number;
  /** More of the portal's options (a fleet size, a pinned sandbox clock, config overrides). */
  portal?: Omit<PortalOptions, 'port' | 'host' | 'scenarios' | 'log'>;
}): Promise<PortalPage> {
  const portal = await startPortal({
    ...options.portal,
    port: 0,
    host: '127.0.0.1',
    scenarios: options.scenarios,
    log: () => {},
  });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage(
      options.viewport ? { viewport: options.viewport } : undefined,
    );
    page.setDefaultTimeout(options.timeoutMs ?? 60_000);
    return { portal, browser, page };
  } catch (err) {
    // A half-opened pair must not keep the portal listening or Chromium running.
    await closePortalPage({ portal, browser });
    throw err;
  }
}

/** Closes what {@link openPortalPage} opened; either may be missing when the start failed. */
export async function closePortalPage(opened: {
  portal?: Portal;
  browser?: Browser;
}): Promise<void> {
  await opened.browser?.close();
  await opened.portal?.close();
}
