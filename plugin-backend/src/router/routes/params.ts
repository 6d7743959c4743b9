import { z } from 'zod';
import {
  projectIdSchema,
  regionSchema,
  serviceNameSchema,
} from '@gcp-serverless/common';

/** Path parameters shared by the route modules. */
export const projectParams = z.object({ projectId: projectIdSchema });
export const regionParams = z.object({
  projectId: projectIdSchema,
  region: regionSchema,
});
export const serviceParams = z.object({
  projectId: projectIdSchema,
  region: regionSchema,
  service: serviceNameSchema,
});
