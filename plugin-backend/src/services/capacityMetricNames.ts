/** Cloud Tasks and Memorystore metric types and resource labels (docs/google-apis.md §7). */
export const TASKS_RESOURCE = 'cloud_tasks_queue';
export const TASKS_METRICS = {
  depth: 'cloudtasks.googleapis.com/queue/depth',
  attempts: 'cloudtasks.googleapis.com/queue/task_attempt_count',
} as const;
export const QUEUE_ID_LABEL = 'resource.labels.queue_id';
export const TASKS_LOCATION_LABEL = 'resource.labels.location';
export const RESPONSE_CODE_LABEL = 'metric.labels.response_code';

export const REDIS_RESOURCE = 'redis_instance';
export const REDIS_METRICS = {
  connected: 'redis.googleapis.com/clients/connected',
  memoryUsage: 'redis.googleapis.com/stats/memory/usage_ratio',
  rejected: 'redis.googleapis.com/stats/reject_connections_count',
} as const;
/** In Google's Monitoring the label holds the full instance name (projects/…/instances/I); we key by its last segment. */
export const INSTANCE_ID_LABEL = 'resource.labels.instance_id';
export const REDIS_REGION_LABEL = 'resource.labels.region';

/** Short id of a queue or instance label value that may be a full resource name. */
export const shortId = (value: string | undefined) =>
  (value ?? '').split('/').pop() ?? '';

/** True for a task attempt response code that is a success ("200", "2xx", "OK"). */
export function isSuccessCode(code: string | undefined): boolean {
  const c = (code ?? '').trim();
  return /^2\d\d$/.test(c) || /^ok$/i.test(c) || c === '0';
}
