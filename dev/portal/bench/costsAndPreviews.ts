/**
 * Two fleet-scale reads measured on their own (docs/performance.md, "Session 7, costs and previews"):
 * the costs page and a scaling preview, against a sandbox of `--services N` in its own process, the
 * portal in another (sources under tsx). Per read: wall ms, body bytes, the portal's event-loop delay
 * max and p99 over the read (`/_debug/metrics`, reset just before), and the Google calls and Monitoring
 * points the sandbox answered. Not a test: speed is measured here, never asserted.
 *
 *   npx tsx dev/portal/bench/costsAndPreviews.ts [--services 1000] [--ranges 30d,90d]
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import {
  sandboxConfigFor,
  type SandboxProjectRegions,
} from '../src/standalone/standaloneConfig';
import { startPortalProcess, startSandboxProcess } from './benchProcesses';

const { values: flags } = parseArgs({
  options: {
    services: { type: 'string', default: '1000' },
    ranges: { type: 'string', default: '30d' },
    profile: { type: 'string' },
  },
});
const services = Number(flags.services);

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function main() {
  const sandbox = await startSandboxProcess(services);
  const portal = { stop: async () => {} } as {
    stop(): Promise<void>;
    url?: string;
  };
  try {
    const t0 = performance.now();
    for (;;) {
      const res = await fetch(`${sandbox.url}/_sandbox/warm`, {
        method: 'POST',
      });
      if (res.ok) break;
    }
    console.error(
      `sandbox warm after ${Math.round(performance.now() - t0)} ms`,
    );
    const { projects } = await json<{ projects: SandboxProjectRegions[] }>(
      `${sandbox.url}/_sandbox/projects`,
    );
    const p = await startPortalProcess(
      sandboxConfigFor(sandbox.url, projects),
      flags.profile,
    );
    Object.assign(portal, p);
    const api = `${p.url}/api/gcp-serverless`;
    const measure = async (what: string, path: string, init?: RequestInit) => {
      await fetch(`${sandbox.url}/_sandbox/counters`, { method: 'DELETE' });
      await json(`${p.url}/_debug/metrics?reset=1`);
      const started = performance.now();
      const res = await fetch(`${api}${path}`, init);
      const body = Buffer.from(await res.arrayBuffer());
      const ms = Math.round(performance.now() - started);
      const metrics = await json<{
        eventLoopDelayMs: { p99: number; max: number };
      }>(`${p.url}/_debug/metrics`);
      const activity = await json<{ points: Record<string, number> }>(
        `${sandbox.url}/_sandbox/activity`,
      );
      const counters = await json<{ counts: Record<string, number> }>(
        `${sandbox.url}/_sandbox/counters`,
      );
      const figure = {
        what,
        status: res.status,
        ms,
        bytes: body.length,
        eventLoopMaxMs: metrics.eventLoopDelayMs.max,
        eventLoopP99Ms: metrics.eventLoopDelayMs.p99,
        calls: counters.counts,
        points: activity.points['monitoring.timeSeries.list'] ?? 0,
      };
      console.log(JSON.stringify(figure));
      return body;
    };
    // The costs first, on a portal that has read nothing else (no page computing behind them),
    // each range twice: the second is served from the read model's snapshot.
    for (const range of flags.ranges!.split(',')) {
      await measure(
        `costs ${range}`,
        `/projects/scale-fleet/costs?range=${range}`,
      );
      await measure(
        `costs ${range} again`,
        `/projects/scale-fleet/costs?range=${range}`,
      );
    }
    await measure(
      "one service's cost panel (30d)",
      '/projects/scale-fleet/costs?range=30d&resource=fleet-svc-0001',
    );
    const list = JSON.parse(
      (
        await measure('services', '/projects/scale-fleet/services?window=1h')
      ).toString(),
    ) as {
      services: {
        name: string;
        region: string;
        scaling: { maxInstances: number };
      }[];
    };
    const one = list.services[0]!;
    await measure(
      `scaling preview of ${one.name}`,
      `/projects/scale-fleet/locations/${one.region}/services/${one.name}/scaling/preview`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          change: {
            ...one.scaling,
            maxInstances: one.scaling.maxInstances + 1,
          },
        }),
      },
    );
  } finally {
    await portal.stop();
    await sandbox.stop();
  }
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
