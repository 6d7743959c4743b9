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
import { buildPortalServer } from './portalServerBuild';
import { BENCH_OPTIONS, BENCH_USAGE } from './benchOptions';
import { roundTripDepth, type TimedCall } from './roundTripDepth';

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
const profileDir = flags.profile ? path.resolve(flags.profile) : undefined;
const portalKind = flags.portal!;
/** The portal runs as a deployed backend does, built (portalServerBuild.ts), unless `--portal tsx`. */
let builtPortal: string | undefined;
if (
  !['built', 'tsx'].includes(portalKind) ||
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

/**
 * Google calls the sandbox answered since the last reset, by method, and their total; the
 * sandbox's own time on them (its handlers and serialising, the injected round trip excluded), so
 * a figure dominated by the emulator rather than the portal shows as such; and each call's arrival
 * and answer, in ms of the wall clock, for the round-trip depth.
 */
async function upstreamCalls(sandbox: ServerProcess): Promise<{
  total: number;
  byMethod: Record<string, number>;
  sandboxMs: number;
  sandboxMsByMethod: Record<string, number>;
  calls: TimedCall[];
}> {
  const [{ counts }, activity] = await Promise.all([
    json<{ counts: Record<string, number> }>(
      `${sandbox.url}/_sandbox/counters`,
    ),
    json<{
      workMs: Record<string, { ms: number }>;
      sinceEpochMs: number;
      calls: TimedCall[];
    }>(`${sandbox.url}/_sandbox/activity`),
  ]);
  const sandboxMsByMethod = Object.fromEntries(
    Object.entries(activity.workMs).map(([k, v]) => [k, Math.round(v.ms)]),
  );
  return {
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    byMethod: counts,
    sandboxMs: Object.values(sandboxMsByMethod).reduce((a, b) => a + b, 0),
    sandboxMsByMethod,
    calls: activity.calls.map(c => ({
      ...c,
      arrivedMs: activity.sinceEpochMs + c.arrivedMs,
      answeredMs: activity.sinceEpochMs + c.answeredMs,
    })),
  };
}

/**
 * The round-trip depth of the calls answered between `startedAt` and `endedAt` (wall clock ms;
 * calls still open when the request was answered, such as a refresh of another window, are not
 * this request's), its chain and every call, each as `method +arrived..answered ms` from the
 * request's start, in the order they arrived.
 */
function coldDepth(calls: TimedCall[], startedAt: number, endedAt: number) {
  const during = calls
    .filter(c => c.answeredMs <= endedAt)
    .sort((a, b) => a.arrivedMs - b.arrivedMs);
  const { depth, chain, callsAtDepth } = roundTripDepth(during);
  const at = (t: number) => Math.round(t - startedAt);
  const text = (c: TimedCall) =>
    `${c.method} +${at(c.arrivedMs)}..${at(c.answeredMs)} ms${
      c.abandoned ? ' abandoned' : ''
    }`;
  return {
    roundTripDepth: depth,
    callsAtDepth,
    criticalChain: chain.map(text),
    callTimes: during.map(text),
  };
}
const wallClock = () => performance.timeOrigin + performance.now();
const resetCalls = (sandbox: ServerProcess) =>
  json(`${sandbox.url}/_sandbox/counters`, { method: 'DELETE' });

interface PortalStats {
  eventLoopDelayMs: { p50: number; p99: number; max: number; mean: number };
  rssBytes: number;
  maxRssBytes: number;
  cpuMs: number;
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
  const portal = await startPortalProcess(config, profileDir, builtPortal);
  try {
    const before = await portalStats(portal, true);
    await resetCalls(sandbox);
    progress(`${label}: cold request`);
    const coldStarted = wallClock();
    const cold = await timed(portal.url + path);
    const coldEnded = wallClock();
    // The portal's CPU (all its threads) during the cold request: with the sandbox's own ms and the
    // depth, it says what the wall time is made of (docs/performance.md, "What each figure means").
    const portalCpuMs = (await portalStats(portal)).cpuMs - before.cpuMs;
    const coldCalls = await upstreamCalls(sandbox);
    const depth = coldDepth(coldCalls.calls, coldStarted, coldEnded);
    progress(
      `${label}: cold ${cold.ms.toFixed(0)} ms, HTTP ${cold.status}, ${
        coldCalls.total
      } Google calls, ${depth.roundTripDepth} round trips deep (sandbox busy ${
        coldCalls.sandboxMs
      } ms, portal CPU ${portalCpuMs} ms); ${rounds} warm requests`,
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
        ...depth,
        upstreamCalls: coldCalls.total,
        upstreamByMethod: coldCalls.byMethod,
        sandboxMs: coldCalls.sandboxMs,
        sandboxMsByMethod: coldCalls.sandboxMsByMethod,
        portalCpuMs,
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
  const portal = await startPortalProcess(config, profileDir, builtPortal);
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

/** A phase that did not complete, recorded as a figure instead of ending the run. */
interface NotCompleted {
  failed: string;
}
const failedFigure = (err: unknown): NotCompleted => ({
  failed: (err instanceof Error ? err.message : String(err))
    .split('\n')[0]!
    .slice(0, 300),
});
async function phase<T>(
  label: string,
  run: () => Promise<T>,
  sandbox?: ServerProcess,
): Promise<T | NotCompleted> {
  try {
    return await run();
  } catch (err) {
    const figure = failedFigure(err);
    const died = sandbox?.exitReason();
    if (died) figure.failed = `${figure.failed}; ${died}`.slice(0, 400);
    progress(`${label}: did not complete: ${figure.failed}`);
    return figure;
  }
}
const completed = <T extends object>(r: T | NotCompleted): r is T =>
  !('failed' in r);

/**
 * `POST /_sandbox/warm` until it answers: at 10,000 services the export takes minutes, longer than
 * fetch waits for response headers (300 s), and a repeated request joins the build in progress.
 */
async function warmSandbox(sandbox: ServerProcess): Promise<{ ms: number }> {
  const started = performance.now();
  for (;;) {
    try {
      await json(`${sandbox.url}/_sandbox/warm`, {
        method: 'POST',
        signal: AbortSignal.timeout(240_000),
      });
      return { ms: Math.round(performance.now() - started) };
    } catch (err) {
      if (performance.now() - started > timeoutMs) throw err;
      progress(
        `still warming the sandbox (${Math.round(
          (performance.now() - started) / 1000,
        )} s)`,
      );
    }
  }
}

async function benchSize(services: number) {
  progress(`${services} services: starting the sandbox`);
  let sandbox: ServerProcess;
  try {
    sandbox = await startSandboxProcess(services, profileDir);
  } catch (err) {
    return { services, ...failedFigure(err) };
  }
  try {
    // The sandbox builds its billing export (a fleet's months of usage) before the portals start,
    // as Google's export table exists before anyone queries it: the figures are the portal's.
    progress(`${services} services: warming the sandbox`);
    const warm = await warmSandbox(sandbox);
    progress(`${services} services: sandbox warm after ${warm.ms} ms`);
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
    const overview = await phase(
      `${services} services, overview`,
      () =>
        coldAndWarm(
          sandbox,
          config,
          `/api/gcp-serverless/overview?window=${window}`,
          `${services} services, overview`,
        ),
      sandbox,
    );
    const list = await phase(
      `${services} services, services list`,
      () =>
        coldAndWarm(
          sandbox,
          config,
          `/api/gcp-serverless/projects/scale-fleet/services?window=${window}`,
          `${services} services, services list`,
        ),
      sandbox,
    );
    const concurrent = await phase(
      `${services} services, viewers`,
      () =>
        concurrentViewers(
          sandbox,
          config,
          `/api/gcp-serverless/overview?window=${window}`,
        ),
      sandbox,
    );
    const portals = [overview, list, concurrent]
      .filter(completed)
      .map(r => r.portal);
    return {
      services,
      regions: projects[0]?.regions.length ?? 0,
      sandboxWarmMs: warm.ms,
      overview: completed(overview)
        ? { cold: overview.cold, warm: overview.warm }
        : overview,
      servicesList: completed(list)
        ? { cold: list.cold, warm: list.warm }
        : list,
      concurrent: completed(concurrent)
        ? { ...concurrent, portal: undefined }
        : concurrent,
      eventLoopDelayP99Ms: portals.length
        ? Math.max(...portals.map(p => p.eventLoopDelayMs.p99))
        : null,
      eventLoopDelayMaxMs: portals.length
        ? Math.max(...portals.map(p => p.eventLoopDelayMs.max))
        : null,
      portalMaxRssMB: portals.length
        ? Math.round(Math.max(...portals.map(p => p.maxRssBytes)) / 2 ** 20)
        : null,
    };
  } catch (err) {
    return { services, ...failedFigure(err) };
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
if (portalKind === 'built') {
  progress('building the portal server');
  builtPortal = await buildPortalServer();
}
progress(
  `initial JS: ${(initialJs.gzipBytes / 1024).toFixed(0)} KB gzip in ${
    initialJs.files.length
  } files`,
);
const results = [];
for (const services of sizes) results.push(await benchSize(services));

const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
const rt = (r: number | null) => (r === null ? '' : ` (≈${r} RTT)`);
type Cold = {
  ms: number;
  roundTrips: number | null;
  roundTripDepth: number;
  full: boolean;
  status: number;
};
type Warm = { p50Ms: number; p95Ms: number };
const notDone = (r: object) =>
  'failed' in r ? `did not complete: ${(r as NotCompleted).failed}` : undefined;
const coldText = (r: { cold: Cold } | NotCompleted) =>
  notDone(r) ??
  `${(r as { cold: Cold }).cold.ms} ms${rt(
    (r as { cold: Cold }).cold.roundTrips,
  )}${
    (r as { cold: Cold }).cold.full
      ? ''
      : ` partial (HTTP ${(r as { cold: Cold }).cold.status})`
  }`;
const warmText = (r: { warm: Warm } | NotCompleted) =>
  notDone(r) ??
  `${(r as { warm: Warm }).warm.p50Ms}/${(r as { warm: Warm }).warm.p95Ms} ms`;
const rows: Record<string, Record<string, string>> = {};
for (const r of results) {
  if ('failed' in r) {
    rows[`${r.services} services`] = { 'overview cold': notDone(r)! };
    continue;
  }
  const calls = (x: object) =>
    'failed' in x
      ? '–'
      : `${(x as any).cold.upstreamCalls}/${
          (x as any).warm.upstreamCallsPerRequest
        }`;
  rows[`${r.services} services`] = {
    'overview cold': coldText(r.overview as never),
    'overview warm p50/p95': warmText(r.overview as never),
    'list cold': coldText(r.servicesList as never),
    'list warm p50/p95': warmText(r.servicesList as never),
    'Google calls: overview cold/warm, list cold/warm': `${calls(
      r.overview,
    )}, ${calls(r.servicesList)}`,
    'round-trip depth: overview cold, list cold': `${
      (r.overview as any).cold?.roundTripDepth ?? '–'
    }, ${(r.servicesList as any).cold?.roundTripDepth ?? '–'}`,
    'sandbox ms: overview cold, list cold': `${
      (r.overview as any).cold?.sandboxMs ?? '–'
    }, ${(r.servicesList as any).cold?.sandboxMs ?? '–'}`,
    'portal CPU ms: overview cold, list cold': `${
      (r.overview as any).cold?.portalCpuMs ?? '–'
    }, ${(r.servicesList as any).cold?.portalCpuMs ?? '–'}`,
    [`${viewers} viewers: full answers, Google calls`]:
      notDone(r.concurrent) ??
      `${(r.concurrent as any).fullAnswers}/${viewers}, ${
        (r.concurrent as any).upstreamCalls
      }`,
    'event loop p99': `${r.eventLoopDelayP99Ms ?? '–'} ms`,
    'portal RSS (peak)': `${r.portalMaxRssMB ?? '–'} MB`,
  };
}
console.log(
  `\nnpm run bench: round trip ${rttMs} ms, ${rounds} warm rounds, window ${flags.window}, portal ${portalKind}; ${machine.nproc} cores, ${machine.memoryGB} GB, Node ${machine.node}, load ${machine.loadAverage1m}`,
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
        options: {
          sizes,
          rttMs,
          rounds,
          viewers,
          window: flags.window,
          portal: portalKind,
        },
        initialJs,
        results,
      },
      null,
      2,
    ),
  );
  progress(`wrote ${flags.json}`);
}
