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
 * The timeline of one cold overview (docs/performance.md, "Session 8, the cold overview"): the
 * bench's sandbox (its own process, warmed, a round trip injected, GCP_SANDBOX_TRACE on) and the
 * built bench portal preloaded with callTimeline.cjs, which logs every Google call as each thread
 * makes it and what the computation thread posts. Prints, in ms from the portal's spawn: ready,
 * the worker's start and ready, the overview's request and answer, each Google call (start,
 * headers, end, the sandbox's own ms on it) and each page the worker handed over. Usage:
 *   tsx bench/coldTimeline.ts [--services 1000] [--rtt-ms 100] [--skip-build] [--out DIR]
 *     [--portal FILE] [--cpu-prof DIR]
 * `--portal` runs an earlier build (a copy of dist/bench, to alternate before/after runs);
 * `--cpu-prof` has the portal write a CPU profile per thread into DIR (bench/responseDecodes.ts
 * reads the computation thread's).
 */
const { values: flags } = parseArgs({
  options: {
    services: { type: 'string', default: '1000' },
    'rtt-ms': { type: 'string', default: '100' },
    'skip-build': { type: 'boolean', default: false },
    out: { type: 'string', default: os.tmpdir() },
    portal: { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
});
const PRELOAD = fileURLToPath(new URL('./callTimeline.cjs', import.meta.url));
const progress = (line: string) =>
  process.stderr.write(`[cold] ${new Date().toISOString()} ${line}\n`);

interface Event {
  t: number;
  thread?: string;
  what: string;
  call?: number;
  target?: string;
  id?: number;
  message?: string;
  postMs?: number;
}

async function post(url: string, body?: unknown): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    ...(body !== undefined
      ? {
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }
      : {}),
    signal: AbortSignal.timeout(600_000),
  });
  if (!res.ok) throw new Error(`POST ${url}: HTTP ${res.status}`);
}

async function main(): Promise<void> {
  const built =
    flags.portal ??
    (flags['skip-build'] ? BUILT_PORTAL : await buildPortalServer());
  const traceFile = path.join(flags.out!, 'cold-sandbox-trace.jsonl');
  const timelineFile = path.join(flags.out!, 'cold-timeline.jsonl');
  writeFileSync(traceFile, '');
  writeFileSync(timelineFile, '');
  process.env['GCP_SANDBOX_TRACE'] = traceFile;
  const sandbox = await startSandboxProcess(Number(flags.services));
  let child: ReturnType<typeof spawn> | undefined;
  try {
    progress('warming the sandbox');
    await post(`${sandbox.url}/_sandbox/warm`);
    await post(`${sandbox.url}/_sandbox/faults`, {
      api: '*',
      latencyMs: Number(flags['rtt-ms']),
    });
    const { projects } = (await (
      await fetch(`${sandbox.url}/_sandbox/projects`)
    ).json()) as { projects: SandboxProjectRegions[] };
    writeFileSync(traceFile, '');
    const mark = (what: string) =>
      appendFileSync(
        timelineFile,
        `${JSON.stringify({
          t: performance.timeOrigin + performance.now(),
          thread: 'bench',
          what,
        })}\n`,
      );
    mark('spawned');
    child = spawn(
      process.execPath,
      [
        '--max-old-space-size=4096',
        ...(flags['cpu-prof']
          ? ['--cpu-prof', `--cpu-prof-dir=${flags['cpu-prof']}`]
          : []),
        '--require',
        PRELOAD,
        built,
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          GCP_SANDBOX_TRACE: '',
          BENCH_PORTAL_CONFIG: JSON.stringify(
            sandboxConfigFor(sandbox.url, projects),
          ),
          CALL_TIMELINE_FILE: timelineFile,
        },
      },
    );
    child.stderr!.resume();
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child!.stdout!.on('data', chunk => {
        out += chunk;
        const found = /portal listening on (http:\/\/\S+)/.exec(out)?.[1];
        if (found) resolve(found);
      });
      child!.once('exit', code => reject(new Error(`portal exited ${code}`)));
    });
    mark('ready');
    const res = await fetch(`${url}/api/gcp-serverless/overview?window=1h`);
    await res.text();
    mark(`overview answered ${res.status}`);
    report(timelineFile, traceFile);
  } finally {
    child?.kill('SIGTERM');
    await sandbox.stop();
  }
}

function report(timelineFile: string, traceFile: string): void {
  const events = readFileSync(timelineFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line) as Event);
  const t0 = events.find(e => e.what === 'spawned')!.t;
  const at = (t: number) => Math.round(t - t0);
  const asked = events.find(e => e.what === 'ready')!.t;
  const traced = readFileSync(traceFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(
      line =>
        JSON.parse(line) as {
          at: string;
          url: string;
          method: string;
          handlerMs: number;
          writeMs: number;
        },
    );
  const lines: string[] = [];
  for (const e of events) {
    if (e.what === 'call headers') continue;
    if (e.what === 'call start') {
      const end = events.find(
        x =>
          x.what === 'call end' && x.call === e.call && x.thread === e.thread,
      );
      const headers = events.find(
        x =>
          x.what === 'call headers' &&
          x.call === e.call &&
          x.thread === e.thread,
      );
      const pathPart = e.target!.replace(/^\S+ /, '');
      const sandboxSide = traced.find(
        s =>
          pathPart.startsWith(s.url) ||
          s.url.startsWith(pathPart.slice(0, 120)),
      );
      lines.push(
        `${at(e.t)}\t${e.thread}\tcall ${e.call}: ${e.target!.slice(0, 110)}` +
          ` -> headers ${headers ? at(headers.t) : '?'}, end ${
            end ? at(end.t) : '?'
          }` +
          (sandboxSide
            ? ` (sandbox ${Math.round(
                sandboxSide.handlerMs + sandboxSide.writeMs,
              )} ms: ${sandboxSide.method})`
            : ''),
      );
      continue;
    }
    if (e.what === 'call end') continue;
    lines.push(
      `${at(e.t)}\t${e.thread}\t${e.what}${e.message ? `: ${e.message}` : ''}${
        e.id !== undefined ? ` #${e.id}` : ''
      }${e.call ? ` ${e.call}` : ''}${
        e.postMs ? ` (post ${e.postMs} ms)` : ''
      }`,
    );
  }
  console.log(lines.join('\n'));
  const busy = traced.reduce((s, x) => s + x.handlerMs + x.writeMs, 0);
  console.log(
    `\noverview asked at ${at(asked)} ms, answered after ${Math.round(
      events.at(-1)!.t - asked,
    )} ms; ` +
      `${traced.length} Google calls after ready, sandbox busy ${Math.round(
        busy,
      )} ms`,
  );
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
