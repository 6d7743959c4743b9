import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  sandboxConfigFor,
  type SandboxProjectRegions,
} from '../src/standalone/standaloneConfig';
import { startSandboxProcess } from './benchProcesses';
import { BUILT_PORTAL, buildPortalServer } from './portalServerBuild';

/**
 * Where the built bench portal's memory goes (docs/performance.md, "Session 7, where the RSS goes"):
 * the bench's three portals (a cold overview and warm ones, a cold services list and warm ones, N
 * viewers opening a cold overview together), each preloaded with threadMemorySampler.cjs, which
 * samples every thread's V8 heap and the process's RSS. Prints, per portal: the worker's time from
 * its thread's start to ready, RSS after each step, and each isolate's heap at the moment of the
 * peak RSS. The JSON-lines timelines stay in --out. Usage:
 *   tsx bench/memoryTimeline.ts [--services 1000] [--rounds 10] [--viewers 50] [--rtt-ms 100]
 *       [--skip-build] [--malloc-arena-max N] [--node-flags='--flag ...'] [--hold-s 1]
 *       [--portals overview,list,viewers] [--allocation-s S] [--heap-mb MB] [--out DIR]
 */
const { values: flags } = parseArgs({
  options: {
    services: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '10' },
    viewers: { type: 'string', default: '50' },
    'rtt-ms': { type: 'string', default: '100' },
    'skip-build': { type: 'boolean', default: false },
    'malloc-arena-max': { type: 'string' },
    /** Extra Node/V8 flags for the portal process, space-separated (e.g. `--optimize-for-size`). */
    'node-flags': { type: 'string', default: '' },
    /** Seconds each portal keeps running after its reads (its start-up refreshes go on meanwhile). */
    'hold-s': { type: 'string', default: '1' },
    /** Which of the three portals to run, comma-separated. */
    portals: { type: 'string', default: 'overview,list,viewers' },
    /**
     * Seconds from each thread's start during which it samples what it allocates, garbage included
     * (`<timeline>.<thread>.heapprofile` in --out, threadMemorySampler.cjs); 0: not sampled.
     */
    'allocation-s': { type: 'string', default: '0' },
    /** The portals' `readModel.computeThreadHeapMb` (docs/configuration.md); default: the config's default. */
    'heap-mb': { type: 'string' },
    out: { type: 'string', default: os.tmpdir() },
  },
});
const SAMPLER = fileURLToPath(
  new URL('./threadMemorySampler.cjs', import.meta.url),
);
const WINDOW = '1h';
const progress = (line: string) =>
  process.stderr.write(`[memory] ${new Date().toISOString()} ${line}\n`);

interface Sample {
  t: number;
  thread?: string;
  what?: string;
  mark?: string;
  rssMB?: number;
  maxRssMB?: number;
  heapUsedMB?: number;
  heapTotalMB?: number;
  externalMB?: number;
  mallocedMB?: number;
}

/** Requests answered 200 with no panel error (`errors` non-empty at any depth), as the bench counts full answers. */
let full = 0;
let answered = 0;
const hasErrors = (body: unknown): boolean =>
  Array.isArray(body)
    ? body.some(hasErrors)
    : Boolean(body) &&
      typeof body === 'object' &&
      Object.entries(body as object).some(
        ([key, value]) =>
          (key === 'errors' && Array.isArray(value) && value.length > 0) ||
          hasErrors(value),
      );

async function request(url: string): Promise<void> {
  const res = await fetch(url, { signal: AbortSignal.timeout(300_000) });
  const text = await res.text();
  answered++;
  if (res.status === 200 && !hasErrors(JSON.parse(text))) full++;
}

async function portalRun(
  label: string,
  config: unknown,
  steps: (url: string, mark: (what: string) => void) => Promise<void>,
) {
  const file = path.join(flags.out!, `memory-${label}.jsonl`);
  writeFileSync(file, '');
  const mark = (what: string) =>
    appendFileSync(file, `${JSON.stringify({ t: Date.now(), mark: what })}\n`);
  const child = spawn(
    process.execPath,
    [
      // No --max-old-space-size: it would also override the computation thread's own limit
      // (readModel.computeThreadHeapMb); Node's default on this machine is the same 4 GB.
      ...flags['node-flags']!.split(' ').filter(Boolean),
      '--require',
      SAMPLER,
      BUILT_PORTAL,
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        BENCH_PORTAL_CONFIG: JSON.stringify(config),
        MEMORY_TIMELINE_FILE: file,
        MEMORY_ALLOCATION_S: flags['allocation-s'],
        GCP_SERVERLESS_DEBUG_METRICS: '1',
        ...(flags['malloc-arena-max']
          ? { MALLOC_ARENA_MAX: flags['malloc-arena-max'] }
          : {}),
      },
    },
  );
  mark('spawned');
  const exited = new Promise(resolve => child.once('exit', resolve));
  // The portal's own log (a computation thread that ran out of its heap says so there).
  const log = path.join(flags.out!, `portal-${label}.log`);
  writeFileSync(log, '');
  child.stderr!.on('data', chunk => appendFileSync(log, chunk));
  child.stdout!.on('data', chunk => appendFileSync(log, chunk));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', chunk => {
      out += chunk;
      const found = /portal listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (found) resolve(found);
    });
    child.once('exit', code => reject(new Error(`portal exited ${code}`)));
  });
  mark('listening');
  full = 0;
  answered = 0;
  // As the bench does: the reads start at once (the portal's own warm-up runs beside them).
  await steps(url, mark);
  await new Promise(resolve =>
    setTimeout(resolve, Number(flags['hold-s']) * 1000),
  );
  mark('end');
  const metrics = (await (await fetch(`${url}/_debug/metrics`)).json()) as {
    eventLoopDelayMs: { p99: number };
  };
  child.kill('SIGTERM');
  await exited;
  return summarize(label, file, {
    full: `${full} of ${answered}`,
    eventLoopP99Ms: metrics.eventLoopDelayMs.p99,
  });
}

function summarize(
  label: string,
  file: string,
  answers: { full: string; eventLoopP99Ms: number },
) {
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line) as Sample);
  const samples = rows.filter(r => r.thread);
  const rssAt = (t: number) =>
    samples.filter(s => s.t <= t).at(-1)?.rssMB ?? NaN;
  const spawned = rows.find(r => r.mark === 'spawned')!.t;
  const workerStart = samples.find(
    s => s.thread !== 'serving' && s.what === 'thread started',
  );
  const workerReady = samples.find(s => s.what === 'ready');
  const peak = samples.reduce((a, b) => (b.rssMB! > a.rssMB! ? b : a));
  const threads = [...new Set(samples.map(s => s.thread!))];
  const nearPeak = Object.fromEntries(
    threads.map(thread => {
      const own = samples.filter(s => s.thread === thread);
      const near = own.reduce((a, b) =>
        Math.abs(b.t - peak.t) < Math.abs(a.t - peak.t) ? b : a,
      );
      return [
        thread,
        {
          heapUsedMB: near.heapUsedMB,
          heapTotalMB: near.heapTotalMB,
          externalMB: near.externalMB,
          mallocedMB: near.mallocedMB,
          maxHeapTotalMB: Math.max(...own.map(s => s.heapTotalMB!)),
        },
      ];
    }),
  );
  const summary = {
    label,
    mallocArenaMax: flags['malloc-arena-max'] ?? null,
    computeThreadHeapMb: flags['heap-mb'] ?? 'default',
    nodeFlags: flags['node-flags'],
    ...answers,
    workerSpawnedAfterMs: workerStart ? workerStart.t - spawned : null,
    workerStartToReadyMs:
      workerStart && workerReady ? workerReady.t - workerStart.t : null,
    peakRssMB: peak.rssMB,
    maxRssMB: Math.max(...samples.map(s => s.maxRssMB!)),
    peakAtS: Math.round((peak.t - spawned) / 100) / 10,
    heapsAtPeak: nearPeak,
    marks: rows
      .filter(r => r.mark)
      .map(r => ({
        mark: r.mark,
        atS: Math.round((r.t - spawned) / 100) / 10,
        rssMB: rssAt(r.t),
      })),
  };
  console.log(JSON.stringify(summary, null, 1));
  return summary;
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

async function main() {
  if (!flags['skip-build']) {
    progress('building the portal server');
    await buildPortalServer();
  }
  const services = Number(flags.services);
  const rounds = Number(flags.rounds);
  const viewers = Number(flags.viewers);
  progress(`starting the sandbox (${services} services)`);
  const sandbox = await startSandboxProcess(services);
  try {
    await json(`${sandbox.url}/_sandbox/warm`, {
      method: 'POST',
      signal: AbortSignal.timeout(600_000),
    });
    await json(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api: '*', latencyMs: Number(flags['rtt-ms']) }),
    });
    const { projects } = await json<{ projects: SandboxProjectRegions[] }>(
      `${sandbox.url}/_sandbox/projects`,
    );
    const config = {
      ...sandboxConfigFor(sandbox.url, projects),
      ...(flags['heap-mb'] !== undefined
        ? { readModel: { computeThreadHeapMb: Number(flags['heap-mb']) } }
        : {}),
    };
    const overview = `/api/gcp-serverless/overview?window=${WINDOW}`;
    const list = `/api/gcp-serverless/projects/scale-fleet/services?window=${WINDOW}`;
    const coldAndWarm =
      (read: string) => async (url: string, mark: (what: string) => void) => {
        progress(`cold ${read}`);
        await request(url + read);
        mark('cold read answered');
        for (let i = 0; i < rounds; i++) await request(url + read);
        mark(`${rounds} warm reads answered`);
      };
    progress(`uptime: ${os.loadavg().map(l => l.toFixed(1))}`);
    const chosen = flags.portals!.split(',');
    if (chosen.includes('overview'))
      await portalRun('overview', config, coldAndWarm(overview));
    if (chosen.includes('list'))
      await portalRun('list', config, coldAndWarm(list));
    if (chosen.includes('viewers'))
      await portalRun('viewers', config, async (url, mark) => {
        progress(`${viewers} viewers`);
        await Promise.all(
          Array.from({ length: viewers }, () => request(url + overview)),
        );
        mark(`${viewers} viewers answered`);
      });
    progress(`uptime: ${os.loadavg().map(l => l.toFixed(1))}`);
  } finally {
    await sandbox.stop();
  }
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
