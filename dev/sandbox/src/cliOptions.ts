import { MAX_FLEET_SIZE, SCENARIO_NAMES } from './scenarios';

/**
 * The command line of `npm run sandbox` (`cli.ts`), here so that `--help` and the docs check of the
 * portal package (`dev/portal/src/repo/cliDocs.test.ts`) read the same list.
 */
export const SANDBOX_CLI_USAGE = `usage: npm run sandbox -- [--port N] [--scenario NAME[,NAME…]]… [--services N] [setup failures]
  --port N          TCP port on 127.0.0.1 (default 8123; 0 = any free port)
  --scenario NAME   scenario project(s) to load, repeatable or comma separated (default all):
                    ${SCENARIO_NAMES.join(', ')}
  --services N      number of services in scale-fleet (default 200, max ${MAX_FLEET_SIZE}; up to 1,000 in
                    us-central1, more spread over regions: Cloud Run allows 1,000 per region and project)
  -h, --help        this text
setup failures, played as Google answers them (docs/sandbox.md#setup-failures):
  --no-credentials                   every Google API call answers 401 UNAUTHENTICATED
  --disable-api PROJECT:SERVICE      an API disabled in a project (SERVICE_DISABLED), e.g. avocano-shop:run.googleapis.com
  --deny-permission PROJECT:PERM     a permission not held on a project, e.g. avocano-shop:cloudtasks.queues.list
  --unknown-project PROJECT          a project Google cannot show (403 "or it may not exist")
  (each repeatable; change them later with PUT /_sandbox/setup-failures)`;

/** `parseArgs` options of `npm run sandbox`. */
export const SANDBOX_CLI_OPTIONS = {
  port: { type: 'string' },
  scenario: { type: 'string', multiple: true },
  services: { type: 'string' },
  'no-credentials': { type: 'boolean' },
  'disable-api': { type: 'string', multiple: true },
  'deny-permission': { type: 'string', multiple: true },
  'unknown-project': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;
