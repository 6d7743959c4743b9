/**
 * Cloud Tasks v2 limits checked on an updated queue (docs/google-apis.md §4). Field paths are snake_case,
 * rooted at `queue`, as Google names them in BadRequest field violations; the message texts are the
 * sandbox's own (Google's exact wording is unverified).
 */
import type { FieldViolation } from '../googleError';
import { parseDurationSeconds } from '../protoJson';
import {
  MAX_CONCURRENT_DISPATCHES,
  MAX_DISPATCHES_PER_SECOND,
} from './queueResource';

type Json = Record<string, unknown>;

const violation = (field: string, description: string): FieldViolation => ({
  field: `queue.${field}`,
  description,
});

/** Every rule the queue breaks; checked on the merged queue before anything is stored. */
export function queueViolations(queue: Json): FieldViolation[] {
  const rate = (queue['rateLimits'] ?? {}) as Json;
  const retry = (queue['retryConfig'] ?? {}) as Json;
  const out: FieldViolation[] = [];

  const dispatches = rate['maxDispatchesPerSecond'];
  if (
    typeof dispatches === 'number' &&
    (!(dispatches >= 0) || dispatches > MAX_DISPATCHES_PER_SECOND)
  ) {
    out.push(
      violation(
        'rate_limits.max_dispatches_per_second',
        `max_dispatches_per_second must be greater than 0 and at most ${MAX_DISPATCHES_PER_SECOND}, got ${dispatches}`,
      ),
    );
  }
  const concurrent = rate['maxConcurrentDispatches'];
  if (
    typeof concurrent === 'number' &&
    (concurrent < 0 || concurrent > MAX_CONCURRENT_DISPATCHES)
  ) {
    out.push(
      violation(
        'rate_limits.max_concurrent_dispatches',
        `max_concurrent_dispatches must be between 1 and ${MAX_CONCURRENT_DISPATCHES}, got ${concurrent}`,
      ),
    );
  }
  const attempts = retry['maxAttempts'];
  if (typeof attempts === 'number' && attempts < -1) {
    out.push(
      violation(
        'retry_config.max_attempts',
        `max_attempts must be -1 (unlimited) or at least 1, got ${attempts}`,
      ),
    );
  }
  const doublings = retry['maxDoublings'];
  if (typeof doublings === 'number' && doublings < 0) {
    out.push(
      violation(
        'retry_config.max_doublings',
        `max_doublings must not be negative, got ${doublings}`,
      ),
    );
  }
  const durations: Array<[string, string]> = [
    ['maxRetryDuration', 'max_retry_duration'],
    ['minBackoff', 'min_backoff'],
    ['maxBackoff', 'max_backoff'],
  ];
  for (const [key, field] of durations) {
    const seconds = parseDurationSeconds(retry[key]);
    if (seconds !== undefined && seconds < 0)
      out.push(
        violation(
          `retry_config.${field}`,
          `${field} must not be negative, got ${String(retry[key])}`,
        ),
      );
  }
  const minBackoff = parseDurationSeconds(retry['minBackoff']);
  const maxBackoff = parseDurationSeconds(retry['maxBackoff']);
  if (
    minBackoff !== undefined &&
    maxBackoff !== undefined &&
    minBackoff > 0 &&
    maxBackoff > 0 &&
    minBackoff > maxBackoff
  ) {
    out.push(
      violation(
        'retry_config.min_backoff',
        `min_backoff (${String(
          retry['minBackoff'],
        )}) must not exceed max_backoff (${String(retry['maxBackoff'])})`,
      ),
    );
  }
  return out;
}
