import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnexChangeHistory } from '@gcp-serverless/plugin-backend';
import { startTestBackend, type TestBackend } from './startTestBackend';

/**
 * The history's kind and person filters apply to the whole history in the database, a page at a time
 * (issue 13 §3): an old entry of a kind or person is found behind 150 newer entries of others, which a
 * filter over the newest 100 fetched would miss.
 */
const RESOURCE =
  'projects/gryyd-web/locations/asia-northeast3/services/gryd-be';
const QUEUE = 'projects/gryyd-web/locations/asia-northeast3/queues/generation';
const NEWER = 150;

let backend: TestBackend;
let dir: string;
let seeder: Knex;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'history-filters-'));
  const sqliteFile = path.join(dir, 'history.sqlite');
  backend = await startTestBackend({
    scenarios: ['gryyd-web'],
    config: () => ({ history: { sqliteFile } }),
  });
  // A second connection to the same file writes the entries nobody would click through 150 edits for.
  seeder = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: sqliteFile },
    useNullAsDefault: true,
    pool: { min: 1, max: 1 },
  });
  const history = new KnexChangeHistory(seeder);
  const now = backend.sandbox.clock.now();
  const at = (minutes: number) =>
    new Date(now + minutes * 60_000).toISOString();
  for (const [i, minutes] of [-600, -599].entries())
    await history.record({
      time: at(minutes),
      actor: 'ana@example.com',
      action: 'queue.apply',
      resource: QUEUE,
      before: { maxDispatchesPerSecond: 5 },
      after: { maxDispatchesPerSecond: 6 + i },
      result: 'succeeded',
    });

  // One real change through the API, by the configured local user.
  const change = { minInstances: 1, maxInstances: 44, concurrency: 80 };
  const base = '/projects/gryyd-web/locations/asia-northeast3/services/gryd-be';
  const preview = await backend.call('POST', `${base}/scaling/preview`, {
    change,
  });
  const applied = await backend.call('POST', `${base}/scaling/apply`, {
    change,
    etag: preview.body.etag,
    acknowledgedWarnings: preview.body.warnings.map(
      (w: { code: string }) => w.code,
    ),
  });
  expect(applied.status).toBe(200);

  for (let i = 1; i <= NEWER; i++)
    await history.record({
      time: at(i),
      actor: 'bob@example.com',
      action: 'scaling.apply',
      resource: RESOURCE,
      before: { minInstances: 1, maxInstances: 40, concurrency: 80 },
      after: { minInstances: 1, maxInstances: 40 + (i % 10), concurrency: 80 },
      result: 'succeeded',
    });
});

afterAll(async () => {
  await seeder?.destroy();
  await backend?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const history = async (query: string) => {
  const res = await backend.call('GET', `/projects/gryyd-web/history?${query}`);
  expect(res.status).toBe(200);
  return res.body as {
    entries: Array<{ id: string; time: string; actor: string; kind: string }>;
    nextCursor: string | null;
    filters: { kind: string | null; actor: string | null };
    facets: { kinds: string[]; actors: string[] };
  };
};

describe('history filters over the whole history', () => {
  it('finds old entries of a kind and of a person behind 150 newer ones', async () => {
    const unfiltered = await history('');
    expect(unfiltered.entries).toHaveLength(100);
    expect(unfiltered.entries.every(e => e.actor === 'bob@example.com')).toBe(
      true,
    );

    const queues = await history('kind=queue');
    expect(queues.filters).toEqual({ kind: 'queue', actor: null });
    expect(queues.entries.map(e => [e.kind, e.actor])).toEqual([
      ['queue', 'ana@example.com'],
      ['queue', 'ana@example.com'],
    ]);
    expect(queues.nextCursor).toBeNull();

    const mine = await history('actor=test-user');
    expect(mine.entries).toHaveLength(1);
    expect(mine.entries[0]).toMatchObject({
      actor: 'test-user',
      kind: 'scaling',
    });

    const both = await history('actor=ana%40example.com&kind=scaling');
    expect(both.entries).toEqual([]);
    expect(both.nextCursor).toBeNull();

    // The selects offer every kind and person of the whole history, whatever the filters.
    expect(both.facets).toEqual({
      kinds: ['queue', 'scaling'],
      actors: ['ana@example.com', 'bob@example.com', 'test-user'],
    });
  });

  it('pages a filtered history with nextCursor: every entry once, newest first', async () => {
    const seen: Array<{ id: string; time: string }> = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await history(
        `actor=bob%40example.com&limit=60${
          cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
        }`,
      );
      seen.push(...page.entries);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(NEWER);
    expect(new Set(seen.map(e => e.id)).size).toBe(NEWER);
    const times = seen.map(e => e.time);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('answers 400 naming the parameter for an unknown kind or a cursor it did not write', async () => {
    const kind = await backend.call(
      'GET',
      '/projects/gryyd-web/history?kind=everything',
    );
    expect(kind.status).toBe(400);
    expect(kind.body.error.fieldErrors[0].path).toBe('kind');
    const cursor = await backend.call(
      'GET',
      '/projects/gryyd-web/history?cursor=not-ours',
    );
    expect(cursor.status).toBe(400);
    expect(cursor.body.error.fieldErrors).toEqual([
      { path: 'cursor', message: expect.stringMatching(/nextCursor/) },
    ]);
  });
});
