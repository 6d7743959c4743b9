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
  })
  .strict();
export type CostQuery = z.infer<typeof costQuerySchema>;
