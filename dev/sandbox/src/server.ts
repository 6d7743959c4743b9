import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxApi, SandboxRequest, SandboxResponse } from './api';
import { OffsetSandboxClock } from './clock';
import { handleControlRequest } from './control/controlApi';
import { FaultRules } from './control/faultRules';
import { RequestActivity } from './control/requestActivity';
import { RequestCounters } from './control/requestCounters';
import { RequestTrace } from './control/requestTrace';
import { GoogleApiError, notFound, statusNameForHttp } from './googleError';
import { readSandboxRequest, writeError, writeJson } from './httpIo';
import { maskedResponse, responseSelection } from './fieldMask';
import { decodePathSegments } from './pathSegments';
import { createMonitoringApi } from './monitoring';
import { createBudgetsApi } from './billing/budgets/budgetsApi';
import { createCloudBillingApi } from './billing/catalog/cloudBillingApi';
import { createBigQueryApi } from './billing/bigquery/bigQueryApi';
import { warmExport } from './billing/bigquery/exportEngine';
import { warmWeekColumns } from './monitoring/metrics/warmWeekColumns';
import { warmRecentColumns } from './monitoring/metrics/warmRecentColumns';
import { createComputeApi } from './compute/computeApi';
import { createRunApi } from './run/runApi';
import { createTasksApi } from './tasks/tasksApi';
import { createLoggingApi } from './logging';
import { createRedisApi } from './redis/redisApi';
import { buildWorld, SCENARIO_NAMES } from './scenarios';
import { SetupFailures, type SetupFailureSpec } from './setup/setupFailures';
import {
  createResourceManagerApi,
  createServiceUsageApi,
} from './setup/setupApis';
import type { SandboxWorld } from './world';

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** TCP port; 0 (default) = ephemeral. */
  port?: number;
  /** Bind address (default 127.0.0.1: the sandbox is never exposed beyond the machine). */
  host?: string;
  /** Scenario projects to load (default all four). */
  scenarios?: string[];
  /** scale-fleet size (default 200). */
  services?: number;
  /** Sandbox time at start, epoch ms (default real time); it keeps flowing in real time. */
  now?: number;
  /** Real milliseconds until a Run operation reports done (default 300). */
  operationDelayMs?: number;
  /** Missing credentials, disabled APIs, denied permissions, unknown projects (docs/sandbox.md#setup-failures). */
  setupFailures?: SetupFailureSpec;
}

/** A running sandbox. */
export interface Sandbox {
  /** Base URL, e.g. `http://127.0.0.1:8123` (no trailing slash). */
  url: string;
  port: number;
  /** The live world; `reset()` refills this same object, so references stay valid. */
  world: SandboxWorld;
  clock: OffsetSandboxClock;
  /** Fault injection, the same rules as `/_sandbox/faults`. */
  faults: FaultRules;
  /** Request counters, the same as `/_sandbox/counters`. */
  counters: RequestCounters;
  /** Google calls open now and handler time per method, the same as `/_sandbox/activity`. */
  activity: RequestActivity;
  /** Setup failures, the same as `/_sandbox/setup-failures`. */
  setupFailures: SetupFailures;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
  /** Restores the initial world, counters, faults, operations and clock offset. */
  reset(): void;
}

/** Waits `ms`, or less when `signal` aborts first (the client went away: nobody waits for the answer). */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>(resolve => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * Starts the GCP sandbox: an HTTP server speaking the Google REST dialect of the APIs the plugin
 * uses (Cloud Run Admin v2, Cloud Monitoring v3), plus the `/_sandbox/` control surface.
 */
export async function startSandbox(
  options: SandboxOptions = {},
): Promise<Sandbox> {
  const clock = new OffsetSandboxClock(options.now);
  const startedAt = clock.now();
  const worldOptions = {
    scenarios: options.scenarios ?? [...SCENARIO_NAMES],
    services: options.services,
    now: startedAt,
  };
  const world = buildWorld(worldOptions);
  const counters = new RequestCounters();
  const activity = new RequestActivity();
  const trace = RequestTrace.fromEnvironment();
  const faults = new FaultRules();
  const setupFailures = new SetupFailures(options.setupFailures);
  const runApi = createRunApi(
    { world, clock },
    { operationDelayMs: options.operationDelayMs ?? 300 },
  );
  const apis: SandboxApi[] = [runApi, createMonitoringApi({ world, clock })];
  const computeApi = createComputeApi(
    { world, clock },
    { operationDelayMs: options.operationDelayMs ?? 300 },
  );
  apis.push(computeApi);
  apis.push(createTasksApi({ world, clock }));
  apis.push(createLoggingApi({ world, clock }));
  const redisApi = createRedisApi(
    { world, clock },
    options.operationDelayMs ?? 300,
  );
  apis.push(redisApi);
  apis.push(createBudgetsApi({ world, clock }));
  apis.push(createCloudBillingApi({ world, clock }));
  apis.push(createBigQueryApi({ world, clock }));
  apis.push(createResourceManagerApi({ world, clock }, setupFailures));
  apis.push(createServiceUsageApi({ world, clock }, setupFailures));

  const reset = () => {
    clock.reset();
    // Refill in place: API handlers and callers hold references to `world`.
    world.projects.clear();
    for (const [id, project] of buildWorld(worldOptions).projects)
      world.projects.set(id, project);
    counters.reset();
    activity.reset();
    faults.clear();
    setupFailures.reset();
    runApi.operations.clear();
    redisApi.operations.clear();
    computeApi.operations.clear();
    delete world.billing; // rebuilt on first use: initial budgets, empty export cache
  };

  async function dispatch(
    request: SandboxRequest,
    gone: AbortSignal,
    opened: (method: string) => void,
    handled: (ms: number) => void,
  ): Promise<SandboxResponse> {
    decodePathSegments(request.path); // a malformed %-escape is 400 for every API, not a 404 or 500
    const control = handleControlRequest(request, {
      world,
      clock,
      counters,
      activity,
      faults,
      setupFailures,
      reset,
      warm: async () => {
        await warmWeekColumns(world, clock.now());
        await warmExport(world, clock.now());
        // Last: its minutes are those around now, when the warm-up ends (the export takes longest).
        await warmRecentColumns(world, clock.now());
      },
    });
    if (control) return control;
    for (const api of apis) {
      const route = api.match(request);
      if (!route) continue;
      counters.increment(route.method);
      opened(route.method);
      const fault = faults.take(api.name, route.method);
      if (fault?.latencyMs) await sleep(fault.latencyMs, gone);
      // A client that gave up during the round trip gets no work done for it (Google drops such calls too).
      if (gone.aborted)
        throw new GoogleApiError(
          499,
          'CANCELLED',
          'The client cancelled the request',
        );
      if (fault?.status !== undefined) {
        throw new GoogleApiError(
          fault.status,
          statusNameForHttp(fault.status),
          fault.message ?? `Injected fault ${fault.id} (${route.method})`,
        );
      }
      setupFailures.check(api.name, route.method, request);
      // Before the handler: a write with a bad mask is refused unapplied.
      const selection = responseSelection(request, route.responseType);
      const started = performance.now();
      try {
        const response = await route.handle();
        if (response.points !== undefined)
          activity.answeredPoints(route.method, response.points);
        return maskedResponse(response, selection);
      } finally {
        const ms = performance.now() - started;
        activity.worked(route.method, ms);
        handled(ms);
      }
    }
    throw notFound(
      `The sandbox has no API at ${request.method} ${request.path}`,
    );
  }

  const server = http.createServer((req, res) => {
    // `close` fires when the answer was sent or the client dropped the connection, whichever first.
    const gone = new AbortController();
    let closeCall = (_answered: boolean) => {};
    let method: string | undefined;
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
      closeCall(res.writableFinished);
    });
    const opened = (m: string) => {
      method = m;
      closeCall = activity.opened(m);
      if (res.closed) closeCall(false);
    };
    let handlerMs = 0;
    let body: unknown;
    // Serialising a large answer is part of the sandbox's work for the call.
    const timedWrite = (write: () => void) => {
      const started = performance.now();
      write();
      if (!method) return;
      const writeMs = performance.now() - started;
      activity.worked(method, writeMs);
      trace?.record({
        method,
        url: req.url ?? '',
        status: res.statusCode,
        handlerMs,
        writeMs,
        ...(body !== undefined ? { body } : {}),
      });
    };
    readSandboxRequest(req)
      .then(request => {
        body = request.body;
        return dispatch(request, gone.signal, opened, ms => (handlerMs = ms));
      })
      .then(
        response =>
          timedWrite(() => writeJson(res, response.status, response.body)),
        (error: unknown) => timedWrite(() => writeError(res, error)),
      )
      .catch(() => res.destroy());
  });
  // Node closes idle keep-alive sockets after 5 s by default. When a long computation (1,000 services'
  // metrics) blocks the loop, that timer fires just as a client in the same process reuses the socket:
  // "socket hang up". A longer idle timeout than any client keeps its sockets avoids the race.
  server.keepAliveTimeout = 120_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    world,
    clock,
    faults,
    counters,
    activity,
    setupFailures,
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close(error => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
