import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Service } from './processes';
import { withTimeout } from './progress';

/** The guest user's entity ref, as Backstage's guest auth provider signs it in. */
export const GUEST = 'user:development/guest';
const PROJECT_SERVICES = '/api/gcp-serverless/projects/gryyd-web/services';
const GRYD_BE =
  '/api/gcp-serverless/projects/gryyd-web/locations/asia-northeast3/services/gryd-be';

async function call(
  base: string,
  path: string,
  init: RequestInit & { token?: string } = {},
): Promise<{ status: number; body: any; text: string }> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(init.headers as Record<string, string>),
  };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    ...init,
    headers,
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text };
}

function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Waits until the plugin's `/health` answers (the backend has booted with the plugin), or the backend exits. */
export async function waitForBackend(
  base: string,
  backend: Service,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (backend.child.exitCode !== null || backend.child.signalCode !== null)
      throw new Error(
        `the backend exited (${
          backend.child.exitCode ?? backend.child.signalCode
        }) before it answered`,
      );
    try {
      const res = await fetch(`${base}/api/gcp-serverless/health`, {
        signal: AbortSignal.timeout(5_000),
      });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(2_000);
  }
  throw new Error(
    `the backend did not answer /api/gcp-serverless/health within ${Math.round(
      timeoutMs / 1000,
    )} s`,
  );
}

/** A Backstage token of the guest user, from the guest auth provider (what the app's sign-in does). */
export async function guestToken(base: string): Promise<string> {
  const res = await call(base, '/api/auth/guest/refresh', {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  const token = res.body?.backstageIdentity?.token;
  expect(
    res.status === 200 && typeof token === 'string',
    `guest sign-in: ${res.status} ${res.text.slice(0, 300)}`,
  );
  return token;
}

export async function readsServices(
  base: string,
  token: string,
): Promise<string> {
  const res = await call(base, PROJECT_SERVICES, { token });
  expect(
    res.status === 200,
    `GET ${PROJECT_SERVICES}: ${res.status} ${res.text.slice(0, 300)}`,
  );
  const names = JSON.stringify(res.body);
  expect(
    names.includes('gryd-be'),
    `GET ${PROJECT_SERVICES}: no gryd-be in ${res.text.slice(0, 300)}`,
  );
  const unauthenticated = await call(base, PROJECT_SERVICES);
  expect(
    unauthenticated.status === 401,
    `GET ${PROJECT_SERVICES} without a token: expected 401, got ${unauthenticated.status}`,
  );
  return `200 with gryd-be; 401 without a token`;
}

/** Backstage's error form on a plugin error: `ResponseError.fromResponse` needs `error.name`, `error.message` and `response.statusCode`. */
export async function errorBodies(
  base: string,
  token: string,
): Promise<string> {
  const res = await call(
    base,
    '/api/gcp-serverless/projects/no-such-project/services',
    { token },
  );
  expect(
    res.status === 404,
    `unknown project: expected 404, got ${res.status} ${res.text.slice(
      0,
      300,
    )}`,
  );
  expect(
    res.body?.error?.name === 'NotFoundError' &&
      typeof res.body?.error?.message === 'string' &&
      res.body?.response?.statusCode === 404 &&
      res.body?.request?.method === 'GET',
    `unknown project: not Backstage's serialized error form: ${res.text.slice(
      0,
      300,
    )}`,
  );
  return `404 { error: { name: NotFoundError, … }, request, response: { statusCode: 404 } }`;
}

/** The plugin's permissions as the permission framework sees them (permission integration metadata). */
export async function permissionsRegistered(
  base: string,
  token: string,
  expected: string[],
): Promise<string> {
  const path = '/api/gcp-serverless/.well-known/backstage/permissions/metadata';
  const res = await call(base, path, { token });
  expect(
    res.status === 200,
    `GET ${path}: ${res.status} ${res.text.slice(0, 300)}`,
  );
  const names: string[] = (res.body?.permissions ?? []).map(
    (p: { name: string }) => p.name,
  );
  const missing = expected.filter(name => !names.includes(name));
  expect(
    missing.length === 0,
    `GET ${path}: missing ${missing.join(', ')} (got ${names.join(', ')})`,
  );
  return `${expected.length} permissions: ${expected.join(', ')}`;
}

/** Preview and apply a scaling change as the guest; the history row (and the auditor event) name the guest. */
export async function scalingApplyRecordsUser(
  base: string,
  token: string,
  backendLog: string,
): Promise<string> {
  const change = { minInstances: 1, maxInstances: 47, concurrency: 80 };
  const preview = await call(base, `${GRYD_BE}/scaling/preview`, {
    method: 'POST',
    token,
    body: JSON.stringify({ change }),
  });
  expect(
    preview.status === 200,
    `scaling preview: ${preview.status} ${preview.text.slice(0, 300)}`,
  );
  const applied = await call(base, `${GRYD_BE}/scaling/apply`, {
    method: 'POST',
    token,
    body: JSON.stringify({ change, etag: preview.body.etag }),
  });
  expect(
    applied.status === 200 || applied.status === 202,
    `scaling apply: ${applied.status} ${applied.text.slice(0, 300)}`,
  );
  const resource =
    'projects/gryyd-web/locations/asia-northeast3/services/gryd-be';
  const historyPath = `/api/gcp-serverless/projects/gryyd-web/history?resource=${encodeURIComponent(
    resource,
  )}`;
  const row = await withTimeout(
    'history row of the apply',
    60_000,
    (async () => {
      for (;;) {
        const history = await call(base, historyPath, { token });
        expect(
          history.status === 200,
          `GET history: ${history.status} ${history.text.slice(0, 300)}`,
        );
        const entry = (history.body?.entries ?? []).find(
          (e: { after?: { maxInstances?: number } }) =>
            e.after?.maxInstances === change.maxInstances,
        );
        if (entry) return entry as { actor: string; result: string };
        await sleep(1_000);
      }
    })(),
  );
  expect(
    row.actor === GUEST,
    `history row actor: expected ${GUEST}, got ${row.actor}`,
  );
  // Backstage's auditor logs its events through the root logger; the event must name the guest, not the plugin.
  const audit = await withTimeout(
    'auditor event of the apply',
    30_000,
    (async () => {
      for (;;) {
        const line = readFileSync(backendLog, 'utf8')
          .split('\n')
          .find(l => l.includes('scaling-change'));
        if (line) return line;
        await sleep(500);
      }
    })(),
  );
  expect(
    audit.includes(GUEST) && !audit.includes('plugin:gcp-serverless'),
    `auditor event actor is not ${GUEST}: ${audit.slice(0, 400)}`,
  );
  return `apply ${applied.status}; history row actor ${row.actor}, result ${row.result}; auditor event names ${GUEST}`;
}

/**
 * Every plugin of the app started: Backstage logs "Plugin initialization complete" once all have
 * initialized, and "Backend startup failed" just after it when one threw. A failed startup leaves the
 * process serving, but the startup hooks never run (the catalog does not process its locations), so the
 * plugin's own `/health` answering is not enough.
 */
export async function backendStartupCompletes(
  backendLog: string,
  timeoutMs: number,
): Promise<string> {
  // eslint-disable-next-line no-control-regex
  const plain = () =>
    readFileSync(backendLog, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
  await withTimeout(
    'backend startup',
    timeoutMs,
    (async () => {
      while (!/Plugin initialization complete/.test(plain()))
        await sleep(1_000);
    })(),
  );
  await sleep(3_000);
  const failure = plain()
    .split('\n')
    .find(l => /Backend startup failed|threw an error during startup/.test(l));
  expect(!failure, failure?.slice(0, 500) ?? '');
  return 'every plugin initialized; no startup failure';
}

/**
 * Inside Backstage the read model computes in a worker thread of its own (docs/architecture.md, "The
 * read model"): the thread finds the plugin's TypeScript through the backend's inherited `--require`
 * transform. Its start is logged; a thread that cannot start logs a warning and the pages are computed
 * in the serving thread, which still works, so only the log tells them apart.
 */
export async function readModelComputesInItsThread(
  backendLog: string,
  timeoutMs: number,
): Promise<string> {
  // eslint-disable-next-line no-control-regex
  const plain = () =>
    readFileSync(backendLog, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
  const started = /the read model computes in its own thread \(thread \d+\)/;
  const failed = /computation thread did not start[^\n]*/;
  await withTimeout(
    'computation thread',
    timeoutMs,
    (async () => {
      while (!started.test(plain()) && !failed.test(plain()))
        await sleep(1_000);
    })(),
  );
  const failure = plain().match(failed)?.[0];
  expect(!failure, failure?.slice(0, 500) ?? '');
  return plain().match(started)![0];
}
