import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildRouter,
  listRoutes,
  type RouterRoute,
} from '@gcp-serverless/plugin-backend';
import { SANDBOX_BILLING_ACCOUNT } from './editKindsUnderTest';
import { startTestBackend, type TestBackend } from './startTestBackend';

// Issue 12 point 4, kept in CI: generated requests against every route of the router — path
// parameters valid, random or with broken percent-encoding, duplicate and odd query keys, every
// method, JSON and non-JSON bodies, charsets, content encodings, cross-site headers. None may
// answer 5xx, every error is our error body, and a request that is refused (4xx) writes nothing
// upstream (the sandbox's write counters do not move). Runs are tuned to keep the file well under a
// minute on a quiet machine; the test timeouts are generous so a busy one does not cut a property
// short (a property cut short keeps sending requests into the next one).
const RUNS_PER_PROPERTY = 1_000;

let backend: TestBackend;
let routes: RouterRoute[];

beforeAll(async () => {
  backend = await startTestBackend({
    scenarios: ['gryyd-web'],
    config: () => ({
      billing: { accountId: SANDBOX_BILLING_ACCOUNT },
      // Pages computed once and served from their snapshot: the fuzz is about input, not reads.
      readModel: { refreshIntervalSeconds: 3_600, serveStaleForSeconds: 3_600 },
    }),
  });
  routes = listRoutes(buildRouter(backend.services));
  const budgets = await backend.call('GET', '/billing/budgets');
  VALID.budgetId = [budgets.body.budgets[0].budgetId];
});
afterAll(async () => backend?.close());

/** Values that reach a real resource, so the generated requests get past the allowlist too. */
const VALID: Record<string, string[]> = {
  projectId: ['gryyd-web'],
  region: ['asia-northeast3'],
  service: ['gryd-be', 'gryd-fe'],
  queue: ['generation'],
  instance: ['chat-redis'],
  urlMap: ['gryyd-web-url-map'],
  kind: ['backendServices', 'backendBuckets'],
  name: ['gryd-storage-service'],
};
const BROKEN_ENCODINGS = [
  '%ZZ',
  '%E0%A4%A',
  '%',
  '%%',
  '%C0%AF',
  '%FF%FE',
  '%00',
  '%2e%2e',
  '..',
  '%F0%9F%98',
];

/** encodeURIComponent, or the UTF-8 bytes of a lone surrogate (invalid UTF-8 on the wire) where it throws. */
const encode = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
};

const segment = (param: string) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...(VALID[param] ?? ['x'])) },
    {
      weight: 2,
      arbitrary: fc.string({ maxLength: 40 }).map(encodeURIComponent),
    },
    {
      weight: 1,
      arbitrary: fc.string({ unit: 'binary', maxLength: 20 }).map(encode),
    },
    { weight: 2, arbitrary: fc.constantFrom(...BROKEN_ENCODINGS) },
  );

const query = fc
  .array(
    fc.tuple(
      fc.constantFrom(
        'window',
        'range',
        'limit',
        'resource',
        'refresh',
        'token',
        'key',
        '__proto__',
        'a[b]',
      ),
      fc.oneof(
        fc.constantFrom('1h', '24h', '7d', '30d', '10', '0', '-1', '1'),
        fc.string({ maxLength: 20 }).map(encodeURIComponent),
        fc.constantFrom(...BROKEN_ENCODINGS),
      ),
    ),
    { maxLength: 4 },
  )
  .map(pairs =>
    pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : '',
  );

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/json; charset=bogus',
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/merge-patch+json',
];

const headers = fc.record(
  {
    'content-type': fc.constantFrom(...CONTENT_TYPES),
    'content-encoding': fc.constantFrom(
      'gzip',
      'deflate',
      'br',
      'identity',
      'bogus',
    ),
    origin: fc.constantFrom('https://evil.example', 'null'),
    'sec-fetch-site': fc.constantFrom('cross-site', 'same-site', 'none'),
    authorization: fc.constantFrom('Bearer secret-token-1234'),
  },
  { requiredKeys: [] },
);

/** Bodies around the shapes the routes expect, and garbage. */
const body = fc.oneof(
  fc.constant(undefined),
  fc.json({ maxDepth: 3 }),
  fc
    .record({
      change: fc.oneof(
        fc.object({ maxDepth: 2 }),
        fc.record({
          minInstances: fc.integer({ min: -5, max: 2_000 }),
          maxInstances: fc.integer({ min: -5, max: 2_000 }),
          concurrency: fc.integer({ min: -5, max: 2_000 }),
        }),
      ),
      etag: fc.oneof(fc.string({ maxLength: 600 }), fc.integer()),
      confirmName: fc.string({ maxLength: 20 }),
      acknowledgedWarnings: fc.array(fc.string({ maxLength: 120 }), {
        maxLength: 60,
      }),
    })
    .map(o => JSON.stringify(o)),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }),
);

const WRITE_METHOD = /\.(patch|update|insert|delete|pause|resume|purge)$/;
/** Upstream writes so far, per sandbox method key. */
const writes = (counts: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(counts).filter(([key]) => WRITE_METHOD.test(key)),
  );
const moved = (a: Record<string, number>, b: Record<string, number>) =>
  Object.keys(b).filter(key => b[key] !== a[key]);

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
}

/** Sends one request and checks it: no 5xx, our error body, no upstream write when refused. */
async function check(req: Sent): Promise<void> {
  const before = writes(await backend.counters());
  const res = await backend.raw(req.method, req.path, {
    headers: req.headers,
    ...(req.body !== undefined && req.method !== 'GET'
      ? { body: req.body }
      : {}),
  });
  const label = `${req.method} ${req.path} → ${res.status} ${JSON.stringify(
    res.body,
  )?.slice(0, 300)}`;
  expect(res.status, label).toBeLessThan(500);
  if (res.status >= 400) {
    expect(typeof res.body?.error?.name, label).toBe('string');
    expect(JSON.stringify(res.body), label).not.toContain('secret-token');
    // A 404 from Google itself is the exception: a queue action (pause, resume, purge) is one
    // Google call with no read before it, so on a queue that does not exist Google refuses the
    // write, and there was nothing to change.
    if (res.status !== 404)
      expect(moved(before, writes(await backend.counters())), label).toEqual(
        [],
      );
  }
}

const fillPath = (route: RouterRoute) =>
  fc
    .tuple(
      ...[...route.path.matchAll(/:(\w+)/g)].map(m => segment(m[1]!)),
      fc.constant(''),
    )
    .map(values => {
      let i = 0;
      return route.path.replace(/:(\w+)/g, () => values[i++]!);
    });

describe('every route through HTTP, generated requests', () => {
  it(`routes with generated parameters, queries and methods: no 5xx, no write when refused (${RUNS_PER_PROPERTY} runs)`, async () => {
    const request = fc
      .constantFrom(...routes)
      .chain(route =>
        fc.record({
          method: fc.oneof(
            { weight: 4, arbitrary: fc.constant(route.method.toUpperCase()) },
            {
              weight: 1,
              arbitrary: fc.constantFrom(
                'GET',
                'POST',
                'PUT',
                'PATCH',
                'DELETE',
              ),
            },
          ),
          path: fillPath(route),
          query,
        }),
      )
      .map(r => ({
        method: r.method,
        path: r.path + r.query,
        headers: { 'content-type': 'application/json' },
        body: r.method === 'GET' ? undefined : '{}',
      }));
    await fc.assert(fc.asyncProperty(request, check), {
      numRuns: RUNS_PER_PROPERTY,
    });
  }, 600_000);

  it(`mutation routes with generated bodies and headers: no 5xx, no write when refused (${RUNS_PER_PROPERTY} runs)`, async () => {
    const mutations = routes.filter(r => r.method !== 'get');
    const request = fc.constantFrom(...mutations).chain(route =>
      fc.record({
        method: fc.constant(route.method.toUpperCase()),
        path: fillPath(route),
        headers,
        body,
      }),
    );
    await fc.assert(fc.asyncProperty(request, check), {
      numRuns: RUNS_PER_PROPERTY,
    });
  }, 600_000);
});
