import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
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
 * Where a warm read's time goes (docs/performance.md, "Session 8, warm reads"): the bench's
 * cold-then-warm phase (`npm run bench`'s coldAndWarm: a fresh built portal, one cold read, then
 * warm reads one at a time while the start-up refresh still computes) with the portal preloaded
 * with warmReadsProbe.cjs and, with --profile, CPU-profiled per thread. Prints, per warm read: its
 * latency as the client saw it, when the serving thread's handler got it and how long it ran, what
 * else the serving thread did meanwhile (pages received from the computation thread, garbage
 * collections, and with --profile its busiest functions), and the Google calls made during it.
 * Usage:
 *   tsx bench/warmReads.ts [--services 1000] [--rounds 20] [--rtt-ms 100] [--skip-build]
 *       [--path services|overview] [--profile DIR] [--calls] [--settle-s 0]
 */
const { values: flags } = parseArgs({
  options: {
    services: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '20' },
    'rtt-ms': { type: 'string', default: '100' },
    'skip-build': { type: 'boolean', default: false },
    path: { type: 'string', default: 'services' },
    profile: { type: 'string' },
    /** Ask the sandbox for its call counters after every read (adds two requests between reads). */
    calls: { type: 'boolean', default: false },
    /** Seconds to wait after the cold read before the warm ones (the start-up refresh may finish meanwhile). */
    'settle-s': { type: 'string', default: '0' },
  },
});
const PROBE = fileURLToPath(new URL('./warmReadsProbe.cjs', import.meta.url));
const WINDOW = '1h';
const progress = (line: string) =>
  process.stderr.write(`[warm] ${new Date().toISOString()} ${line}\n`);
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

interface ProbeRecord {
  thread: string;
  request?: string;
  gc?: number;
  received?: number;
  posted?: number;
  bytes?: number;
  t0: number;
  t1?: number;
  us?: number;
}

function startPortal(
  config: unknown,
  probeFile: string,
): Promise<{ url: string; stop(): Promise<void> }> {
  const profileDir = flags.profile ? path.resolve(flags.profile) : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const child = spawn(
    process.execPath,
    [
      '--max-old-space-size=4096',
      '--require',
      PROBE,
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      BUILT_PORTAL,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        BENCH_PORTAL_CONFIG: JSON.stringify(config),
        WARM_READS_PROBE_FILE: probeFile,
      },
    },
  );
  const exited = new Promise<void>(r => child.once('exit', () => r()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', code => reject(new Error(`portal exited ${code}`)));
    child.stdout!.on('data', chunk => {
      out += chunk;
      const url = /portal listening on (\S+)/.exec(out)?.[1];
      if (!url) return;
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      resolve({
        url,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}

interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The serving thread's busiest functions (self and with callees) between t0 and t1, µs. */
function profileWindows(
  profile: CpuProfile,
  windows: { t0: number; t1: number }[],
): string[] {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  for (const n of profile.nodes)
    for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (id: number) => {
    const f = byId.get(id)!.callFrame;
    const file = f.url.slice(f.url.lastIndexOf('/') + 1);
    return `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
  };
  const times: number[] = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) times.push((t += d));
  return windows.map(({ t0, t1 }) => {
    const self = new Map<string, number>();
    const total = new Map<string, number>();
    let samples = 0;
    for (let i = 0; i < profile.samples.length; i++) {
      if (times[i]! < t0 || times[i]! > t1) continue;
      const dt = (times[i + 1] ?? times[i]!) - times[i]!;
      samples += dt;
      const leaf = profile.samples[i]!;
      self.set(name(leaf), (self.get(name(leaf)) ?? 0) + dt);
      const seen = new Set<string>();
      for (let id: number | undefined = leaf; id; id = parent.get(id)) {
        const n = name(id);
        if (seen.has(n)) continue;
        seen.add(n);
        total.set(n, (total.get(n) ?? 0) + dt);
      }
    }
    const top = (m: Map<string, number>, k: number) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, k)
        .map(([n, us]) => `${(us / 1000).toFixed(1)} ${n}`)
        .join(' | ');
    return `    self: ${top(self, 6)}\n    total: ${top(total, 14)}\n    (${(
      samples / 1000
    ).toFixed(0)} ms sampled)`;
  });
}

const services = Number(flags.services);
const rounds = Number(flags.rounds);
if (!flags['skip-build'] || !existsSync(BUILT_PORTAL)) {
  progress('building the portal server');
  await buildPortalServer();
}
const sandbox = await startSandboxProcess(services);
const probeFile = path.join(os.tmpdir(), `warm-reads-${process.pid}.jsonl`);
try {
  progress('warming the sandbox');
  await json(`${sandbox.url}/_sandbox/warm`, { method: 'POST' });
  await json(`${sandbox.url}/_sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ api: '*', latencyMs: Number(flags['rtt-ms']) }),
  });
  const { projects } = await json<{ projects: SandboxProjectRegions[] }>(
    `${sandbox.url}/_sandbox/projects`,
  );
  const config = sandboxConfigFor(sandbox.url, projects);
  const portal = await startPortal(config, probeFile);
  const route =
    flags.path === 'overview'
      ? `/api/gcp-serverless/overview?window=${WINDOW}`
      : `/api/gcp-serverless/projects/scale-fleet/services?window=${WINDOW}`;
  const counters = async () => {
    const { counts } = await json<{ counts: Record<string, number> }>(
      `${sandbox.url}/_sandbox/counters`,
    );
    await json(`${sandbox.url}/_sandbox/counters`, { method: 'DELETE' });
    return counts;
  };
  const reads: {
    t0: number;
    t1: number;
    headers: number;
    bytes: number;
    calls?: string;
  }[] = [];
  try {
    await counters();
    for (let i = 0; i <= rounds; i++) {
      if (i === 1 && Number(flags['settle-s']) > 0) {
        await new Promise(r => setTimeout(r, Number(flags['settle-s']) * 1000));
        const idle = Object.entries(await counters());
        progress(
          `Google calls while nobody read: ${
            idle.map(([m, n]) => `${m} ${n}`).join(', ') || 'none'
          }`,
        );
      }
      const t0 = nowUs();
      const res = await fetch(portal.url + route);
      const headers = nowUs();
      const bytes = (await res.arrayBuffer()).byteLength;
      const t1 = nowUs();
      const calls =
        flags.calls || i === 0
          ? Object.entries(await counters())
              .map(([m, n]) => `${m} ${n}`)
              .join(', ')
          : undefined;
      reads.push({
        t0,
        t1,
        headers,
        bytes,
        ...(calls !== undefined ? { calls } : {}),
      });
    }
    if (!flags.calls)
      reads[reads.length - 1]!.calls = Object.entries(await counters())
        .map(([m, n]) => `${m} ${n}`)
        .join(', ');
  } finally {
    await portal.stop();
  }
  const records = readFileSync(probeFile, 'utf8')
    .trim()
    .split('\n')
    .map(l => JSON.parse(l) as ProbeRecord);
  const profile = (() => {
    if (!flags.profile) return undefined;
    const dir = path.resolve(flags.profile);
    // Node names a thread's profile CPU.<date>.<time>.<pid>.<thread id>.<seq>; the serving thread is 0.
    const newest = readdirSync(dir)
      .filter(f => /^CPU\..*\.0\.\d+\.cpuprofile$/.test(f))
      .sort()
      .at(-1);
    return newest
      ? (JSON.parse(readFileSync(path.join(dir, newest), 'utf8')) as CpuProfile)
      : undefined;
  })();
  const hot = profile ? profileWindows(profile, reads) : [];
  const ms = (us: number) => (us / 1000).toFixed(1);
  reads.forEach((r, i) => {
    const served = records.find(
      p => p.request !== undefined && p.t0 >= r.t0 && p.t0 <= r.t1,
    );
    const during = (p: ProbeRecord) => p.t0 >= r.t0 && p.t0 <= r.t1;
    const received = records.filter(p => p.received !== undefined && during(p));
    const posted = records.filter(p => p.posted !== undefined && during(p));
    const gcs = records.filter(p => p.gc !== undefined && during(p));
    const gcMs = (thread: string) =>
      ms(
        gcs
          .filter(g => g.thread === thread)
          .reduce((a, g) => a + (g.us ?? 0), 0),
      );
    console.log(
      `${i === 0 ? 'cold' : `warm ${i}`}: ${ms(r.t1 - r.t0)} ms, ${(
        r.bytes / 1024
      ).toFixed(0)} KB, headers after ${ms(
        r.headers - r.t0,
      )} ms; handler reached after ${
        served ? ms(served.t0 - r.t0) : '?'
      } ms, ran ${served ? ms(served.t1! - served.t0) : '?'} ms; ` +
        `pages received ${received.length} (${received
          .map(p => `${ms(p.t1! - p.t0)} ms`)
          .join(', ')}), posted by the worker ${posted
          .map(
            p => `${(p.bytes! / 1024).toFixed(0)} KB in ${ms(p.t1! - p.t0)} ms`,
          )
          .join(', ')}; gc serving ${gcMs('serving')} ms, worker ${gcMs(
          gcs.find(g => g.thread !== 'serving')?.thread ?? '-',
        )} ms${r.calls ? `; Google calls: ${r.calls || 'none'}` : ''}`,
    );
    if (hot[i] && i > 0) console.log(hot[i]);
  });
  const warm = reads
    .slice(1)
    .map(r => (r.t1 - r.t0) / 1000)
    .sort((a, b) => a - b);
  console.log(
    `warm p50 ${warm[Math.ceil(warm.length / 2) - 1]!.toFixed(
      0,
    )} ms, p95 ${warm[Math.ceil(warm.length * 0.95) - 1]!.toFixed(
      0,
    )} ms; load ${os.loadavg()[0]!.toFixed(1)}; probe ${probeFile}`,
  );
} finally {
  await sandbox.stop();
}
