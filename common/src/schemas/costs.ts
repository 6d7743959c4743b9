import { z } from 'zod';
import { COST_RANGES, DEFAULT_COST_RANGE } from '../types/costs';

/** Query of GET /projects/:projectId/costs. */
export const costQuerySchema = z
  .object({
    range: z
      .enum(COST_RANGES, {
        errorMap: () => ({
          message: `must be one of ${COST_RANGES.join(', ')}`,
        }),
      })
      .default(DEFAULT_COST_RANGE),
    /** One resource (its short name, e.g. a Cloud Run service) instead of the whole project. */
    resource: z
      .string()
      .min(1, { message: 'must name a resource, or be left out' })
      .max(200, { message: 'must be at most 200 characters' })
      .optional(),
  })
  .strict();
export type CostQuery = z.infer<typeof costQuerySchema>;
