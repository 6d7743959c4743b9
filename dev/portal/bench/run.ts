import http from 'node:http';
import { performance } from 'node:perf_hooks';
import express from 'express';
import { createRouter } from '@gcp-serverless/plugin-backend';
import { startSandbox } from '@gcp-serverless/sandbox';
import { sandboxConfig } from '../src/standalone/standaloneConfig';

/**
 * `npm run bench`: how long the portal's main reads take against the sandbox, for fleets of several
 * sizes, and how many Google calls each costs. Speed is measured here, never asserted in tests.
 * Usage: npm run bench -- [--sizes 10,200,1000] [--rounds 5]
 */
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const sizes = (args.get('sizes') ?? '10,200,1000').split(',').map(Number);
const rounds = Number(args.get('rounds') ?? 5);

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p90: at(0.9), min: sorted[0]! };
}

async function benchFleet(size: number) {
  const sandbox = await startSandbox({ port: 0, scenarios: ['scale-fleet'], services: size });
  const app = express();
  const quiet = { info() {}, warn() {}, error() {} };
  app.use('/api/gcp-serverless', await createRouter({ config: sandboxConfig(sandbox.url, sandbox.world), logger: quiet, now: () => sandbox.clock.now() }));
  const server = http.createServer(app);
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/gcp-serverless`;
  const rows: Record<string, unknown>[] = [];
  for (const [label, path] of [
    ['list 1h', '/projects/scale-fleet/services?window=1h'],
    ['list 7d', '/projects/scale-fleet/services?window=7d'],
    ['detail 24h', '/projects/scale-fleet/locations/us-central1/services/fleet-svc-0001?window=24h'],
  ] as const) {
    await fetch(base + path); // warm-up
    await fetch(`${sandbox.url}/_sandbox/counters`, { method: 'DELETE' });
    const samples: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      const res = await fetch(base + path);
      if (!res.ok) throw new Error(`${label}: HTTP ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      samples.push(performance.now() - t);
    }
    const counts = (await (await fetch(`${sandbox.url}/_sandbox/counters`)).json()).counts as Record<string, number>;
    const perCall = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v / rounds]));
    const s = stats(samples);
    rows.push({ services: size, request: label, 'median ms': s.median.toFixed(0), 'p90 ms': s.p90.toFixed(0), 'Google calls per request': JSON.stringify(perCall) });
  }
  server.closeAllConnections();
  await new Promise<void>(r => server.close(() => r()));
  await sandbox.close();
  return rows;
}

const all: Record<string, unknown>[] = [];
for (const size of sizes) all.push(...(await benchFleet(size)));
console.table(all);
