import {
  REDIS_CONFIG_KEYS,
  type RedisApplyResult,
  type RedisChange,
  type RedisConflictDetails,
  type RedisPreview,
  type RedisSettings,
} from '@gcp-serverless/common';
import type { RedisRef } from '../../api/QueuesRedisApi';
import type { ConflictRow, EditKind } from '../EditKind';

function rows(now: RedisSettings, yours: RedisSettings): ConflictRow[] {
  return [
    {
      field: 'memorySizeGb',
      label: 'Memory size (GB)',
      now: String(now.memorySizeGb),
      yours: String(yours.memorySizeGb),
    },
    ...REDIS_CONFIG_KEYS.map(k => ({
      field: `redisConfigs.${k}`,
      label: k,
      now: now.redisConfigs[k] ?? '—',
      yours: yours.redisConfigs[k] ?? '—',
    })),
  ];
}

/** Memory size and allowed configs of a Memorystore for Redis instance, guarded by a fingerprint of its settings. */
export const redisEdit: EditKind<
  RedisRef,
  RedisChange,
  RedisPreview,
  RedisApplyResult,
  RedisConflictDetails
> = {
  kind: 'redis',
  testId: 'redis',
  title: ref => `Preview Redis ${ref.instance}`,
  resourceName: ref => ref.instance,
  upstream: 'Memorystore',
  preview: (api, ref, change, options) =>
    api.previewRedis(ref, change, options),
  apply: (api, ref, { change, preview, acknowledgedWarnings }, options) =>
    api.applyRedis(
      ref,
      { change, etag: preview.etag, acknowledgedWarnings },
      options,
    ),
  isConflictDetails: (details): details is RedisConflictDetails =>
    typeof (details as RedisConflictDetails | undefined)?.current
      ?.memorySizeGb === 'number',
  conflictRows: (details, wanted) =>
    rows(details.current, {
      memorySizeGb: wanted.memorySizeGb,
      redisConfigs: wanted.redisConfigs ?? {},
    }),
  succeededMessage: (result, ref) =>
    `Redis ${ref.instance} updated (operation ${result.operation
      .split('/')
      .pop()}).`,
  sections: preview => ({ impacts: preview.impacts, cost: preview.cost }),
};
