import { parseArgs } from 'node:util';
import { formatSetupReport } from '@gcp-serverless/common';
import { runSetupDoctor } from '@gcp-serverless/plugin-backend';
import { startSandbox } from '@gcp-serverless/sandbox';
import { readConfigFile, sandboxConfig } from './standaloneConfig';

const USAGE = `usage: npm run doctor -- [--config FILE] [--json]
  --config FILE   the portal's config file (default: $GCP_SERVERLESS_CONFIG; without one, a fresh embedded sandbox)
  --json          print the report as JSON instead of text
Checks, per configured project: credentials and whose they are, each Google API the features use enabled,
each IAM permission they need held (with the role that grants it), budgets and the billing export readable.
Exits 0 when nothing is missing, 1 when something is, 2 on bad usage.`;

/** `npm run doctor`: what is missing for the configured projects, and what fixes each. */
async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        config: { type: 'string', default: process.env.GCP_SERVERLESS_CONFIG },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    console.error(`doctor: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  let config = readConfigFile(values.config);
  const sandbox = config ? undefined : await startSandbox({ port: 0 });
  if (sandbox) config = sandboxConfig(sandbox.url, sandbox.world);
  try {
    const report = await runSetupDoctor(config!);
    console.log(
      values.json
        ? JSON.stringify(report, null, 2)
        : formatSetupReport(report).join('\n'),
    );
    return report.ok ? 0 : 1;
  } finally {
    await sandbox?.close();
  }
}

main().then(
  code => process.exit(code),
  err => {
    console.error(
      `doctor: ${err instanceof Error ? err.message : String(err)}`,
    );
    process.exit(2);
  },
);
