import { z } from 'zod';
import { DEFAULT_TIME_WINDOW, TIME_WINDOWS } from '../types/timeWindow';

/** Google project ids: 6–30 chars, lowercase letters, digits, hyphens, starting with a letter. */
export const projectIdSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/,
    'must be a Google Cloud project id (6–30 lowercase letters, digits, hyphens)',
  );

/** Region names such as `asia-northeast3`. */
export const regionSchema = z
  .string()
  .regex(/^[a-z]+(-[a-z]+)+[0-9]+$/, 'must be a region such as us-central1');

/** Cloud Run service names: lowercase letters, digits, hyphens, ≤ 49 chars, starting with a letter. */
export const serviceNameSchema = z
  .string()
  .regex(
    /^[a-z]([a-z0-9-]{0,47}[a-z0-9])?$/,
    'must be a Cloud Run service name',
  );

export const timeWindowSchema = z.enum(TIME_WINDOWS, {
  errorMap: () => ({ message: `must be one of ${TIME_WINDOWS.join(', ')}` }),
});

/** Query of the list and detail routes. */
export const windowQuerySchema = z
  .object({ window: timeWindowSchema.default(DEFAULT_TIME_WINDOW) })
  .strict();
