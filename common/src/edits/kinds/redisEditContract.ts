import {
  redisApplyRequestSchema,
  redisChangeSchema,
  redisPreviewRequestSchema,
  type RedisChange,
} from '../../schemas/redis';
import { diffRedis } from '../../redis/redisDiff';
import type { RedisSettings } from '../../types/redis';
import { revertBySchema, type EditContract } from '../editContract';

/**
 * Memorystore memory size and redis configs. Instances have no etag: the guard is the portal's
 * settings fingerprint, and the backend serializes read-compare-write per instance.
 */
export const redisEditContract: EditContract<RedisSettings, RedisChange> = {
  kind: 'redis',
  action: 'redis.apply',
  changeSchema: redisChangeSchema,
  previewRequestSchema: redisPreviewRequestSchema,
  applyRequestSchema: redisApplyRequestSchema,
  diff: diffRedis,
  revertOf: before => revertBySchema(redisChangeSchema, before),
};
