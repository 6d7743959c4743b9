/**
 * The computed answers of recent timeSeries.list queries, so that the same query asked again over the
 * same minutes costs nothing: a portal's refresh, a second replica or a second page of the portal asks
 * the very queries of the one before, and at fleet scale each costs the sandbox seconds of its model.
 *
 * An answer is keyed by everything it depends on: the query apart from its interval, page token and
 * page size; the model minutes its alignment plan computes, with their weights ({@link planSignature});
 * and the state each selected resource's minutes are computed from (its source `version`: a Cloud Run
 * service's identity, its configuration history and traffic profile). Past minutes never change (an
 * edit appends a configuration from sandbox now on, and a plan holds only minutes that have ended),
 * so an answer stays right until its key changes. A query whose interval moves within the same
 * minutes (a portal sends its own now as the end) reuses the values and only restamps the intervals.
 * Sources without a version (projects whose demand depends on load balancers or queues) are never
 * cached: their past minutes may follow state the key does not capture.
 */
import type { AlignmentPlan } from '../aggregation/alignmentPlan';
import type { ResourceSource } from '../metrics/metricTypes';
import type { TypedValueJson } from './formatSeries';

/**
 * A series of a computed answer: its labels and, per period of the plan, its value (or none): a
 * number as computed (written as JSON only when a page holds it: formatSeries.ts `renderSeries`),
 * a distribution already as JSON.
 */
export interface AnswerSeries {
  resourceLabels: Readonly<Record<string, string>>;
  metricLabels: Readonly<Record<string, string>>;
  values: Array<number | TypedValueJson | undefined>;
  /** Periods with a value: the number of points this series writes. */
  pointCount: number;
}

/** A computed answer: its series in output order and their unit. */
export interface ComputedAnswer {
  series: AnswerSeries[];
  unit: string;
}

/** Answers kept at most (least recently used first out). */
const MAX_ANSWERS = 32;
/**
 * Points kept at most across answers: a day of 5-minute values of 1,000 services is 288,000, a week
 * of hourly latency distributions of 1,000 services 168,000 (each with its buckets).
 */
const MAX_POINTS = 3_000_000;

const ids = new WeakMap<object, number>();
let nextId = 1;

/** A number naming `value`'s identity for as long as it lives (a replaced object gets a new one). */
export function objectId(value: object): number {
  let id = ids.get(value);
  if (id === undefined) {
    id = nextId++;
    ids.set(value, id);
  }
  return id;
}

/** The model minutes a plan computes and their weights, as text (periods newest first). */
export function planSignature(plan: AlignmentPlan): string {
  const parts: string[] = [String(plan.periodSeconds)];
  for (const period of plan.periods) {
    const minutes = period.minuteStarts;
    const first = minutes[0] ?? 0;
    const step = minutes.length > 1 ? minutes[1]! - first : 0;
    parts.push(`${first}+${step}x${minutes.length}@${period.weight}`);
  }
  return parts.join(' ');
}

/**
 * The cache key of a query over `sources` with `plan`, or null when some source has no version (its
 * minutes may change without the key saying so). `query` is the query apart from interval and paging.
 */
export function answerKey(
  query: string,
  plan: AlignmentPlan,
  sources: readonly ResourceSource[],
): string | null {
  const versions: string[] = [];
  for (const source of sources) {
    if (source.version === undefined) return null;
    versions.push(source.version);
  }
  return `${query}\u0000${planSignature(plan)}\u0000${versions.join(',')}`;
}

/** The last answers computed, by key, bounded by count and by points. */
export class TimeSeriesAnswerCache {
  private readonly answers = new Map<string, ComputedAnswer>();
  private points = 0;

  /** The answer kept under `key`, if any (it becomes the most recently used). */
  get(key: string): ComputedAnswer | undefined {
    const answer = this.answers.get(key);
    if (answer) {
      this.answers.delete(key);
      this.answers.set(key, answer);
    }
    return answer;
  }

  /** Keeps `answer` under `key`, dropping the least recently used answers beyond the bounds. */
  set(key: string, answer: ComputedAnswer): void {
    const size = pointsOf(answer);
    if (size > MAX_POINTS) return;
    const previous = this.answers.get(key);
    if (previous) {
      this.points -= pointsOf(previous);
      this.answers.delete(key);
    }
    this.answers.set(key, answer);
    this.points += size;
    for (const [oldKey, old] of this.answers) {
      if (this.answers.size <= MAX_ANSWERS && this.points <= MAX_POINTS) break;
      this.answers.delete(oldKey);
      this.points -= pointsOf(old);
    }
  }
}

function pointsOf(answer: ComputedAnswer): number {
  let points = 0;
  for (const series of answer.series) points += series.pointCount;
  return points;
}
