import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRouter,
  examplePath,
  listRoutes,
} from '@gcp-serverless/plugin-backend';

/**
 * `npm start` against Google Cloud on a machine without Application Default Credentials, as a child
 * process so that its environment really has none: an empty HOME (no gcloud ADC file), no
 * GOOGLE_APPLICATION_CREDENTIALS, and the metadata server switched off and pointed at a closed
 * loopback port, so nothing can leave the machine. Every route must answer — with the fix named
 * where Google was needed — and the process must still be there.
 */
const START = fileURLToPath(new URL('./start.ts', import.meta.url));
const FIX =
  'run `gcloud auth application-default login` or attach a service account';
const PROJECT = 'my-real-project';
const REGION = 'us-central1';

const pluginConfig = {
  mode: 'gcp' as const,
  projects: [{ projectId: PROJECT, regions: [REGION] }],
  billing: {
    accountId: '012345-6789AB-CDEF01',
    export: { projectId: PROJECT, dataset: 'billing_export' },
  },
  // The workstation setup: one's own edits, recognised on loopback only.
  access: {
    identity: { type: 'local' as const, user: 'me@example.com' },
    roles: { editor: ['*'], finance: ['*'] },
  },
  history: { sqliteFile: ':memory:' },
};

let child: ReturnType<typeof spawn>;
let url = '';
let output = '';

beforeAll(async () => {
  const home = mkdtempSync(path.join(tmpdir(), 'gcp-serverless-no-adc-'));
  const configFile = path.join(home, 'config.json');
  writeFileSync(configFile, JSON.stringify({ gcpServerless: pluginConfig }));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    METADATA_SERVER_DETECTION: 'none',
    GCE_METADATA_HOST: '127.0.0.1:9',
    GCE_METADATA_IP: '127.0.0.1:9',
    NODE_ENV: 'test',
  };
  child = spawn(
    process.execPath,
    ['--import', 'tsx', START, '--port', '0', '--config', configFile],
    { env, cwd: path.dirname(START), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', chunk => (output += chunk));
  child.stderr!.on('data', chunk => (output += chunk));
  url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const match = /portal ready at (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!.replace('localhost', '127.0.0.1'));
    });
    child.on('exit', code =>
      reject(new Error(`portal exited with ${code}:\n${output}`)),
    );
  });
}, 120_000);

afterAll(() => {
  child?.kill('SIGTERM');
});

/** The plugin's routes, enumerated from the router itself (building it makes no request). */
async function routes() {
  const config = {
    ...pluginConfig,
    mode: 'sandbox' as const,
    sandbox: { endpoint: 'http://127.0.0.1:9' },
  };
  const silent = { info() {}, warn() {}, error() {} };
  return listRoutes(await createRouter({ config, logger: silent }));
}

describe('gcp mode without Application Default Credentials', () => {
  it('answers every route, names the fix wherever Google was needed, and keeps running', async () => {
    const answers: string[] = [];
    for (const route of await routes()) {
      const pathname = examplePath(route.path, {
        projectId: PROJECT,
        region: REGION,
      });
      const res = await fetch(`${url}/api/gcp-serverless${pathname}`, {
        method: route.method.toUpperCase(),
        headers: { 'content-type': 'application/json' },
        ...(route.method === 'get' ? {} : { body: '{}' }),
      });
      const text = await res.text();
      answers.push(`${route.method.toUpperCase()} ${pathname} → ${res.status}`);
      expect(res.status, `${route.method} ${pathname}: ${text}`).not.toBe(500);
      if (res.status === 503)
        expect(text, `${route.method} ${pathname}`).toContain(FIX);
    }
    // The pages that need Google say how to fix it (a whole-page error or a panel error).
    for (const page of [
      '/projects/my-real-project/services',
      '/projects/my-real-project/queues',
      '/projects/my-real-project/redis',
      '/billing/budgets',
      '/projects/my-real-project/routing',
      '/projects/my-real-project/cdn',
      '/projects/my-real-project/topology',
    ]) {
      const text = await (
        await fetch(`${url}/api/gcp-serverless${page}`)
      ).text();
      expect(text, page).toContain(FIX);
    }
    const health = await fetch(`${url}/api/gcp-serverless/health`);
    expect(health.status).toBe(200);
    expect(child.exitCode, output).toBeNull();
    expect(output).not.toMatch(
      /Could not load the default credentials[\s\S]*Node\.js v/,
    );
    expect(answers.length).toBeGreaterThan(20);
  }, 180_000);
});
