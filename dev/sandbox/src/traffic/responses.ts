/**
 * How a minute's requests split into HTTP response codes, following the service's traffic profile:
 * application redirects, 404s and 5xx, plus the 429s Cloud Run returns when no instance has room.
 */
import type { TrafficProfile } from '../world';
import { stochasticRound } from './hash';

/** Response code class as Cloud Run labels it (metric label response_code_class). */
export type ResponseCodeClass = '2xx' | '3xx' | '4xx' | '5xx';

/** Requests of one response code in a minute. */
export interface ResponseCount {
  /** HTTP status, e.g. 200, 429. */
  code: number;
  codeClass: ResponseCodeClass;
  count: number;
}

/**
 * Splits `total` into parts proportional to `weights` using cumulative rounding, so the parts are whole
 * numbers that add up to exactly `total` and no part drifts by more than one.
 */
export function splitCounts(
  total: number,
  weights: readonly number[],
): number[] {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i]!;
  const parts: number[] = [];
  let cumulativeWeight = 0;
  let previous = 0;
  for (let i = 0; i < weights.length; i++) {
    cumulativeWeight += weights[i]!;
    const cumulative =
      sum > 0 ? Math.round((total * cumulativeWeight) / sum) : 0;
    parts.push(cumulative - previous);
    previous = cumulative;
  }
  return parts;
}

const CODES: ReadonlyArray<readonly [number, ResponseCodeClass]> = [
  [200, '2xx'],
  [301, '3xx'],
  [302, '3xx'],
  [404, '4xx'],
  [500, '5xx'],
  [503, '5xx'],
];

/**
 * Response codes of a minute: `served` requests split by the profile's rates (3xx as 301/302, 4xx as
 * 404, 5xx as 500/503, the rest 200) and `refused` requests answered 429. Codes with no requests are
 * left out, because Cloud Run writes no point for them. Plain loops: this runs for every sampled minute.
 *
 * Each non-200 code gets its expected count rounded up or down at random (`draw(i)`, a seeded uniform
 * per code), so a rate below one request per minute still shows up in the right share of minutes
 * (1 % of 6 requests a minute: a 5xx in about one minute of 17), instead of rounding to zero every
 * minute. When the sample stands for `weight` minutes (alignment sampling, see
 * monitoring/aggregation/alignmentPlan.ts), the rounding is done on the `weight` minutes' total and
 * the counts are that total ÷ weight, so the sampled minute carries the period's expected share of
 * rare codes rather than zero or a whole request × weight.
 */
export function responseCounts(
  profile: TrafficProfile,
  served: number,
  refused: number,
  draw: (codeIndex: number) => number,
  weight = 1,
): ResponseCount[] {
  const r3 = profile.redirectRate3xx;
  const r4 = profile.errorRate4xx;
  const r5 = profile.errorRate5xx;
  const shares = [0, r3 * 0.3, r3 * 0.7, r4, r5 * 0.8, r5 * 0.2];
  // Rates adding up to more than 1 are scaled down, as splitCounts did with weights.
  const scale = Math.max(1, r3 + r4 + r5);
  const result: ResponseCount[] = [];
  let others = 0;
  for (let i = 1; i < CODES.length; i++) {
    const expected = (served * shares[i]!) / scale;
    const count = Math.min(
      stochasticRound(expected * weight, draw(i)) / weight,
      served - others,
    );
    others += count;
    if (count > 0)
      result.push({ code: CODES[i]![0], codeClass: CODES[i]![1], count });
  }
  if (served - others > 0)
    result.unshift({ code: 200, codeClass: '2xx', count: served - others });
  if (refused > 0) result.push({ code: 429, codeClass: '4xx', count: refused });
  return result;
}
