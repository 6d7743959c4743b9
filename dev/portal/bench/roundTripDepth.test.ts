import { describe, expect, it } from 'vitest';
import { roundTripDepth, type TimedCall } from './roundTripDepth';

const call = (
  method: string,
  arrivedMs: number,
  answeredMs: number,
  abandoned?: boolean,
): TimedCall => ({
  method,
  arrivedMs,
  answeredMs,
  ...(abandoned ? { abandoned } : {}),
});

describe('roundTripDepth', () => {
  it('is 0 with an empty chain when there were no calls', () => {
    expect(roundTripDepth([])).toEqual({
      depth: 0,
      chain: [],
      callsAtDepth: [],
    });
  });

  it('counts calls that were out together as one round trip', () => {
    const calls = [call('a', 0, 100), call('b', 1, 120), call('c', 2, 90)];
    expect(roundTripDepth(calls)).toMatchObject({
      depth: 1,
      callsAtDepth: [3],
    });
  });

  it('follows pages sent one after another, whatever order the calls are listed in', () => {
    const page1 = call('run.services.list', 0, 100);
    const page2 = call('run.services.list', 101, 200);
    const page3 = call('run.services.list', 201, 300);
    const aside = call('monitoring.timeSeries.list', 5, 250);
    const { depth, chain, callsAtDepth } = roundTripDepth([
      page3,
      aside,
      page1,
      page2,
    ]);
    expect(depth).toBe(3);
    expect(chain).toEqual([page1, page2, page3]);
    expect(callsAtDepth).toEqual([2, 1, 1]);
  });

  it('takes the deepest earlier answer, not the latest one', () => {
    const first = call('first', 0, 100);
    const second = call('second', 100, 200); // sent as the first was answered
    const shallow = call('shallow', 10, 250);
    const third = call('third', 260, 300);
    const { depth, chain } = roundTripDepth([first, second, shallow, third]);
    expect(depth).toBe(3);
    expect(chain.map(c => c.method)).toEqual(['first', 'second', 'third']);
  });

  it('names, of equally deep earlier answers, the last one before the arrival', () => {
    const early = call('bigquery.jobs.query', 0, 80);
    const late = call('run.services.list', 0, 100);
    const next = call('monitoring.timeSeries.list', 101, 200);
    expect(
      roundTripDepth([early, late, next]).chain.map(c => c.method),
    ).toEqual(['run.services.list', 'monitoring.timeSeries.list']);
  });

  it('names, of equally deep earlier answers, one of the same API first', () => {
    const services = call('cloudbilling.services.list', 0, 100);
    const budgets = call('billingbudgets.budgets.list', 0, 110);
    const skus = call('cloudbilling.skus.list', 500, 600);
    expect(
      roundTripDepth([services, budgets, skus]).chain.map(c => c.method),
    ).toEqual(['cloudbilling.services.list', 'cloudbilling.skus.list']);
  });

  it('does not chain a call behind one that was still open when it arrived', () => {
    const long = call('long', 0, 500);
    const short = call('short', 0, 50);
    const next = call('next', 60, 100);
    expect(
      roundTripDepth([long, short, next]).chain.map(c => c.method),
    ).toEqual(['short', 'next']);
  });

  it('chains nothing behind an abandoned call, whose answer nobody waited for', () => {
    const cancelled = call('cancelled', 0, 50, true);
    const later = call('later', 60, 100);
    expect(roundTripDepth([cancelled, later]).depth).toBe(1);
  });
});
