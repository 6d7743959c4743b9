/**
 * Cloud Logging v2 `entries:write` and `entries:list`, as `@google-cloud/logging` (REST fallback)
 * calls them: `POST /v2/entries:write` with `{logName, resource, labels, entries[], partialSuccess}`
 * and `POST /v2/entries:list` with `{resourceNames[], filter, orderBy, pageSize, pageToken}`.
 * Bodies are checked against the protos shipped in the client. Entries live on the project
 * (`SandboxProject.logging`), so a reset drops them with the world.
 */
import type protobuf from 'protobufjs';
import type {
  SandboxApi,
  SandboxApiDeps,
  SandboxRequest,
  SandboxRoute,
} from '../api';
import { invalidArgument, notFound } from '../googleError';
import {
  checkMessageJson,
  loadClientProtoRoot,
  messageType,
} from '../protoJson';
import type { SandboxWorld } from '../world';
import { compileEntriesFilter, timestampBounds } from './entriesFilter';
import { generatedRunEntries } from './runLogGenerator';
import type { SandboxLogEntry, SandboxLogging } from './loggingTypes';

const SEVERITY_NAMES: Record<number, string> = {
  0: 'DEFAULT',
  100: 'DEBUG',
  200: 'INFO',
  300: 'NOTICE',
  400: 'WARNING',
  500: 'ERROR',
  600: 'CRITICAL',
  700: 'ALERT',
  800: 'EMERGENCY',
};
const LOG_NAME = /^projects\/([^/]+)\/logs\/(.+)$/;
const MAX_PAGE = 1000;

interface WriteBody {
  logName?: string;
  resource?: SandboxLogEntry['resource'];
  labels?: Record<string, string>;
  entries?: Array<
    Partial<SandboxLogEntry> & { logName?: string; severity?: string | number }
  >;
}
interface ListBody {
  resourceNames?: string[];
  filter?: string;
  orderBy?: string;
  pageSize?: number;
  pageToken?: string;
}

function loggingOf(world: SandboxWorld, projectId: string): SandboxLogging {
  const project = world.projects.get(projectId);
  if (!project)
    throw notFound(`Project '${projectId}' not found or permission denied.`);
  project.logging ??= { entries: [], nextInsertId: 1 };
  return project.logging;
}

/** The Logging API of the sandbox; method keys `logging.entries.write` and `logging.entries.list`. */
export function createLoggingApi(deps: SandboxApiDeps): SandboxApi {
  let types: { write: protobuf.Type; list: protobuf.Type } | undefined;
  const protoTypes = () => {
    const root = loadClientProtoRoot('@google-cloud/logging');
    types ??= {
      write: messageType(root, 'google.logging.v2.WriteLogEntriesRequest'),
      list: messageType(root, 'google.logging.v2.ListLogEntriesRequest'),
    };
    return types;
  };
  const check = (type: protobuf.Type, body: unknown) => {
    const violations = checkMessageJson(type, body);
    if (violations.length)
      throw invalidArgument(
        `Invalid request: ${violations
          .map(v => `${v.field}: ${v.description}`)
          .join('; ')}`,
        violations,
      );
  };

  function write(body: WriteBody) {
    check(protoTypes().write, body);
    const entries = body.entries ?? [];
    if (entries.length === 0)
      throw invalidArgument('entries must not be empty', [
        { field: 'entries', description: 'at least one entry' },
      ]);
    const now = new Date(deps.clock.now()).toISOString();
    // Validate every entry before storing any: a bad batch writes nothing (partialSuccess not emulated).
    const prepared = entries.map((e, i) => {
      const logName = e.logName ?? body.logName;
      const m = logName ? LOG_NAME.exec(logName) : null;
      if (!m)
        throw invalidArgument(
          `entries[${i}].logName must be projects/PROJECT/logs/LOG`,
          [
            {
              field: `entries[${i}].log_name`,
              description: 'missing or malformed',
            },
          ],
        );
      const resource = e.resource ?? body.resource;
      if (!resource?.type)
        throw invalidArgument(`entries[${i}].resource is required`, [
          { field: `entries[${i}].resource`, description: 'required' },
        ]);
      return { projectId: m[1]!, logName: logName!, resource, e };
    });
    for (const { projectId, logName, resource, e } of prepared) {
      const logging = loggingOf(deps.world, projectId);
      const severity =
        typeof e.severity === 'number'
          ? SEVERITY_NAMES[e.severity] ?? String(e.severity)
          : e.severity;
      logging.entries.push({
        logName,
        resource,
        timestamp: e.timestamp ?? now,
        receiveTimestamp: now,
        insertId: e.insertId ?? `sandbox-${logging.nextInsertId++}`,
        ...(severity !== undefined ? { severity } : {}),
        ...(e.labels || body.labels
          ? { labels: { ...body.labels, ...e.labels } }
          : {}),
        ...(e.jsonPayload !== undefined ? { jsonPayload: e.jsonPayload } : {}),
        ...(e.textPayload !== undefined ? { textPayload: e.textPayload } : {}),
      });
    }
    return {};
  }

  function list(body: ListBody) {
    check(protoTypes().list, body);
    const names = body.resourceNames ?? [];
    if (names.length === 0)
      throw invalidArgument('resourceNames must not be empty', [
        { field: 'resource_names', description: 'required' },
      ]);
    const matches = compileEntriesFilter(body.filter);
    const all = names.flatMap(name => {
      const m = /^projects\/([^/]+)$/.exec(name);
      if (!m)
        throw invalidArgument(`Unsupported resource name ${name}`, [
          { field: 'resource_names', description: 'projects/PROJECT only' },
        ]);
      return loggingOf(deps.world, m[1]!).entries.filter(matches);
    });
    const desc = /timestamp\s+desc/i.test(body.orderBy ?? '');
    // Cloud Run request and error logs are computed from the traffic model for the filter's time range
    // (default: the last hour of sandbox time), like Monitoring points, never stored.
    const bounds = timestampBounds(body.filter);
    const toMs = Math.min(bounds.to ?? deps.clock.now(), deps.clock.now());
    const fromMs = bounds.from ?? toMs - 3_600_000;
    const wanted = desc
      ? (body.pageToken ? Number(body.pageToken) : 0) +
        Math.min(body.pageSize || 50, MAX_PAGE) +
        1
      : Infinity;
    for (const name of names) {
      const project = deps.world.projects.get(name.slice('projects/'.length));
      if (project)
        all.push(
          ...generatedRunEntries(project, fromMs, toMs, matches, wanted),
        );
    }
    all.sort((a, b) =>
      desc
        ? b.timestamp.localeCompare(a.timestamp)
        : a.timestamp.localeCompare(b.timestamp),
    );
    const offset = body.pageToken ? Number(body.pageToken) : 0;
    if (!Number.isInteger(offset) || offset < 0)
      throw invalidArgument('Invalid page token', [
        { field: 'page_token', description: 'invalid' },
      ]);
    const size = Math.min(
      body.pageSize && body.pageSize > 0 ? body.pageSize : 50,
      MAX_PAGE,
    );
    const page = all.slice(offset, offset + size);
    return {
      entries: page,
      ...(offset + size < all.length
        ? { nextPageToken: String(offset + size) }
        : {}),
    };
  }

  function match(request: SandboxRequest): SandboxRoute | null {
    if (request.method !== 'POST') return null;
    // The REST fallback may percent-encode the ':' of custom methods.
    const path = request.path.replace(/%3A/gi, ':');
    if (path === '/v2/entries:write')
      return {
        method: 'logging.entries.write',
        handle: () => ({
          status: 200,
          body: write((request.body ?? {}) as WriteBody),
        }),
      };
    if (path === '/v2/entries:list')
      return {
        method: 'logging.entries.list',
        handle: () => ({
          status: 200,
          body: list((request.body ?? {}) as ListBody),
        }),
      };
    return null;
  }

  return { name: 'logging', match };
}
