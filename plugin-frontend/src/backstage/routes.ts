import { createRouteRef } from '@backstage/core-plugin-api';

/** The plugin's page (legacy frontend system). */
export const rootRouteRef = createRouteRef({ id: 'gcp-serverless' });
/** The entity tab (legacy frontend system). */
export const entityContentRouteRef = createRouteRef({
  id: 'gcp-serverless:entity-content',
});
