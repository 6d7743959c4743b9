import type { PluginServices } from '@gcp-serverless/plugin-backend';
import type { TestBackend } from './startTestBackend';

/**
 * Every warning code that apply refuses until acknowledged (docs/api.md, "Warnings that apply
 * refuses until acknowledged"): the edit tests acknowledge them all, so what they exercise is the
 * guard and the outcome, not the checks.
 */
export const ALL_ACKNOWLEDGEABLE = [
  'CAPACITY_BELOW_PEAK',
  'REDIS_CONNECTIONS_OVER_LIMIT',
  'QUEUE_DISPATCH_ABOVE_WORKER_CAPACITY',
  'REDIS_MEMORY_BELOW_USAGE',
  'REDIS_BASIC_RESIZE_FLUSHES',
  'BUDGET_NO_THRESHOLDS',
  'BUDGET_CUSTOM_PERIOD_REPLACED',
];

/** The sandbox's billing account (dev/sandbox/src/billing/billingState.ts). */
export const SANDBOX_BILLING_ACCOUNT = '012345-6789AB-CDEF01';

/** The scenarios and config an edit test backend needs: every kind has a resource in them. */
export const EDIT_TEST_SCENARIOS = [
  'gryyd-web',
  'chat-realtime',
  'avocano-shop',
];

/** Sandbox method keys (docs/sandbox.md) of the calls an apply of the kind makes. */
export interface KindMethods {
  api: string;
  read: string;
  write: string;
  /** The operation poll; none for APIs that answer the resource directly (Cloud Tasks, Budgets). */
  poll?: string;
}

/** One resource of one edit kind, as the edit tests drive it through HTTP. */
export interface KindUnderTest {
  /** e.g. `scaling`, `cdn (backend bucket)`. */
  name: string;
  /** API path of the resource; `${path}/preview` and `${path}/apply`. */
  path: string;
  /** Full resource name, as history keys it. */
  resource: string;
  /** The project whose history lists its changes. */
  project: string;
  methods: KindMethods;
  /** Where the guard is enforced: Google's etag/fingerprint, or the portal's lease. */
  guard: 'google' | 'lease';
  /** A valid change that differs from the values in force now and from every other `i`. */
  change(i: number): Promise<unknown>;
  /** True when the values of `after` (a history entry's) are in force in the sandbox now. */
  inForce(after: unknown): Promise<boolean>;
  /** The settings in force now, in history's shape. */
  settings(): Promise<unknown>;
  /** The change that restores a history entry's `before` (the kind's contract in common). */
  revertOf(before: unknown): unknown;
}

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
type AnyGuardedEditKind = PluginServices['edits']['kinds'][number];

function kindAt(backend: TestBackend, routePath: string): AnyGuardedEditKind {
  const kind = backend.services.edits.kinds.find(
    k => k.routePath === routePath,
  );
  if (!kind) throw new Error(`no edit kind serves ${routePath}`);
  return kind;
}

/** Reads and compares through the kind itself (the real Google client against the sandbox). */
function describeKind(
  backend: TestBackend,
  routePath: string,
  resource: string,
  rest: Omit<
    KindUnderTest,
    'inForce' | 'settings' | 'change' | 'resource' | 'revertOf'
  > & {
    vary: (current: Json, i: number) => Json;
  },
): KindUnderTest {
  const kind = kindAt(backend, routePath);
  const ref = kind.refOfResource(resource);
  if (!ref) throw new Error(`${resource} is not a ${kind.contract.kind}`);
  const settings = async () => kind.settingsOf(await kind.read(ref));
  const { vary, ...described } = rest;
  return {
    ...described,
    resource,
    settings,
    revertOf: before => kind.contract.revertOf(before),
    async inForce(after) {
      return kind.contract.diff(await settings(), after).length === 0;
    },
    async change(i) {
      // The change that equals the values in force, varied by i.
      const same = kind.contract.revertOf(await settings());
      if (!same) throw new Error(`${resource}: current values not revertible`);
      return kind.contract.changeSchema.parse(vary(same, i));
    },
  };
}

/**
 * One resource of each of the six kinds (seven: CDN of a backend service is guarded by Google's
 * fingerprint, CDN of a backend bucket by the lease). The backend must run EDIT_TEST_SCENARIOS with
 * `billing.accountId` = SANDBOX_BILLING_ACCOUNT.
 */
export async function kindsUnderTest(
  backend: TestBackend,
): Promise<KindUnderTest[]> {
  const budgets = await backend.call('GET', '/billing/budgets');
  const budgetId: string = budgets.body.budgets.find(
    (b: Json) => b.displayName === 'gryyd-web monthly',
  ).budgetId;
  const cdn = await backend.call('GET', '/projects/avocano-shop/cdn');
  const bucket: string = cdn.body.backends.find(
    (b: Json) => b.kind === 'backendBuckets',
  ).name;
  // URL maps are written whole (PUT, `update`), backends patched (docs/google-apis.md §2).
  const computeApi = (what: string, write = 'patch'): KindMethods => ({
    api: 'compute',
    read: `compute.${what}.get`,
    write: `compute.${what}.${write}`,
    poll: 'compute.globalOperations.wait',
  });
  const cdnPolicy = (c: Json, i: number) => ({
    ...c,
    enableCdn: true,
    cacheMode: 'CACHE_ALL_STATIC',
    defaultTtl: 60 + i,
    maxTtl: 86_400,
    clientTtl: 60,
  });
  const kinds: KindUnderTest[] = [
    describeKind(
      backend,
      '/projects/:projectId/locations/:region/services/:service/scaling',
      'projects/gryyd-web/locations/asia-northeast3/services/gryd-be',
      {
        name: 'scaling',
        path: '/projects/gryyd-web/locations/asia-northeast3/services/gryd-be/scaling',
        project: 'gryyd-web',
        guard: 'google',
        methods: {
          api: 'run',
          read: 'run.services.get',
          write: 'run.services.patch',
          poll: 'run.operations.get',
        },
        vary: (c, i) => ({ ...c, maxInstances: 41 + (i % 900) }),
      },
    ),
    describeKind(
      backend,
      '/projects/:projectId/locations/:region/queues/:queue',
      'projects/gryyd-web/locations/asia-northeast3/queues/generation',
      {
        name: 'queue',
        path: '/projects/gryyd-web/locations/asia-northeast3/queues/generation',
        project: 'gryyd-web',
        guard: 'lease',
        methods: {
          api: 'tasks',
          read: 'tasks.queues.get',
          write: 'tasks.queues.patch',
        },
        vary: (c, i) => ({
          ...c,
          retryConfig: { ...c.retryConfig, maxAttempts: 7 + (i % 90) },
        }),
      },
    ),
    describeKind(
      backend,
      '/projects/:projectId/locations/:region/redis/:instance',
      'projects/chat-realtime/locations/asia-northeast3/instances/chat-redis',
      {
        name: 'redis',
        path: '/projects/chat-realtime/locations/asia-northeast3/redis/chat-redis',
        project: 'chat-realtime',
        guard: 'lease',
        methods: {
          api: 'redis',
          read: 'redis.instances.get',
          write: 'redis.instances.patch',
          poll: 'redis.operations.get',
        },
        vary: (c, i) => ({ ...c, memorySizeGb: 2 + (i % 250) }),
      },
    ),
    describeKind(
      backend,
      '/projects/:projectId/url-maps/:urlMap',
      'projects/gryyd-web/global/urlMaps/gryyd-web-url-map',
      {
        name: 'url map',
        path: '/projects/gryyd-web/url-maps/gryyd-web-url-map',
        project: 'gryyd-web',
        guard: 'google',
        methods: computeApi('urlMaps', 'update'),
        vary: (c, i) => {
          const matcher = c.pathMatchers.find(
            (m: Json) => m.name === 'path-matcher-2',
          );
          const service = matcher.pathRules[0].service;
          matcher.pathRules.push({ paths: [`/edit-test-${i}/*`], service });
          return c;
        },
      },
    ),
    describeKind(
      backend,
      '/projects/:projectId/cdn/:kind/:name',
      'projects/gryyd-web/global/backendServices/gryd-storage-service',
      {
        name: 'cdn (backend service)',
        path: '/projects/gryyd-web/cdn/backendServices/gryd-storage-service',
        project: 'gryyd-web',
        guard: 'google',
        methods: computeApi('backendServices'),
        vary: cdnPolicy,
      },
    ),
    describeKind(
      backend,
      '/billing/budgets/:budgetId',
      `billingAccounts/${SANDBOX_BILLING_ACCOUNT}/budgets/${budgetId}`,
      {
        name: 'budget',
        path: `/billing/budgets/${budgetId}`,
        project: 'gryyd-web',
        guard: 'google',
        methods: {
          api: 'billingbudgets',
          read: 'billingbudgets.budgets.get',
          write: 'billingbudgets.budgets.patch',
        },
        vary: (c, i) => ({ ...c, amount: 2_000 + i }),
      },
    ),
  ];
  kinds.push(
    describeKind(
      backend,
      '/projects/:projectId/cdn/:kind/:name',
      `projects/avocano-shop/global/backendBuckets/${bucket}`,
      {
        name: 'cdn (backend bucket)',
        path: `/projects/avocano-shop/cdn/backendBuckets/${bucket}`,
        project: 'avocano-shop',
        guard: 'lease',
        methods: computeApi('backendBuckets'),
        vary: cdnPolicy,
      },
    ),
  );
  return kinds;
}

/** One history entry as the API lists it. */
export interface HistoryEntry {
  id: string;
  actor: string;
  action: string;
  resource: string;
  projects: string[];
  before: unknown;
  after: unknown;
  result: 'succeeded' | 'conflict' | 'failed' | 'pending';
  error: string | null;
}

/** The history of one resource, newest first. */
export async function historyOf(
  backend: TestBackend,
  k: KindUnderTest,
): Promise<HistoryEntry[]> {
  const res = await backend.call(
    'GET',
    `/projects/${k.project}/history?limit=500&resource=${encodeURIComponent(
      k.resource,
    )}`,
  );
  if (res.status !== 200)
    throw new Error(`history of ${k.resource}: ${res.status}`);
  return res.body.entries;
}

/** Preview `change` and answer the etag it read (retried once: a preview is a read, and reads may be faulted). */
export async function previewEtag(
  backend: TestBackend,
  k: KindUnderTest,
  change: unknown,
): Promise<string> {
  const res = await backend.call('POST', `${k.path}/preview`, { change });
  if (res.status !== 200 || typeof res.body.etag !== 'string')
    throw new Error(
      `preview of ${k.name}: ${res.status} ${JSON.stringify(res.body)}`,
    );
  return res.body.etag;
}

/** Apply with every warning acknowledged. */
export function apply(
  backend: TestBackend,
  k: KindUnderTest,
  change: unknown,
  etag: string,
): Promise<{ status: number; body: Json }> {
  return backend.call('POST', `${k.path}/apply`, {
    change,
    etag,
    acknowledgedWarnings: ALL_ACKNOWLEDGEABLE,
  });
}
