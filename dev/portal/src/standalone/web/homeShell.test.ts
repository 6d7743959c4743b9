import { describe, expect, it } from 'vitest';
import { TIME_WINDOWS } from '@gcp-serverless/common';
import { renderHomeShells } from './homeShell';

/**
 * The home page's first paint that the build writes into index.html: the app's own frame before any
 * answer, for each time window the address can name, with the styles it needs inside (so it paints
 * before the script runs).
 */
describe('renderHomeShells', () => {
  it('renders the app bar, the heading, the chosen time window and skeletons, styled, for each window', () => {
    const shells = renderHomeShells();
    expect(Object.keys(shells).sort()).toEqual([...TIME_WINDOWS].sort());
    for (const window of TIME_WINDOWS) {
      const html = shells[window];
      expect(html).toMatch(/<h1[^>]*>GCP Serverless<\/h1>/);
      expect(html).toMatch(/<h2[^>]*>Health at a glance<\/h2>/);
      expect(html).toContain('aria-label="Loading projects"');
      // The window of the address is the one shown pressed.
      const pressed = [
        ...html.matchAll(/<button[^>]*aria-pressed="true"[^>]*>([^<]*)</g),
      ].map(m => m[1]);
      expect(pressed).toContain(window);
      // Emotion's styles travel with the markup: the page paints styled before the script.
      expect(html).toMatch(/<style data-emotion="css /);
      // Nothing that needs an answer: no project card, no error.
      expect(html).not.toContain('project-card-');
      expect(html).not.toMatch(/role="alert"/);
    }
  });
});
