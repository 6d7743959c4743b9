import type { FieldChange } from '../types/api';
import type { QueueSettings } from '../types/queues';

/** Labels of the queue form's fields, keyed by dot path, in form order. */
export const QUEUE_FIELD_LABELS = {
  'rateLimits.maxDispatchesPerSecond': 'Max dispatches per second',
  'rateLimits.maxConcurrentDispatches': 'Max concurrent dispatches',
  'retryConfig.maxAttempts': 'Max attempts (-1 = unlimited)',
  'retryConfig.maxRetryDurationSeconds':
    'Max retry duration (s, 0 = unlimited)',
  'retryConfig.minBackoffSeconds': 'Min backoff (s)',
  'retryConfig.maxBackoffSeconds': 'Max backoff (s)',
  'retryConfig.maxDoublings': 'Max doublings',
} as const;

/** Dot paths of the queue form's fields. */
export type QueueFieldPath = keyof typeof QUEUE_FIELD_LABELS;
export const QUEUE_FIELD_PATHS = Object.keys(
  QUEUE_FIELD_LABELS,
) as QueueFieldPath[];

/** The value of a field of queue settings by dot path. */
export function queueFieldValue(
  settings: QueueSettings,
  path: QueueFieldPath,
): number {
  const [group, key] = path.split('.') as [
    'rateLimits' | 'retryConfig',
    string,
  ];
  return (settings[group] as Record<string, number>)[key]!;
}

/** The fields whose value differs between current and proposed queue settings, in form order. */
export function diffQueue(
  current: QueueSettings,
  proposed: QueueSettings,
): FieldChange[] {
  return QUEUE_FIELD_PATHS.filter(
    path => queueFieldValue(current, path) !== queueFieldValue(proposed, path),
  ).map(path => ({
    field: path,
    label: QUEUE_FIELD_LABELS[path],
    before: queueFieldValue(current, path),
    after: queueFieldValue(proposed, path),
  }));
}
