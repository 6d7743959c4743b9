import { parseArgs } from 'node:util';
import { isScenarioName, MAX_FLEET_SIZE, SCENARIO_NAMES } from './scenarios';
import { startSandbox } from './server';

/**
 * `npm run sandbox -- --port 8123 [--scenario gryyd-web ...|--scenario a,b] [--services 200]`:
 * runs the GCP sandbox in the foreground until Ctrl-C.
 */

const USAGE = `usage: npm run sandbox -- [--port N] [--scenario NAME[,NAME…]]… [--services N] [setup failures]
  --port N          TCP port on 127.0.0.1 (default 8123; 0 = any free port)
  --scenario NAME   scenario project(s) to load, repeatable or comma separated (default all):
                    ${SCENARIO_NAMES.join(', ')}
  --services N      number of services in scale-fleet (default 200, max ${MAX_FLEET_SIZE}; up to 1,000 in
                    us-central1, more spread over regions: Cloud Run allows 1,000 per region and project)
setup failures, played as Google answers them (docs/sandbox.md#setup-failures):
  --no-credentials                   every Google API call answers 401 UNAUTHENTICATED
  --disable-api PROJECT:SERVICE      an API disabled in a project (SERVICE_DISABLED), e.g. avocano-shop:run.googleapis.com
  --deny-permission PROJECT:PERM     a permission not held on a project, e.g. avocano-shop:cloudtasks.queues.list
  --unknown-project PROJECT          a project Google cannot show (403 "or it may not exist")
  (each repeatable; change them later with PUT /_sandbox/setup-failures)`;

function fail(message: string): never {
  console.error(`sandbox: ${message}\n${USAGE}`);
  process.exit(2);
}

function integerFlag(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    fail(
      `--${name} must be an integer between ${min} and ${max}, got "${value}"`,
    );
  return n;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        port: { type: 'string' },
        scenario: { type: 'string', multiple: true },
        services: { type: 'string' },
        'no-credentials': { type: 'boolean' },
        'disable-api': { type: 'string', multiple: true },
        'deny-permission': { type: 'string', multiple: true },
        'unknown-project': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = integerFlag('port', values.port, 0, 65535) ?? 8123;
  const services = integerFlag('services', values.services, 0, MAX_FLEET_SIZE);
  const scenarios = values.scenario
    ?.flatMap(s => s.split(','))
    .map(s => s.trim())
    .filter(Boolean);
  const unknown = scenarios?.filter(s => !isScenarioName(s)) ?? [];
  if (unknown.length) fail(`unknown scenario ${unknown.join(', ')}`);

  const pairs = (flag: string, list: string[] | undefined) =>
    (list ?? []).map(value => {
      const at = value.indexOf(':');
      if (at <= 0 || at === value.length - 1)
        fail(`--${flag} takes PROJECT:VALUE, got "${value}"`);
      return [value.slice(0, at), value.slice(at + 1)] as const;
    });
  const setupFailures = {
    ...(values['no-credentials'] ? { credentials: 'missing' as const } : {}),
    disabledApis: pairs('disable-api', values['disable-api']).map(
      ([projectId, service]) => ({ projectId, service }),
    ),
    deniedPermissions: pairs('deny-permission', values['deny-permission']).map(
      ([projectId, permission]) => ({ projectId, permission }),
    ),
    unknownProjects: values['unknown-project'] ?? [],
  };
  let sandbox;
  try {
    sandbox = await startSandbox({
      port,
      setupFailures,
      ...(scenarios?.length ? { scenarios } : {}),
      ...(services !== undefined ? { services } : {}),
    });
  } catch (error) {
    fail((error as Error).message.split('\n')[0]!);
  }
  console.log(`GCP sandbox listening on ${sandbox.url}`);
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`sandbox: ${(error as Error).message}`);
  process.exit(1);
});
