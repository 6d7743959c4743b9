/**
 * Scheduled changes (issue 14 point 3, docs/scheduled-changes.md) through HTTP and the sandbox: the
 * avocano shop's Friday flash sale — min 10 from Fri 17:00 to 23:00 Asia/Seoul, then back — runs
 * on the sandbox clock and reverts; a value changed since scheduling skips the step with a reason;
 * bad windows are 400 with field messages. The runner is ticked by the test after it moves the
 * sandbox clock (as the scheduler's timer would on its next pass), never by waiting.
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from './startTestBackend';

const API = '/projects/avocano-shop/locations/us-central1/services/avocano-api';
const ZONE = 'Asia/Seoul';
let backend: TestBackend;

beforeAll(async () => {
  backend = await startTestBackend({ scenarios: ['avocano-shop'] });
});
afterAll(async () => backend?.close());
beforeEach(async () => {
  await backend.control('POST', '/reset');
});

/** The next Friday (at least a day ahead of the sandbox clock) from 17:00 to 23:00 in Seoul. */
function flashSaleWindow(weeksAhead = 0) {
  const now = DateTime.fromMillis(backend.sandbox.clock.now(), { zone: ZONE });
  let friday = now.plus({ days: 1 }).startOf('day');
  while (friday.weekday !== 5) friday = friday.plus({ days: 1 });
  friday = friday.plus({ weeks: weeksAhead });
  const day = friday.toFormat('yyyy-MM-dd');
  return {
    window: { timeZone: ZONE, start: `${day}T17:00`, end: `${day}T23:00` },
    startMs: friday.set({ hour: 17 }).toMillis(),
    endMs: friday.set({ hour: 23 }).toMillis(),
  };
}

async function scaling() {
  return (await backend.call('GET', API)).body.service.scaling;
}

async function setClock(ms: number) {
  await backend.control('POST', '/clock', {
    now: new Date(ms).toISOString(),
  });
}

/** One window of the calendar from `fromMs` on (the database outlives the sandbox's resets). */
async function calendarEntry(id: string, fromMs: number) {
  const res = await backend.call(
    'GET',
    `/projects/avocano-shop/scheduledChanges?from=${new Date(
      fromMs,
    ).toISOString()}`,
  );
  expect(res.status).toBe(200);
  return res.body.entries.find((e: { id: string }) => e.id === id);
}

/** Preview (as the form does) and schedule min 10 for the window. */
async function scheduleMin(minInstances: number, window: object) {
  const current = await scaling();
  const change = { ...current, minInstances };
  const preview = await backend.call('POST', `${API}/scaling/preview`, {
    change,
  });
  expect(preview.status).toBe(200);
  return backend.call('POST', `${API}/scaling/schedule`, {
    change,
    etag: preview.body.etag,
    acknowledgedWarnings: preview.body.warnings.map(
      (w: { code: string }) => w.code,
    ),
    window,
  });
}

describe('a flash-sale window', () => {
  it('is scheduled from its preview, starts at 17:00 Seoul on the sandbox clock and reverts at 23:00', async () => {
    const { window, startMs, endMs } = flashSaleWindow();
    const before = await scaling();
    expect(before.minInstances).toBe(1);

    const scheduled = await scheduleMin(10, window);
    expect(scheduled.status).toBe(201);
    expect(scheduled.body).toMatchObject({
      projectId: 'avocano-shop',
      kind: 'scaling',
      status: 'scheduled',
      scheduledBy: 'test-user',
      startsAt: new Date(startMs).toISOString(),
      endsAt: new Date(endMs).toISOString(),
      diff: [
        { field: 'minInstances', label: 'Min instances', before: 1, after: 10 },
      ],
    });
    // Seoul has no daylight saving time: 17:00 KST is 08:00 UTC.
    expect(scheduled.body.startsAt).toMatch(/T08:00:00\.000Z$/);

    const calendar = await backend.call(
      'GET',
      `/projects/avocano-shop/scheduledChanges?from=${new Date(
        startMs - 86_400_000,
      ).toISOString()}&to=${new Date(endMs + 86_400_000).toISOString()}`,
    );
    expect(calendar.status).toBe(200);
    expect(calendar.body.entries.map((e: { id: string }) => e.id)).toEqual([
      scheduled.body.id,
    ]);

    // Before the window nothing runs.
    await setClock(startMs - 60_000);
    expect(await backend.services.scheduledChanges.runner.runDue()).toEqual({
      started: [],
      reverted: [],
    });
    expect((await scaling()).minInstances).toBe(1);

    await setClock(startMs + 30_000);
    expect(
      (await backend.services.scheduledChanges.runner.runDue()).started,
    ).toEqual([scheduled.body.id]);
    expect((await scaling()).minInstances).toBe(10);
    // A second pass (another replica, the next tick) runs nothing again.
    expect(await backend.services.scheduledChanges.runner.runDue()).toEqual({
      started: [],
      reverted: [],
    });

    await setClock(endMs + 30_000);
    expect(
      (await backend.services.scheduledChanges.runner.runDue()).reverted,
    ).toEqual([scheduled.body.id]);
    expect(await scaling()).toEqual(before);

    const after = await backend.call(
      'GET',
      `/projects/avocano-shop/scheduledChanges?from=${new Date(
        startMs,
      ).toISOString()}&to=${new Date(endMs).toISOString()}`,
    );
    const entry = after.body.entries.find(
      (e: { id: string }) => e.id === scheduled.body.id,
    );
    expect(entry.status).toBe('completed');
    expect(entry.start).toMatchObject({ step: 'start', outcome: 'applied' });
    expect(entry.revert).toMatchObject({ step: 'revert', outcome: 'applied' });
    expect(entry.replaced).toEqual(before);

    // History: who scheduled it, and the two runs by the scheduler, newest first.
    const history = await backend.call('GET', '/projects/avocano-shop/history');
    const rows = history.body.entries
      .slice(0, 3)
      .map(
        (e: { actor: string; action: string; result: string; after: any }) => [
          e.actor,
          e.action,
          e.result,
          e.after.minInstances,
        ],
      );
    expect(rows).toEqual([
      [
        'scheduled by test-user, run by the scheduler',
        'scaling.apply',
        'succeeded',
        1,
      ],
      [
        'scheduled by test-user, run by the scheduler',
        'scaling.apply',
        'succeeded',
        10,
      ],
      ['test-user', 'scaling.schedule', 'succeeded', 10],
    ]);
    expect(history.body.entries[1].id).toBe(entry.start.changeId);
  });

  it('skips the start, with the reason, when the value was changed after it was scheduled', async () => {
    const { window, startMs } = flashSaleWindow();
    const scheduled = await scheduleMin(10, window);
    expect(scheduled.status).toBe(201);
    // Someone raises max instances before the sale.
    const current = await scaling();
    const preview = await backend.call('POST', `${API}/scaling/preview`, {
      change: { ...current, maxInstances: 120 },
    });
    const applied = await backend.call('POST', `${API}/scaling/apply`, {
      change: { ...current, maxInstances: 120 },
      etag: preview.body.etag,
      acknowledgedWarnings: preview.body.warnings.map(
        (w: { code: string }) => w.code,
      ),
    });
    expect(applied.status).toBe(200);

    await backend.control('DELETE', '/counters');
    await setClock(startMs + 30_000);
    await backend.services.scheduledChanges.runner.runDue();
    expect((await backend.counters())['run.services.patch'] ?? 0).toBe(0);
    expect(await scaling()).toMatchObject({
      minInstances: 1,
      maxInstances: 120,
    });
    const entry = await calendarEntry(scheduled.body.id, startMs);
    expect(entry.status).toBe('skipped');
    expect(entry.start.outcome).toBe('skipped');
    expect(entry.start.reason).toContain('Max instances was changed');
    // The database outlives the sandbox's resets: earlier tests' runs of the same Friday are there too.
    const skip = (
      await backend.call('GET', '/projects/avocano-shop/history')
    ).body.entries.find((e: { id: string }) => e.id === entry.start.changeId);
    expect(skip).toMatchObject({
      actor: 'scheduled by test-user, run by the scheduler',
      result: 'conflict',
    });
    expect(skip.error).toContain('Max instances was changed');
  });

  it('skips the revert when the value was changed during the window, and keeps it', async () => {
    const { window, startMs, endMs } = flashSaleWindow();
    const scheduled = await scheduleMin(10, window);
    expect(scheduled.status).toBe(201);
    await setClock(startMs + 30_000);
    await backend.services.scheduledChanges.runner.runDue();
    expect((await scaling()).minInstances).toBe(10);
    // On call during the sale: min 20.
    const current = await scaling();
    const preview = await backend.call('POST', `${API}/scaling/preview`, {
      change: { ...current, minInstances: 20 },
    });
    expect(
      (
        await backend.call('POST', `${API}/scaling/apply`, {
          change: { ...current, minInstances: 20 },
          etag: preview.body.etag,
          acknowledgedWarnings: preview.body.warnings.map(
            (w: { code: string }) => w.code,
          ),
        })
      ).status,
    ).toBe(200);
    await setClock(endMs + 30_000);
    expect(
      (await backend.services.scheduledChanges.runner.runDue()).reverted,
    ).toHaveLength(1);
    expect((await scaling()).minInstances).toBe(20);
    const entry = await calendarEntry(scheduled.body.id, startMs);
    expect(entry.status).toBe('completed');
    expect(entry.revert.outcome).toBe('skipped');
    expect(entry.revert.reason).toContain('Min instances was changed');
  });

  it('is cancelled before it starts, and then never runs', async () => {
    const { window, startMs } = flashSaleWindow();
    const scheduled = await scheduleMin(10, window);
    const cancelled = await backend.call(
      'POST',
      `${API}/scaling/schedule/${scheduled.body.id}/cancel`,
      {},
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'test-user',
    });
    const again = await backend.call(
      'POST',
      `${API}/scaling/schedule/${scheduled.body.id}/cancel`,
      {},
    );
    expect(again.status).toBe(409);
    await setClock(startMs + 30_000);
    expect(
      (await backend.services.scheduledChanges.runner.runDue()).started,
    ).toEqual([]);
    expect((await scaling()).minInstances).toBe(1);
  });
});

describe('bad windows', () => {
  async function refused(window: object) {
    const res = await scheduleMin(10, window);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    return res.body.error.fieldErrors as Array<{
      path: string;
      message: string;
    }>;
  }

  it('end before start, unknown zone, a past window, a time the clocks skip: 400 naming the field, nothing stored', async () => {
    const { window } = flashSaleWindow();
    const stored = async () =>
      (await backend.call('GET', '/projects/avocano-shop/scheduledChanges'))
        .body.entries.length;
    const storedBefore = await stored();
    expect(
      await refused({ ...window, start: window.end, end: window.start }),
    ).toEqual([{ path: 'window.end', message: 'must be after start' }]);
    expect(await refused({ ...window, timeZone: 'Asia/Atlantis' })).toEqual([
      {
        path: 'window.timeZone',
        message: 'must be an IANA time zone such as Asia/Seoul',
      },
    ]);
    const past = DateTime.fromMillis(backend.sandbox.clock.now(), {
      zone: ZONE,
    }).minus({ days: 2 });
    const pastErrors = await refused({
      timeZone: ZONE,
      start: past.toFormat("yyyy-MM-dd'T'HH:mm"),
      end: past.plus({ hours: 6 }).toFormat("yyyy-MM-dd'T'HH:mm"),
    });
    expect(pastErrors.map(f => f.path)).toEqual(['window.end']);
    expect(pastErrors[0]!.message).toMatch(/^is in the past/);
    // 2 a.m. to 3 a.m. does not exist in New York on the second Sunday of March.
    const gap = await refused({
      timeZone: 'America/New_York',
      start: '2027-03-14T02:30',
      end: '2027-03-14T06:00',
    });
    expect(gap).toEqual([
      {
        path: 'window.start',
        message:
          'does not exist in America/New_York: the clocks skip it (daylight saving time starts)',
      },
    ]);
    expect(await stored()).toBe(storedBefore);
  });
});
