import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Yarn `resolutions` that hold the scaffolded app to the Backstage release it was created for.
 *
 * create-app's template ships an empty `yarn.lock` and caret ranges, so a scaffold resolves the newest
 * version inside each range. `@backstage/plugin-signals-backend@^0.3.19` (Backstage 1.55) now resolves
 * 0.3.21 (2026-11-17), which registers its WebSocket with `httpRouter.addWebSocketHandler` — implemented
 * only from `@backstage/backend-defaults` 0.19.0, outside the template's `^0.18.0`. The signals plugin then
 * fails at startup, which fails the whole backend startup: the catalog never starts processing (no entity
 * is ingested) and the app's signals WebSocket answers 503 (console errors in every page). Any app created
 * from create-app 0.9.2 today has this, with or without our plugin (docs/backstage.md, "Requirements").
 */
export const RELEASE_PINS: Record<string, string> = {
  '@backstage/plugin-signals-backend': '0.3.19',
};

/** Adds {@link RELEASE_PINS} to the app's root `package.json` `resolutions`. */
export function pinRelease(appDir: string): void {
  const file = path.join(appDir, 'package.json');
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as {
    resolutions?: Record<string, string>;
  };
  pkg.resolutions = { ...pkg.resolutions, ...RELEASE_PINS };
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}
