import type { ChangeWarning, FieldChange } from '../types/api';
import type { RedisSettings } from '../types/redis';

/**
 * The fields a Redis change modifies: memory size, then each redis config set, changed or removed
 * (field `redisConfigs.<key>`, null for "not set"), keys sorted.
 */
export function diffRedis(
  current: RedisSettings,
  proposed: RedisSettings,
): FieldChange[] {
  const diff: FieldChange[] = [];
  if (current.memorySizeGb !== proposed.memorySizeGb) {
    diff.push({
      field: 'memorySizeGb',
      label: 'Memory size (GB)',
      before: current.memorySizeGb,
      after: proposed.memorySizeGb,
    });
  }
  const keys = [
    ...new Set([
      ...Object.keys(current.redisConfigs),
      ...Object.keys(proposed.redisConfigs),
    ]),
  ].sort();
  for (const key of keys) {
    const before = current.redisConfigs[key] ?? null;
    const after = proposed.redisConfigs[key] ?? null;
    if (before !== after)
      diff.push({ field: `redisConfigs.${key}`, label: key, before, after });
  }
  return diff;
}

/** What to know before resizing or reconfiguring an instance. */
export function redisChangeWarnings(input: {
  current: RedisSettings;
  proposed: RedisSettings;
  tier: string;
  /** Memory usage now, 0..1 of the current size, or null when unknown. */
  memoryUsageRatio: number | null;
}): ChangeWarning[] {
  const { current, proposed, tier, memoryUsageRatio } = input;
  const warnings: ChangeWarning[] = [];
  if (
    proposed.memorySizeGb < current.memorySizeGb &&
    memoryUsageRatio !== null
  ) {
    const usedGb = memoryUsageRatio * current.memorySizeGb;
    if (usedGb > proposed.memorySizeGb * 0.9) {
      warnings.push({
        code: 'REDIS_MEMORY_BELOW_USAGE',
        severity: 'warning',
        message: `About ${usedGb.toFixed(2)} GB is in use; ${
          proposed.memorySizeGb
        } GB leaves under 10 % headroom, so keys will be evicted (or writes refused under noeviction).`,
        requiresAcknowledgement: true,
      });
    }
  }
  if (
    memoryUsageRatio === null &&
    proposed.memorySizeGb < current.memorySizeGb
  ) {
    warnings.push({
      code: 'REDIS_MEMORY_USAGE_UNKNOWN',
      severity: 'info',
      message:
        'Memory usage could not be read from Cloud Monitoring, so the smaller size was not checked against it.',
      requiresAcknowledgement: false,
    });
  }
  if (proposed.memorySizeGb !== current.memorySizeGb && tier === 'BASIC') {
    warnings.push({
      code: 'REDIS_BASIC_RESIZE_FLUSHES',
      severity: 'warning',
      // Memorystore docs: scaling a Basic Tier instance flushes its cache and interrupts it (exact duration unverified).
      message:
        'Resizing a BASIC tier instance makes it unavailable for a while and flushes its data (BASIC has no replica).',
      requiresAcknowledgement: true,
    });
  }
  return warnings;
}
