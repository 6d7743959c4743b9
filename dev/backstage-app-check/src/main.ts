/**
 * `npm run test:backstage`: installs our three packages into a real Backstage app scaffolded with a pinned
 * `@backstage/create-app` (docs/backstage.md, "As workspace copies") and checks that the app typechecks and
 * builds, that the backend boots with the plugin against the sandbox, that a guest reads, that the
 * permissions are registered, that a scaling apply is recorded with the user as actor, and that the page,
 * the sidebar entry and the entity tab render in Chromium without console errors.
 * Every step has a timeout; the whole check has one too (CHECK_TIMEOUT_MINUTES, default 60).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gcpServerlessPermissions } from '@gcp-serverless/common';
import { startSandbox, type Sandbox } from '@gcp-serverless/sandbox';
import type { Browser } from 'playwright-core';
import { addPlugins } from './addPlugins';
import { writeAppConfig } from './appConfig';
import { baseApp } from './baseApp';
import {
  backendStartupCompletes,
  readModelComputesInItsThread,
  errorBodies,
  guestToken,
  permissionsRegistered,
  readsServices,
  scalingApplyRecordsUser,
  waitForBackend,
} from './backendChecks';
import {
  entityTabRenders,
  launchChromium,
  pluginPageRenders,
} from './browserChecks';
import {
  CommandError,
  run,
  startService,
  stopAll,
  type Service,
} from './processes';
import { log, withTimeout } from './progress';
import { pinRelease, RELEASE_PINS } from './releasePins';
import { prepareToolchain } from './toolchain';
import { BACKSTAGE_RELEASE, CREATE_APP_VERSION } from './versions';

const MINUTE = 60_000;
const repoDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../..',
);
const cache =
  process.env.GCP_SERVERLESS_BACKSTAGE_CACHE ??
  path.join(homedir(), '.cache', 'gcp-serverless-backstage');
const runDir = path.join(cache, 'last-run');

interface Result {
  name: string;
  ok: boolean;
  detail: string;
}
const results: Result[] = [];

async function check(
  name: string,
  work: () => Promise<string>,
): Promise<boolean> {
  log(`▶ ${name}`);
  try {
    const detail = await work();
    results.push({ name, ok: true, detail });
    log(`✔ ${name}: ${detail}`);
    return true;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    results.push({ name, ok: false, detail });
    log(`✘ ${name}: ${detail}`);
    if (error instanceof CommandError && error.tail)
      console.log(`---- last lines ----\n${error.tail}\n--------------------`);
    return false;
  }
}

function skip(name: string, why: string): void {
  results.push({ name, ok: false, detail: `not run: ${why}` });
  log(`✘ ${name}: not run: ${why}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function main(): Promise<void> {
  log(
    `Backstage ${BACKSTAGE_RELEASE} (@backstage/create-app@${CREATE_APP_VERSION}); cache ${cache}; logs ${runDir}`,
  );
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const logOf = (name: string) => path.join(runDir, `${name}.log`);

  const tools = await prepareToolchain(cache, logOf('toolchain'));
  log(`Node ${tools.nodeVersion} (${tools.node})`);
  const appDir = await baseApp(cache, tools, logOf('scaffold'));
  const yarn = (args: string[], name: string, timeoutMs: number) =>
    run('yarn', args, {
      cwd: appDir,
      env: tools.env,
      timeoutMs,
      logFile: logOf(name),
    });

  const installed = await check(
    'our packages as workspace copies + yarn install',
    async () => {
      addPlugins(appDir, repoDir);
      pinRelease(appDir);
      await yarn(['install'], 'install', 20 * MINUTE);
      return `plugins/gcp-serverless{,-backend,-common}; backend.add(import(@gcp-serverless/plugin-backend)); app depends on @gcp-serverless/plugin-frontend; resolutions ${JSON.stringify(
        RELEASE_PINS,
      )}`;
    },
  );
  if (!installed) return;

  await check('yarn tsc', async () => {
    await yarn(['tsc'], 'tsc', 20 * MINUTE);
    return 'no type errors';
  });
  await check('yarn build:backend', async () => {
    await yarn(['build:backend'], 'build-backend', 20 * MINUTE);
    return 'packages/backend/dist/bundle.tar.gz';
  });
  const appBuilt = await check(
    'app build (yarn workspace app build)',
    async () => {
      await yarn(['workspace', 'app', 'build'], 'build-app', 25 * MINUTE);
      return 'packages/app/dist';
    },
  );

  let sandbox: Sandbox | undefined;
  let backend: Service | undefined;
  let browser: Browser | undefined;
  try {
    sandbox = await startSandbox({ port: 0, scenarios: ['gryyd-web'] });
    log(`sandbox on ${sandbox.url}`);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const configs = writeAppConfig(appDir, port, sandbox.url);
    const backendLog = logOf('backend');
    const booted = await check(
      `backend boots with the plugin (${base})`,
      async () => {
        backend = startService(
          'yarn',
          [
            'workspace',
            'backend',
            'start',
            ...configs.flatMap(c => ['--config', c]),
          ],
          { cwd: appDir, env: tools.env, logFile: backendLog },
        );
        await waitForBackend(base, backend, 10 * MINUTE);
        return '/api/gcp-serverless/health answers';
      },
    );
    if (!booted) {
      if (backend)
        console.log(
          `---- last lines of the backend ----\n${backend.tail()}\n--------------------`,
        );
      return;
    }
    await check('backend startup completes (every plugin started)', () =>
      backendStartupCompletes(backendLog, 5 * MINUTE),
    );
    let token = '';
    const signedIn = await check('guest token', async () => {
      token = await guestToken(base);
      return 'user:development/guest';
    });
    if (signedIn) {
      await check(
        'guest reads /api/gcp-serverless/projects/gryyd-web/services',
        () => withTimeout('read', 2 * MINUTE, readsServices(base, token)),
      );
      await check("the read model's computation thread", () =>
        readModelComputesInItsThread(backendLog, MINUTE),
      );
      await check("error bodies in Backstage's serialized form", () =>
        withTimeout('error form', MINUTE, errorBodies(base, token)),
      );
      await check('permissions registered', () =>
        withTimeout(
          'permissions',
          MINUTE,
          permissionsRegistered(
            base,
            token,
            gcpServerlessPermissions.map(p => p.name),
          ),
        ),
      );
      await check('scaling apply recorded with the user as actor', () =>
        withTimeout(
          'scaling apply',
          3 * MINUTE,
          scalingApplyRecordsUser(base, token, backendLog),
        ),
      );
    } else {
      for (const name of [
        'reads',
        'error form',
        'permissions',
        'scaling apply',
      ])
        skip(name, 'no guest token');
    }
    if (!appBuilt) {
      skip('plugin page + sidebar in Chromium', 'the app build failed');
      skip('entity tab in Chromium', 'the app build failed');
      return;
    }
    browser = await launchChromium();
    await check('plugin page + sidebar in Chromium', () =>
      withTimeout(
        'plugin page',
        3 * MINUTE,
        pluginPageRenders(browser!, base, path.join(runDir, 'plugin-page.png')),
      ),
    );
    await check('entity tab in Chromium', () =>
      withTimeout(
        'entity tab',
        6 * MINUTE,
        entityTabRenders(browser!, base, path.join(runDir, 'entity-tab.png')),
      ),
    );
  } finally {
    await browser?.close().catch(() => undefined);
    await backend?.stop();
    await sandbox?.close().catch(() => undefined);
  }
}

const overallMinutes = Number(process.env.CHECK_TIMEOUT_MINUTES ?? 60);
const watchdog = setTimeout(() => {
  log(`the whole check exceeded ${overallMinutes} minutes; stopping`);
  stopAll();
  process.exit(1);
}, overallMinutes * MINUTE);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopAll();
    process.exit(1);
  });
}

main()
  .catch(error => {
    results.push({
      name: 'setup',
      ok: false,
      detail: error instanceof Error ? error.message : String(error),
    });
    log(`✘ setup: ${error instanceof Error ? error.stack : String(error)}`);
    if (error instanceof CommandError && error.tail)
      console.log(`---- last lines ----\n${error.tail}\n--------------------`);
  })
  .finally(() => {
    clearTimeout(watchdog);
    stopAll();
    const failed = results.filter(r => !r.ok);
    console.log('\nBackstage app check:');
    for (const r of results)
      console.log(
        `  ${r.ok ? 'PASS' : 'FAIL'}  ${r.name}${r.ok ? '' : ` — ${r.detail}`}`,
      );
    console.log(
      `checks: ${results.length - failed.length} passed, ${
        failed.length
      } failed`,
    );
    process.exit(failed.length || results.length === 0 ? 1 : 0);
  });
