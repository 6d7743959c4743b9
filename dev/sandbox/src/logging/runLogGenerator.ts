/**
 * Cloud Run logs computed from the traffic model, like Monitoring: for every minute, one request log
 * entry per 5xx response the model counts (so logs and `request_count{5xx}` agree), and, per 5xx, one
 * application error line on stderr with a message drawn deterministically from the service's small
 * set of failure messages. Nothing is stored: entries are generated for the time range a list asks.
 * The shapes follow Cloud Run's (log names `run.googleapis.com/requests` and `run.googleapis.com/stderr`,
 * resource `cloud_run_revision`, `httpRequest` on request logs); the messages are invented.
 */
import { revisionNameFor } from '../monitoring/metrics/cloudRunRevisions';
import { minuteSample } from '../traffic/SandboxTrafficModel';
import type { SandboxProject, SandboxRunService } from '../world';
import type { SandboxLogEntry } from './loggingTypes';

const MINUTE_MS = 60_000;
/** Longest range generated per list call; a wider filter is clipped to its newest 24 h (sandbox limit). */
export const MAX_GENERATED_RANGE_MS = 24 * 60 * MINUTE_MS;

const MESSAGES: Record<number, string[]> = {
  500: [
    'Error: connect ECONNREFUSED 10.0.0.3:6379',
    "TypeError: Cannot read properties of undefined (reading 'id')",
    'Unhandled exception in request handler: database timeout',
  ],
  502: ['upstream connect error or disconnect/reset before headers'],
  503: [
    'The request failed because the instance could not start: container failed to listen on PORT',
  ],
  504: [
    'The request has been terminated because it has reached the maximum request timeout.',
  ],
};
const PATHS = ['/api/items', '/api/orders', '/api/generation/run', '/', '/ws'];

/** Deterministic 0..1 from a string (FNV-1a), so a minute's entries are the same on every call. */
function unit(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++)
    h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 0x1_0000_0000;
}

/** The entries of one service for one minute, oldest first. */
export function runLogEntriesForMinute(
  project: SandboxProject,
  service: SandboxRunService,
  minuteStartMs: number,
): SandboxLogEntry[] {
  const sample = minuteSample(project, service, minuteStartMs);
  if (!sample.deployed) return [];
  const resource = {
    type: 'cloud_run_revision',
    labels: {
      project_id: project.projectId,
      service_name: service.name,
      configuration_name: service.name,
      location: service.region,
      revision_name: revisionNameFor(service, sample.configVersion),
    },
  };
  const entries: SandboxLogEntry[] = [];
  for (const r of sample.responses) {
    if (r.codeClass !== '5xx') continue;
    const n = Math.round(r.count);
    const messages = MESSAGES[r.code] ?? MESSAGES[500]!;
    for (let i = 0; i < n; i++) {
      const seed = `${service.name}/${minuteStartMs}/${r.code}/${i}`;
      const at = new Date(
        minuteStartMs + Math.floor(unit(seed) * MINUTE_MS),
      ).toISOString();
      const path = PATHS[Math.floor(unit(`${seed}/p`) * PATHS.length)]!;
      const message =
        messages[Math.floor(unit(`${seed}/m`) * messages.length)]!;
      const id = Math.floor(unit(`${seed}/id`) * 1e9).toString(16);
      entries.push({
        logName: `projects/${project.projectId}/logs/run.googleapis.com%2Frequests`,
        resource,
        timestamp: at,
        receiveTimestamp: at,
        severity: 'ERROR',
        insertId: `req-${id}`,
        httpRequest: {
          requestMethod: path.startsWith('/api') ? 'POST' : 'GET',
          requestUrl: `https://${service.name}.a.run.app${path}`,
          status: r.code,
          latency: `${(sample.latencyMedianMs / 1000).toFixed(3)}s`,
        },
      } as SandboxLogEntry);
      entries.push({
        logName: `projects/${project.projectId}/logs/run.googleapis.com%2Fstderr`,
        resource,
        timestamp: at,
        receiveTimestamp: at,
        severity: 'ERROR',
        insertId: `err-${id}`,
        textPayload: message,
      });
    }
  }
  return entries.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
}

/**
 * Generated entries of every service of the project between two times (ms), newest minute first,
 * stopping once `enough` entries pass `keep` (a list needs one page plus one more to know a next page
 * exists).
 */
export function generatedRunEntries(
  project: SandboxProject,
  fromMs: number,
  toMs: number,
  keep: (e: SandboxLogEntry) => boolean,
  enough: number,
): SandboxLogEntry[] {
  const out: SandboxLogEntry[] = [];
  const first =
    Math.floor(Math.max(fromMs, toMs - MAX_GENERATED_RANGE_MS) / MINUTE_MS) *
    MINUTE_MS;
  for (
    let minute = Math.floor(toMs / MINUTE_MS) * MINUTE_MS;
    minute >= first && out.length < enough;
    minute -= MINUTE_MS
  ) {
    for (const service of project.services.values()) {
      for (const e of runLogEntriesForMinute(project, service, minute)) {
        const t = Date.parse(e.timestamp);
        if (t >= fromMs && t <= toMs && keep(e)) out.push(e);
      }
    }
  }
  return out;
}
