import { parseArgs } from 'node:util';
import { isScenarioName, MAX_FLEET_SIZE } from './scenarios';
import { SANDBOX_CLI_OPTIONS, SANDBOX_CLI_USAGE } from './cliOptions';
import { startSandbox } from './server';

/**
 * `npm run sandbox -- --port 8123 [--scenario gryyd-web ...|--scenario a,b] [--services 200]`:
 * runs the GCP sandbox in the foreground until Ctrl-C.
 */

function fail(message: string): never {
  console.error(`sandbox: ${message}\n${SANDBOX_CLI_USAGE}`);
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
      options: SANDBOX_CLI_OPTIONS,
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) {
    console.log(SANDBOX_CLI_USAGE);
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
