import type { Router } from 'express';
import { recommendationQuerySchema } from '@gcp-serverless/common';
import type { PluginServices } from '../../wiring/createPluginServices';
import { handle } from '../handle';
import { parseInput } from '../validate';

/** Right-sizing recommendations across projects, from each project's snapshot (docs/recommendations.md). */
export function registerRecommendationRoutes(
  router: Router,
  services: PluginServices,
): void {
  router.get(
    '/recommendations',
    handle(async (req, res) => {
      const { sort } = parseInput(
        recommendationQuerySchema,
        req.query,
        'query',
      );
      res.json(await services.recommendations.list(sort));
    }),
  );
}
