import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, ImpactValue } from 'axe-core';

const require = createRequire(import.meta.url);
/** axe-core's browser bundle, injected into the page under test. */
const AXE_SOURCE = require.resolve('axe-core/axe.min.js');

/** One axe violation in a form that reads in a failed assertion. */
export interface AxeFinding {
  id: string;
  impact: ImpactValue | null | undefined;
  help: string;
  /** CSS selectors of the offending elements (first few). */
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is and returns the violations of at
 * least `minImpact` (default serious: serious and critical).
 */
export async function axeViolations(
  page: Page,
  minImpact: 'serious' | 'critical' | 'moderate' | 'minor' = 'serious',
): Promise<AxeFinding[]> {
  // A dialog or menu still fading in has its colours mixed with the backdrop's: axe would measure a
  // contrast nobody sees once it is open. Wait for finite transitions to end (spinners run forever).
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .every(
          a =>
            a.playState !== 'running' ||
            a.effect?.getComputedTiming().endTime === Infinity,
        ),
    undefined,
    { timeout: 30_000 },
  );
  if (!(await page.evaluate(() => 'axe' in window)))
    await page.addScriptTag({ path: AXE_SOURCE });
  const results = (await page.evaluate(() =>
    (
      window as unknown as {
        axe: {
          run: (
            context: unknown,
            options: unknown,
          ) => Promise<import('axe-core').AxeResults>;
        };
      }
    ).axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
      },
      resultTypes: ['violations'],
    }),
  )) as AxeResults;
  const order = ['minor', 'moderate', 'serious', 'critical'];
  return results.violations
    .filter(v => order.indexOf(v.impact ?? 'minor') >= order.indexOf(minImpact))
    .map(v => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
    }));
}
