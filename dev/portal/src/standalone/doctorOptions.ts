/**
 * The command line of `npm run doctor` (`doctor.ts`), here so that `--help` and the docs check
 * (`src/repo/cliDocs.test.ts`) read the same list.
 */
export const DOCTOR_USAGE = `usage: npm run doctor -- [--config FILE] [--json]
  --config FILE   the portal's config file (default: $GCP_SERVERLESS_CONFIG; without one, a fresh embedded sandbox)
  --json          print the report as JSON instead of text
  -h, --help      this text
Checks, per configured project: credentials and whose they are, each Google API the features use enabled,
each IAM permission they need held (with the role that grants it), budgets and the billing export readable.
Exits 0 when nothing is missing, 1 when something is, 2 on bad usage.`;

/** `parseArgs` options of `npm run doctor`, defaults from the environment. */
export function doctorOptions(env: NodeJS.ProcessEnv = process.env) {
  return {
    config: { type: 'string', default: env.GCP_SERVERLESS_CONFIG },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  } as const;
}
