/**
 * A right-sizing recommendation as the API serves it (docs/recommendations.md, docs/api.md
 * `GET /recommendations`): the suggested settings, why, what they risk and what they save.
 */
import { z } from 'zod';
import { scalingSettingsSchema } from './serviceWeek';

/** The rules (docs/recommendations.md, "Rules"). */
export const RECOMMENDATION_RULES = [
  'idle-min',
  'max-above-peak',
  'at-max',
  'idle-cpu',
  'redis-unsafe-max',
] as const;
export type RecommendationRule = (typeof RECOMMENDATION_RULES)[number];

const figuresSchema = z.object({
  monthlyCost: z.number(),
  instanceHours: z.number(),
  hoursAtMax: z.number(),
  refusedAtPeaks: z.number(),
  worstPeakRefusedShare: z.number(),
  peakInstances: z.number(),
  hourlyScaleUps: z.number(),
});

export const recommendationSchema = z.object({
  projectId: z.string(),
  region: z.string(),
  service: z.string(),
  current: scalingSettingsSchema,
  suggested: scalingSettingsSchema,
  /** One per rule that fired, in the order the rules run, each with its figures in words. */
  reasons: z.array(
    z.object({
      rule: z.enum(RECOMMENDATION_RULES),
      message: z.string(),
    }),
  ),
  /** Current − suggested monthly cost of last week's traffic: positive saves, negative costs. */
  monthlySaving: z.number(),
  /** Worst case per hour at max instances, suggested − current (negative: a lower ceiling). */
  worstCaseHourlyChange: z.number(),
  /** ISO 4217 code of every amount. */
  currency: z.string(),
  /** The week replayed under the current and the suggested settings (the risk). */
  risk: z.object({ current: figuresSchema, suggested: figuresSchema }),
  /** The week's peak as the rules read it. */
  peak: z.object({
    /** Concurrent requests of the busiest minute (Little's law). */
    inFlight: z.number(),
    /** Instances the autoscaler wants for it at the suggested concurrency. */
    wantedInstances: z.number(),
    /** Highest hourly p99 CPU and memory utilisation, 0..1; null when unmeasured. */
    cpu: z.number().nullable(),
    memory: z.number().nullable(),
  }),
});
export type Recommendation = z.infer<typeof recommendationSchema>;
