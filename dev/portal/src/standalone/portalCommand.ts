import { parseArgs } from 'node:util';
import { readConfigFile } from './configFile';
import { startPortal } from './startPortal';
import { DEV_USAGE, START_USAGE, startOptions } from './startOptions';
import { warmHomePage } from './warmHomePage';
import { ensureWebBuild } from './webBuild';
import {
  runSetupDoctor,
  type GcpServerlessConfig,
} from '@gcp-serverless/plugin-backend';

/**
 * How long after ready the start-up setup check runs, ms: it reads several Google APIs and decodes
 * their answers on this thread, and nothing waits for it (the setup page runs its own check), so it
 * comes after the first visitor's page and the read model's first snapshots, which the background
 * refresh starts computing at ready (docs/performance.md).
 */
const STARTUP_CHECK_DELAY_MS = 20_000;

/**
 * How long `npm start` waits, before it says ready, for the home page's first snapshots (warmHomePage.ts),
 * ms: a few seconds at the default sandbox; a large fleet or a slow Google may take longer, and then the
 * portal says ready anyway (its pages say what is still being computed).
 */
const WARM_UP_LIMIT_MS = 15_000;

/**
 * `npm start` (`command` 'start') and `npm run dev` ('dev'): the portal on http://localhost:7007.
 * Without GCP_SERVERLESS_CONFIG it runs against the embedded GCP sandbox (no Google account needed);
 * with it, against whatever the file says. `start` serves the production build of the web app,
 * building it first when it is missing or stale; `dev` serves the sources through Vite's dev server
 * with hot reload.
 */
export function runPortalCommand(command: 'start' | 'dev'): void {
  main(command).catch(err => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}

async function main(command: 'start' | 'dev'): Promise<void> {
  // Last resort: every Google call is awaited and mapped, but one rejection nobody awaited must not
  // take the portal down for every user. It is logged with what we know, and the portal keeps serving.
  process.on('unhandledRejection', reason => {
    const detail =
      reason instanceof Error ? reason.stack ?? reason.message : String(reason);
    console.error(
      `gcp-serverless portal: unhandled rejection (the portal keeps running; please report it): ${detail}`,
    );
  });
  const usage = command === 'start' ? START_USAGE : DEV_USAGE;
  let values;
  try {
    ({ values } = parseArgs({ options: startOptions(), strict: true }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  const started = Date.now();
  const config = readConfigFile(values.config);
  if (command === 'start') await ensureWebBuild();
  const portal = await startPortal({
    port: Number(values.port),
    host: values.host!,
    config,
    ...(values.services ? { services: Number(values.services) } : {}),
    prebuilt: command === 'start',
    sandboxThread: true,
  });
  // The portal listens already; it says ready once the home page's first visit would find its
  // snapshots computed and the serving thread no longer busy computing them.
  const warmth = await warmHomePage(portal.url, WARM_UP_LIMIT_MS);
  const warmed =
    warmth.computing > 0
      ? `; the home page's first snapshots of ${warmth.computing} project${
          warmth.computing === 1 ? '' : 's'
        } are still being computed`
      : `; the home page's first snapshots computed in ${(
          warmth.ms / 1000
        ).toFixed(1)} s`;
  const where = portal.url.replace('127.0.0.1', 'localhost');
  const web =
    command === 'start'
      ? 'web app: production build'
      : 'web app: Vite dev server, hot reload';
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    portal.sandboxUrl
      ? `gcp-serverless portal ready at ${where} in ${seconds} s (${web}; embedded GCP sandbox at ${portal.sandboxUrl}, in its own thread${warmed})`
      : `gcp-serverless portal ready at ${where} in ${seconds} s (${web}; against Google Cloud${warmed})`,
  );
  console.log('Press Ctrl-C to stop.');
  // The doctor's checks, logged once soon after start-up: what is missing and what fixes it (also
  // `npm run doctor` and the setup page). Not awaited: the portal serves meanwhile, and a failure is only logged.
  const check = setTimeout(
    () => logSetupCheck(portal.config),
    STARTUP_CHECK_DELAY_MS,
  );
  check.unref();
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1);
    stopping = true;
    clearTimeout(check);
    console.log('Stopping…');
    portal.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Runs the doctor once and logs what it found. */
function logSetupCheck(config: GcpServerlessConfig): void {
  runSetupDoctor(config).then(
    report =>
      console.log(
        report.ok
          ? 'setup check: everything the configured features need is in place'
          : `setup check found problems (open /setup in the portal, or run npm run doctor):\n${report.problems
              .map(p => `  - ${p}`)
              .join('\n')}`,
      ),
    err =>
      console.error(
        `setup check failed: ${
          err instanceof Error ? err.message : String(err)
        }`,
      ),
  );
}
