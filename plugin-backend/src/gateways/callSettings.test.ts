import { describe, expect, it } from 'vitest';
import { UpstreamTimeoutError } from '@gcp-serverless/common';
import { callOptions, readWithRetry } from './callSettings';
import { withComputationReadDeadline } from './computationReadDeadline';

/** A Google client error as google-gax throws it for HTTP 503 (docs/google-apis.md §1: 503 → 14). */
const unavailable = () =>
  Object.assign(new Error('Service Unavailable'), { code: 14 });

describe('readWithRetry', () => {
  it('a 503 that outlasts the deadline is reported as the 503, not as a timeout', async () => {
    // Every attempt answers 503 only after a while, so the deadline passes during the retries.
    const call = () =>
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(unavailable()), 40),
      );
    await expect(
      readWithRetry(call, 60, 'listing URL maps of p'),
    ).rejects.toMatchObject({ code: 14, message: 'Service Unavailable' });
  });

  it('a call that never answers is a timeout naming what was being done', async () => {
    const err = await readWithRetry(
      () => new Promise<never>(() => {}),
      100,
      'listing URL maps of p',
    ).catch(e => e);
    expect(err).toBeInstanceOf(UpstreamTimeoutError);
    expect(err.message).toBe(
      'listing URL maps of p did not finish within 0.1 s',
    );
  });

  it('retries UNAVAILABLE and returns the answer that follows', async () => {
    let calls = 0;
    expect(
      await readWithRetry(
        async () => (++calls < 2 ? Promise.reject(unavailable()) : 'ok'),
        5_000,
        'x',
      ),
    ).toBe('ok');
    expect(calls).toBe(2);
  });

  it('starts no retry once the deadline has passed (no orphaned calls to Google)', async () => {
    let calls = 0;
    const call = () =>
      new Promise<never>((_, reject) =>
        setTimeout(() => {
          calls++;
          reject(unavailable());
        }, 80),
      );
    await expect(readWithRetry(call, 50, 'x')).rejects.toBeDefined();
    await new Promise(r => setTimeout(r, 800));
    expect(calls).toBe(1);
  });
});

describe('reads inside a snapshot computation', () => {
  it('get the computation’s longer deadline: an answer past the viewer’s read deadline still arrives', async () => {
    // The answer comes after the read's own 20 ms deadline has passed.
    const late = () =>
      new Promise<string>(resolve => setTimeout(() => resolve('answer'), 60));
    const outside = await readWithRetry(late, 20, 'listing p').catch(e => e);
    expect(outside).toBeInstanceOf(UpstreamTimeoutError);
    expect(
      await withComputationReadDeadline(60_000, () =>
        readWithRetry(late, 20, 'listing p'),
      ),
    ).toBe('answer');
    expect(callOptions(20).timeout).toBe(20);
    expect(
      await withComputationReadDeadline(60_000, async () => callOptions(20)),
    ).toMatchObject({ timeout: 60_000 });
  });

  it('never get a shorter deadline than they asked for', async () => {
    expect(
      await withComputationReadDeadline(10, async () => callOptions(30_000)),
    ).toMatchObject({ timeout: 30_000 });
  });
});
