import { createApiRef } from '@backstage/core-plugin-api';
import type { GcpServerlessApi } from '../api/GcpServerlessApi';

/** The Backstage API reference of the plugin's client (id `plugin.gcp-serverless.service`). */
export const gcpServerlessApiRef = createApiRef<GcpServerlessApi>({
  id: 'plugin.gcp-serverless.service',
});
