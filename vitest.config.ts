import { defineConfig } from 'vitest/config';

/**
 * One `vitest run` for everything: unit tests (common, frontend components), integration tests
 * (router + real Google clients + sandbox over HTTP) and browser tests (Chromium via playwright-core).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'common/src/**/*.test.ts',
            'plugin-backend/src/**/*.test.ts',
            'dev/sandbox/src/**/*.test.ts',
            'dev/integration/src/**/*.test.ts',
            'dev/portal/src/**/*.test.ts',
            'dev/portal/bench/**/*.test.ts',
          ],
          exclude: ['dev/portal/src/e2e/**'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'frontend',
          environment: 'jsdom',
          include: ['plugin-frontend/src/**/*.test.{ts,tsx}'],
          setupFiles: [
            'plugin-frontend/src/__testUtils__/testingLibrarySetup.ts',
          ],
          testTimeout: 120_000,
          // Backstage's catalog-react pulls material-ui-popup-state, whose ESM build imports MUI by
          // directory; inlined, Vite resolves it instead of Node's strict ESM loader.
          server: { deps: { inline: ['material-ui-popup-state'] } },
        },
      },
      {
        test: {
          name: 'browser',
          environment: 'node',
          include: ['dev/portal/src/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
