import type {
  ApplyAnswer,
  QueueActionResult,
  QueueApplyRequest,
  QueueApplyResult,
  QueueChange,
  QueueListResponse,
  QueuePreview,
  RedisApplyRequest,
  RedisApplyResult,
  RedisChange,
  RedisListResponse,
  RedisPreview,
  TimeWindow,
} from '@gcp-serverless/common';
import type { RequestOptions } from './GcpServerlessApi';

/** Identifies one Cloud Tasks queue: project, region (Cloud Tasks location) and queue id (e.g. `generation`). */
export interface QueueRef {
  projectId: string;
  region: string;
  queue: string;
}

/** Identifies one Memorystore for Redis instance: project, region and instance id (e.g. `chat-redis`). */
export interface RedisRef {
  projectId: string;
  region: string;
  instance: string;
}

/**
 * The queues and Redis part of {@link GcpServerlessApi}. Edits follow the scaling pattern: preview
 * (diff, warnings, guardrail impacts, a fingerprint as `etag`) then apply with that etag; a stale one
 * rejects with `ConflictError` whose details are `QueueConflictDetails` / `RedisConflictDetails`.
 */
export interface QueuesRedisApi {
  /** `GET /projects/:projectId/queues?window=`: queues with state, depth, dispatch rates and wiring. */
  listQueues(
    projectId: string,
    window: TimeWindow,
    options?: RequestOptions,
  ): Promise<QueueListResponse>;
  /** `POST …/queues/:queue/preview`: diff, queue → worker guardrail; changes nothing. */
  previewQueue(
    ref: QueueRef,
    change: QueueChange,
    options?: RequestOptions,
  ): Promise<QueuePreview>;
  /** `POST …/queues/:queue/apply`. */
  applyQueue(
    ref: QueueRef,
    request: QueueApplyRequest,
    options?: RequestOptions,
  ): Promise<ApplyAnswer<QueueApplyResult>>;
  /** `POST …/queues/:queue/pause`: dispatching stops, tasks accumulate. */
  pauseQueue(
    ref: QueueRef,
    options?: RequestOptions,
  ): Promise<QueueActionResult>;
  /** `POST …/queues/:queue/resume`. */
  resumeQueue(
    ref: QueueRef,
    options?: RequestOptions,
  ): Promise<QueueActionResult>;
  /** `POST …/queues/:queue/purge` with the queue id typed again: deletes every task. */
  purgeQueue(
    ref: QueueRef,
    confirmName: string,
    options?: RequestOptions,
  ): Promise<QueueActionResult>;
  /** `GET /projects/:projectId/redis?window=`: instances with usage, clients, wiring and budgets. */
  listRedis(
    projectId: string,
    window: TimeWindow,
    options?: RequestOptions,
  ): Promise<RedisListResponse>;
  /** `POST …/redis/:instance/preview`. */
  previewRedis(
    ref: RedisRef,
    change: RedisChange,
    options?: RequestOptions,
  ): Promise<RedisPreview>;
  /** `POST …/redis/:instance/apply`: waits for Memorystore's operation. */
  applyRedis(
    ref: RedisRef,
    request: RedisApplyRequest,
    options?: RequestOptions,
  ): Promise<ApplyAnswer<RedisApplyResult>>;
}

const enc = encodeURIComponent;

/** `/projects/P/locations/L/queues/Q` */
export function queuePath(ref: QueueRef): string {
  return `/projects/${enc(ref.projectId)}/locations/${enc(
    ref.region,
  )}/queues/${enc(ref.queue)}`;
}

/** `/projects/P/locations/L/redis/I` */
export function redisPath(ref: RedisRef): string {
  return `/projects/${enc(ref.projectId)}/locations/${enc(
    ref.region,
  )}/redis/${enc(ref.instance)}`;
}
