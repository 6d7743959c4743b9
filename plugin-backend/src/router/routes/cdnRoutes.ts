import type { Router } from 'express';
import { z } from 'zod';
import {
  CDN_BACKEND_KINDS,
  cdnPolicyApplyRequestSchema,
  cdnPolicyPreviewRequestSchema,
  COMPUTE_NAME_PATTERN,
  projectIdSchema,
  windowQuerySchema,
} from '@gcp-serverless/common';
import type { PluginServices } from '../../wiring/createPluginServices';
import { handle } from '../handle';
import { parseInput } from '../validate';
import { projectParams } from './params';

const BACKEND = '/projects/:projectId/cdn/:kind/:name';
const backendParams = z.object({
  projectId: projectIdSchema,
  kind: z.enum(CDN_BACKEND_KINDS, {
    errorMap: () => ({
      message: `must be one of ${CDN_BACKEND_KINDS.join(', ')}`,
    }),
  }),
  name: z
    .string()
    .regex(
      COMPUTE_NAME_PATTERN,
      'must be a backend name (lowercase letters, digits, hyphens)',
    ),
});

/** Cloud CDN: the CDN page, cache policy preview and apply for backend services and buckets. */
export function registerCdnRoutes(
  router: Router,
  services: PluginServices,
): void {
  router.get(
    '/projects/:projectId/cdn',
    handle(async (req, res) => {
      const { projectId } = parseInput(projectParams, req.params, 'path');
      const { window } = parseInput(windowQuerySchema, req.query, 'query');
      res.json(await services.pages.cdn(projectId, window));
    }),
  );

  router.post(
    `${BACKEND}/preview`,
    handle(async (req, res) => {
      const ref = parseInput(backendParams, req.params, 'path');
      const body = parseInput(
        cdnPolicyPreviewRequestSchema,
        req.body,
        'cache policy',
      );
      res.json(await services.cdn.preview(ref, body.change));
    }),
  );

  router.post(
    `${BACKEND}/apply`,
    handle(async (req, res) => {
      const ref = parseInput(backendParams, req.params, 'path');
      const body = parseInput(
        cdnPolicyApplyRequestSchema,
        req.body,
        'cache policy',
      );
      res.json(await services.cdn.apply(ref, body, services.identify(req)));
    }),
  );
}
