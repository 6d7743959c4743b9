import { readFileSync } from 'node:fs';
import type { GcpServerlessConfigInput } from '@gcp-serverless/plugin-backend';

/**
 * Reads a JSON config file (`GCP_SERVERLESS_CONFIG=path`), whose `gcpServerless` key holds the
 * plugin config. Returns undefined when no file is configured: the portal then runs on the sandbox.
 */
export function readConfigFile(
  path: string | undefined,
): GcpServerlessConfigInput | undefined {
  if (!path) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(
      `Cannot read config file ${path}: ${(err as Error).message}`,
    );
  }
  const section = (raw as { gcpServerless?: unknown }).gcpServerless;
  if (!section)
    throw new Error(`Config file ${path} has no "gcpServerless" key`);
  return section as GcpServerlessConfigInput;
}
