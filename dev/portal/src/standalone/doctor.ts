import { parseArgs } from 'node:util';
import { formatSetupReport } from '@gcp-serverless/common';
import { runSetupDoctor } from '@gcp-serverless/plugin-backend';
import type { Sandbox } from '@gcp-serverless/sandbox';
import { readConfigFile } from './configFile';
import { DOCTOR_USAGE, doctorOptions } from './doctorOptions';

/** `npm run doctor`: what is missing for the configured projects, and what fixes each. */
async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: doctorOptions(), strict: true }));
  } catch (err) {
    console.error(`doctor: ${(err as Error).message}\n${DOCTOR_USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(DOCTOR_USAGE);
    return 0;
  }
  let config = readConfigFile(values.config);
  let sandbox: Sandbox | undefined;
  if (!config) {
    // Loaded only without a config: against Google the emulator's code is never needed.
    const [{ startSandbox }, { sandboxConfig }] = await Promise.all([
      import('@gcp-serverless/sandbox'),
      import('./standaloneConfig'),
    ]);
    sandbox = await startSandbox({ port: 0 });
    config = sandboxConfig(sandbox.url, sandbox.world);
  }
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
