/** Light or dark theme of the standalone portal. */
export type ColorMode = 'light' | 'dark';

/** localStorage key of the chosen mode. */
export const COLOR_MODE_KEY = 'gcp-serverless.colorMode';

/** The stored mode, else the system preference, else light (also when rendered outside a browser: homeShell.tsx). */
export function initialColorMode(): ColorMode {
  if (typeof window === 'undefined') return 'light';
  try {
    const stored = window.localStorage.getItem(COLOR_MODE_KEY);
    if (stored === 'light' || stored === 'dark') return stored;
  } catch {
    // Storage can be unavailable (privacy mode); fall through to the system preference.
  }
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light';
}

/** Remembers the mode for the next visit. */
export function storeColorMode(mode: ColorMode): void {
  try {
    window.localStorage.setItem(COLOR_MODE_KEY, mode);
  } catch {
    // Not persisting is acceptable: the toggle still works for this visit.
  }
}
