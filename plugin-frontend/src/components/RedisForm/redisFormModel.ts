import {
  REDIS_CONFIG_KEYS,
  redisChangeSchema,
  type FieldError,
  type RedisChange,
  type RedisSettings,
} from '@gcp-serverless/common';

/** Field keys of the Redis form: the size and each allowed config ("redisConfigs.maxmemory-policy"). */
export type RedisField =
  | 'memorySizeGb'
  | `redisConfigs.${(typeof REDIS_CONFIG_KEYS)[number]}`;
export const REDIS_FIELDS: RedisField[] = [
  'memorySizeGb',
  ...REDIS_CONFIG_KEYS.map(k => `redisConfigs.${k}` as RedisField),
];

/** Text as typed per field; an empty config means "not set". */
export type RedisFormValues = Record<RedisField, string>;
export type RedisFieldErrors = Partial<Record<RedisField, string>>;

/** Label of a field ("Memory size (GB)", or the config key). */
export const redisFieldLabel = (field: RedisField) =>
  field === 'memorySizeGb'
    ? 'Memory size (GB)'
    : field.slice('redisConfigs.'.length);

/** Form values showing the settings (configs outside the allowed list are kept as they are by the change). */
export function toRedisFormValues(settings: RedisSettings): RedisFormValues {
  const values = {
    memorySizeGb: String(settings.memorySizeGb),
  } as RedisFormValues;
  for (const key of REDIS_CONFIG_KEYS)
    values[`redisConfigs.${key}`] = settings.redisConfigs[key] ?? '';
  return values;
}

/** Validates with the schema the backend uses (`redisChangeSchema`). */
export function validateRedisForm(
  values: RedisFormValues,
): { ok: true; change: RedisChange } | { ok: false; errors: RedisFieldErrors } {
  const configs: Record<string, string> = {};
  for (const key of REDIS_CONFIG_KEYS) {
    const v = values[`redisConfigs.${key}`].trim();
    if (v !== '') configs[key] = v;
  }
  const size = values.memorySizeGb.trim();
  const result = redisChangeSchema.safeParse({
    memorySizeGb: size === '' ? undefined : Number(size),
    redisConfigs: configs,
  });
  if (result.success) return { ok: true, change: result.data };
  const errors: RedisFieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.join('.');
    if (
      (REDIS_FIELDS as string[]).includes(path) &&
      errors[path as RedisField] === undefined
    )
      errors[path as RedisField] = issue.message;
  }
  return { ok: false, errors };
}

/** Maps a 400's field errors ("change.memorySizeGb") onto the fields; others are returned as text. */
export function redisServerErrors(fieldErrors: readonly FieldError[]): {
  fields: RedisFieldErrors;
  other: string[];
} {
  const fields: RedisFieldErrors = {};
  const other: string[] = [];
  for (const { path, message } of fieldErrors) {
    const field = path.replace(/^change\./, '');
    if ((REDIS_FIELDS as string[]).includes(field))
      fields[field as RedisField] ??= message;
    else other.push(`${path}: ${message}`);
  }
  return { fields, other };
}
