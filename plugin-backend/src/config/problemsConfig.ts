import { z } from 'zod';

const ratio = z.number().min(0).max(1);
const positive = z.number().min(0);

/**
 * `gcpServerless.problems`: overrides of the problem detectors' thresholds; every key optional,
 * defaults in `DEFAULT_PROBLEM_THRESHOLDS` (common) and docs/problems.md.
 */
export const problemsConfigSchema = z
  .object({
    thresholds: z
      .object({
        errorRatio5xx: ratio,
        errorRatio5xxCritical: ratio,
        latencyP95Ms: positive,
        maxInstancesRatio: ratio,
        throttled429PerSecond: positive,
        coldStartsPerHour: positive,
        queueBacklogGrowth: positive,
        queueOldestTaskSeconds: positive,
        redisConnectionsRatio: ratio,
        cdnHitRatio: ratio,
        minRequestsPerSecond: positive,
        budgetForecastRatio: positive,
      })
      .partial()
      .strict()
      .default({}),
  })
  .strict()
  .default({});
