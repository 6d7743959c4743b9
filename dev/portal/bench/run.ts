import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import {
  sandboxConfigFor,
  type SandboxProjectRegions,
} from '../src/standalone/standaloneConfig';
import {
  startPortalProcess,
  startSandboxProcess,
  type ServerProcess,
} from './benchProcesses';
import { initialJsSize } from './initialJsSize';
import { BENCH_OPTIONS, BENCH_USAGE } from './benchOptions';

/**
 * `npm run bench`: the reference measurement of issue 10 (docs/performance.md). The sandbox and the
 * portal each run in their own process, every Google call answers after an injected round trip, and
 * for each fleet size the cold and warm latency of the overview and the services list, the Google
 * calls they cost, 50 viewers opening the overview together, the portal's event-loop delay and RSS,
 * and the initial JS of the built web app are reported. Speed is measured here, never in tests.
 */
const { values: flags } = parseArgs({ options: BENCH_OPTIONS, strict: true });
if (flags.help) {
  console.log(BENCH_USAGE);
  process.exit(0);
}
const sizes = flags.sizes!.split(',').map(Number);
const rttMs = Number(flags['rtt-ms']);
const rounds = Number(flags.rounds);
const viewers = Number(flags.viewers);
const timeoutMs = Number(flags['timeout-s']) * 1000;
if (
  sizes.some(n => !Number.isInteger(n) || n < 0) ||
  !(rttMs >= 0) ||
  !(rounds >= 1) ||
  !(viewers >= 1)
) {
  console.error(BENCH_USAGE);
  process.exit(2);
}
const progress = (line: string) =>
  process.stderr.write(
    `[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`,
  );

/** One timed portal request. */
interface Sample {
  ms: number;
  status: number;
  /** 200 with no panel error anywhere in the body. */
  full: boolean;
}

/** True when `body` holds a non-empty `errors` array at any depth (a panel that failed). */
function hasErrors(body: unknown): boolean {
  if (Array.isArray(body)) return body.some(hasErrors);
  if (!body || typeof body !== 'object') return false;
  return Object.entries(body).some(
    ([key, value]) =>
      (key === 'errors' && Array.isArray(value) && value.length > 0) ||
      hasErrors(value),
  );
}

async function timed(url: string): Promise<Sample> {
  const started = performance.now();
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    const ms = performance.now() - started;
    let full = false;
    try {
      full = res.status === 200 && !hasErrors(JSON.parse(text));
    } catch {
      full = false;
    }
    return { ms, status: res.status, full };
  } catch {
    return { ms: performance.now() - started, status: 0, full: false };
  }
}

const quantile = (samples: number[], q: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN
  );
};

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok)
    throw new Error(
      `${init?.method ?? 'GET'} ${url}: HTTP ${res.status} ${await res.text()}`,
    );
  return (await res.json()) as T;
}

/** Google calls the sandbox answered since the last reset, by method, and their total. */
async function upstreamCalls(
  sandbox: ServerProcess,
): Promise<{ total: number; byMethod: Record<string, number> }> {
  const { counts } = await json<{ counts: Record<string, number> }>(
    `${sandbox.url}/_sandbox/counters`,
  );
  return {
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    byMethod: counts,
  };
}
const resetCalls = (sandbox: ServerProcess) =>
  json(`${sandbox.url}/_sandbox/counters`, { method: 'DELETE' });

interface PortalStats {
  eventLoopDelayMs: { p50: number; p99: number; max: number; mean: number };
  rssBytes: number;
  maxRssBytes: number;
}
const portalStats = (portal: ServerProcess, reset = false) =>
  json<PortalStats>(`${portal.url}/_debug/metrics${reset ? '?reset=1' : ''}`);

/** Measures one read on a fresh portal: cold, then `rounds` warm requests. */
async function coldAndWarm(
  sandbox: ServerProcess,
  config: unknown,
  path: string,
  label: string,
) {
  progress(`${label}: starting a fresh portal`);
  const portal = await startPortalProcess(config);
  try {
    await portalStats(portal, true);
    await resetCalls(sandbox);
    progress(`${label}: cold request`);
    const cold = await timed(portal.url + path);
    const coldCalls = await upstreamCalls(sandbox);
    progress(
      `${label}: cold ${cold.ms.toFixed(0)} ms, HTTP ${cold.status}, ${
        coldCalls.total
      } Google calls; ${rounds} warm requests`,
    );
    await resetCalls(sandbox);
    const warm: Sample[] = [];
    for (let i = 0; i < rounds; i++) warm.push(await timed(portal.url + path));
    const warmCalls = await upstreamCalls(sandbox);
    const stats = await portalStats(portal);
    const warmMs = warm.map(s => s.ms);
    return {
      cold: {
        ms: Math.round(cold.ms),
        status: cold.status,
        full: cold.full,
        roundTrips: rttMs > 0 ? Number((cold.ms / rttMs).toFixed(1)) : null,
        upstreamCalls: coldCalls.total,
        upstreamByMethod: coldCalls.byMethod,
      },
      warm: {
        p50Ms: Math.round(quantile(warmMs, 0.5)),
        p95Ms: Math.round(quantile(warmMs, 0.95)),
        roundTrips:
          rttMs > 0 ? Number((quantile(warmMs, 0.5) / rttMs).toFixed(1)) : null,
        upstreamCallsPerRequest: Number((warmCalls.total / rounds).toFixed(1)),
        full: warm.filter(s => s.full).length,
        requests: rounds,
      },
      portal: stats,
    };
  } finally {
    await portal.stop();
  }
}

/** `viewers` requests of a cold overview at once on a fresh portal. */
async function concurrentViewers(
  sandbox: ServerProcess,
  config: unknown,
  path: string,
) {
  progress(`${viewers} viewers: starting a fresh portal`);
  const portal = await startPortalProcess(config);
  try {
    await portalStats(portal, true);
    await resetCalls(sandbox);
    const started = performance.now();
    const samples = await Promise.all(
      Array.from({ length: viewers }, () => timed(portal.url + path)),
    );
    const calls = await upstreamCalls(sandbox);
    const stats = await portalStats(portal);
    progress(
      `${viewers} viewers: ${
        samples.filter(s => s.full).length
      } full answers, ${calls.total} Google calls, ${(
        performance.now() - started
      ).toFixed(0)} ms`,
    );
    return {
      viewers,
      fullAnswers: samples.filter(s => s.full).length,
      ok: samples.filter(s => s.status === 200).length,
      upstreamCalls: calls.total,
      slowestMs: Math.round(Math.max(...samples.map(s => s.ms))),
      portal: stats,
    };
  } finally {
    await portal.stop();
  }
}

async function benchSize(services: number) {
  progress(`${services} services: starting the sandbox`);
  const sandbox = await startSandboxProcess(services);
  try {
    if (rttMs > 0)
      await json(`${sandbox.url}/_sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ api: '*', latencyMs: rttMs }),
      });
    const { projects } = await json<{ projects: SandboxProjectRegions[] }>(
      `${sandbox.url}/_sandbox/projects`,
    );
    // The portal's own deadlines, as an operator would run it: a read past them shows as a partial answer.
    const config = sandboxConfigFor(sandbox.url, projects);
    const window = flags.window!;
    const overview = await coldAndWarm(
      sandbox,
      config,
      `/api/gcp-serverless/overview?window=${window}`,
      `${services} services, overview`,
    );
    const list = await coldAndWarm(
      sandbox,
      config,
      `/api/gcp-serverless/projects/scale-fleet/services?window=${window}`,
      `${services} services, services list`,
    );
    const concurrent = await concurrentViewers(
      sandbox,
      config,
      `/api/gcp-serverless/overview?window=${window}`,
    );
    const portals = [overview.portal, list.portal, concurrent.portal];
    return {
      services,
      regions: projects[0]?.regions.length ?? 0,
      overview: { cold: overview.cold, warm: overview.warm },
      servicesList: { cold: list.cold, warm: list.warm },
      concurrent,
      eventLoopDelayP99Ms: Math.max(
        ...portals.map(p => p.eventLoopDelayMs.p99),
      ),
      eventLoopDelayMaxMs: Math.max(
        ...portals.map(p => p.eventLoopDelayMs.max),
      ),
      portalMaxRssMB: Math.round(
        Math.max(...portals.map(p => p.maxRssBytes)) / 2 ** 20,
      ),
    };
  } finally {
    await sandbox.stop();
  }
}

function buildWebApp() {
  const portalRoot = path.resolve(
    path.dirname(fileURLToPath(import.meta.url)),
    '..',
  );
  const dist = path.join(portalRoot, 'dist/web');
  if (!flags['skip-build'] || !existsSync(path.join(dist, 'index.html'))) {
    progress('building the web app (vite build)');
    execFileSync('npm', ['run', 'build', '--silent'], {
      cwd: portalRoot,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  return initialJsSize(dist);
}

const machine = {
  nproc: os.cpus().length,
  memoryGB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  loadAverage1m: Number(os.loadavg()[0]!.toFixed(1)),
};
const startedAt = new Date().toISOString();
const initialJs = buildWebApp();
progress(
  `initial JS: ${(initialJs.gzipBytes / 1024).toFixed(0)} KB gzip in ${
    initialJs.files.length
  } files`,
);
const results = [];
for (const services of sizes) results.push(await benchSize(services));

const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
const rt = (r: number | null) => (r === null ? '' : ` (≈${r} RTT)`);
const rows: Record<string, Record<string, string>> = {};
for (const r of results) {
  rows[`${r.services} services`] = {
    'overview cold': `${r.overview.cold.ms} ms${rt(
      r.overview.cold.roundTrips,
    )}${r.overview.cold.full ? '' : ' partial'}`,
    'overview warm p50/p95': `${r.overview.warm.p50Ms}/${r.overview.warm.p95Ms} ms`,
    'list cold': `${r.servicesList.cold.ms} ms${rt(
      r.servicesList.cold.roundTrips,
    )}${r.servicesList.cold.full ? '' : ' partial'}`,
    'list warm p50/p95': `${r.servicesList.warm.p50Ms}/${r.servicesList.warm.p95Ms} ms`,
    'Google calls: overview cold/warm, list cold/warm': `${r.overview.cold.upstreamCalls}/${r.overview.warm.upstreamCallsPerRequest}, ${r.servicesList.cold.upstreamCalls}/${r.servicesList.warm.upstreamCallsPerRequest}`,
    [`${viewers} viewers: full answers, Google calls`]: `${r.concurrent.fullAnswers}/${viewers}, ${r.concurrent.upstreamCalls}`,
    'event loop p99': `${r.eventLoopDelayP99Ms} ms`,
    'portal RSS (peak)': `${r.portalMaxRssMB} MB`,
  };
}
console.log(
  `\nnpm run bench: round trip ${rttMs} ms, ${rounds} warm rounds, window ${flags.window}; ${machine.nproc} cores, ${machine.memoryGB} GB, Node ${machine.node}, load ${machine.loadAverage1m}`,
);
console.log(
  `initial JS: ${kb(initialJs.gzipBytes)} gzip (${kb(
    initialJs.rawBytes,
  )} raw) in ${initialJs.files.length} files`,
);
console.table(rows);
if (flags.json) {
  writeFileSync(
    flags.json,
    JSON.stringify(
      {
        startedAt,
        finishedAt: new Date().toISOString(),
        machine,
        options: { sizes, rttMs, rounds, viewers, window: flags.window },
        initialJs,
        results,
      },
      null,
      2,
    ),
  );
  progress(`wrote ${flags.json}`);
}
