import type { SandboxRequest, SandboxResponse } from '../api';
import { invalidArgument, notFound } from '../googleError';
import type { SandboxClock, SandboxProject, SandboxWorld } from '../world';
import { FaultSpecError, type FaultRules, type FaultSpec } from './faultRules';
import type { RequestActivity } from './requestActivity';
import type { RequestCounters } from './requestCounters';
import type { SetupFailures } from '../setup/setupFailures';
import { ZodError } from 'zod';

/** What the control surface acts on. */
export interface ControlDeps {
  world: SandboxWorld;
  clock: SandboxClock;
  counters: RequestCounters;
  activity: RequestActivity;
  faults: FaultRules;
  setupFailures: SetupFailures;
  /** Restores the initial world, counters, faults and clock offset. */
  reset(): void;
  /** Builds what a first query would otherwise build (the billing export), in chunks; resolves when ready. */
  warm(): Promise<void>;
}

/** Path prefix of the control surface; never overlaps a Google API path. */
export const CONTROL_PREFIX = '/_sandbox/';

type Handler = (
  request: SandboxRequest,
  deps: ControlDeps,
  id?: string,
) => SandboxResponse | Promise<SandboxResponse>;

const ok = (body: unknown, status = 200): SandboxResponse => ({ status, body });
const clockBody = (clock: SandboxClock) => ({
  now: new Date(clock.now()).toISOString(),
});

const ROUTES: Record<string, Handler> = {
  'GET health': (_r, deps) =>
    ok({
      status: 'ok',
      projects: [...deps.world.projects.keys()],
      ...clockBody(deps.clock),
    }),
  // Each project with the regions its Cloud Run services are in (scale-fleet spans several beyond 1,000
  // services), so a portal in another process can be configured for them.
  'GET projects': (_r, deps) =>
    ok({
      projects: [...deps.world.projects.values()].map(p => ({
        projectId: p.projectId,
        timeZone: p.timeZone,
        regions: projectRegions(p),
      })),
    }),
  'GET counters': (_r, deps) => ok({ counts: deps.counters.snapshot() }),
  'DELETE counters': (_r, deps) => {
    deps.counters.reset();
    deps.activity.reset();
    return ok({ counts: {} });
  },
  // A benchmark then measures the portal, not the sandbox's cold start (the only asynchronous route).
  'POST warm': async (_r, deps) => {
    const started = performance.now();
    await deps.warm();
    return ok({
      warmed: [
        'monitoringWeekColumns',
        'billingExport',
        'monitoringRecentColumns',
      ],
      ms: Math.round(performance.now() - started),
    });
  },
  // Google calls open now and the handlers' own time per method (the injected round trip excluded).
  'GET activity': (_r, deps) => ok(deps.activity.snapshot()),
  'GET faults': (_r, deps) => ok({ faults: deps.faults.list() }),
  'POST faults': (request, deps) => {
    try {
      // The body is checked by the fault spec schema inside add(), missing body included.
      return ok({ id: deps.faults.add(request.body as FaultSpec) });
    } catch (error) {
      if (error instanceof FaultSpecError)
        throw invalidArgument(
          `Invalid fault: ${error.message}`,
          error.violations,
        );
      throw error;
    }
  },
  'DELETE faults': (_r, deps) => {
    deps.faults.clear();
    return ok({ faults: [] });
  },
  'DELETE faults/:id': (_r, deps, id) => {
    if (!deps.faults.remove(id!)) throw notFound(`Fault ${id} not found`);
    return ok({});
  },
  'GET setup-failures': (_r, deps) => ok(deps.setupFailures.get()),
  'PUT setup-failures': (request, deps) => {
    try {
      return ok(deps.setupFailures.set(request.body));
    } catch (error) {
      if (error instanceof ZodError) {
        const violations = error.issues.map(i => ({
          field: i.path.join('.') || 'body',
          description: i.message,
        }));
        throw invalidArgument(
          `Invalid setup failures: ${violations
            .map(v => `${v.field}: ${v.description}`)
            .join('; ')}`,
          violations,
        );
      }
      throw error;
    }
  },
  'DELETE setup-failures': (_r, deps) => ok(deps.setupFailures.set({})),
  'POST reset': (_r, deps) => {
    deps.reset();
    return ok({ reset: true, ...clockBody(deps.clock) });
  },
  'GET clock': (_r, deps) => ok(clockBody(deps.clock)),
  'POST clock': (request, deps) => {
    setClock(request.body, deps.clock);
    return ok(clockBody(deps.clock));
  },
};

/** The control routes, `METHOD path` under `/_sandbox/` (`DELETE faults/:id`), for the docs check. */
export const SANDBOX_CONTROL_ROUTES: readonly string[] = Object.keys(ROUTES);

/** The project's default region first, then the other regions of its services in order of first use. */
export function projectRegions(project: SandboxProject): string[] {
  const regions = new Set([project.region]);
  for (const service of project.services.values()) regions.add(service.region);
  return [...regions];
}

function setClock(body: unknown, clock: SandboxClock): void {
  const { advanceSeconds, now } = (body ?? {}) as {
    advanceSeconds?: unknown;
    now?: unknown;
  };
  if (typeof advanceSeconds === 'number' && Number.isFinite(advanceSeconds)) {
    clock.advance(advanceSeconds);
  } else if (typeof now === 'string' && !Number.isNaN(Date.parse(now))) {
    clock.set(Date.parse(now));
  } else {
    throw invalidArgument(
      'POST /_sandbox/clock needs {"advanceSeconds": number} or {"now": "<ISO 8601>"}',
    );
  }
}

/**
 * Handles a `/_sandbox/…` request (JSON in, JSON out). Returns null when the path is not a control
 * path. Control requests are neither counted nor faulted.
 */
export function handleControlRequest(
  request: SandboxRequest,
  deps: ControlDeps,
): SandboxResponse | Promise<SandboxResponse> | null {
  if (!request.path.startsWith(CONTROL_PREFIX)) return null;
  const rest = request.path.slice(CONTROL_PREFIX.length).replace(/\/+$/, '');
  const faultId = /^faults\/([^/]+)$/.exec(rest)?.[1];
  const key = faultId
    ? `${request.method} faults/:id`
    : `${request.method} ${rest}`;
  const handler = ROUTES[key];
  if (!handler)
    throw notFound(
      `No sandbox control endpoint ${request.method} ${request.path}`,
    );
  return handler(
    request,
    deps,
    faultId ? decodeURIComponent(faultId) : undefined,
  );
}
