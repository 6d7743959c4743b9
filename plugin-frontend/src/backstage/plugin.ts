import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { GcpServerlessClient } from '../api/GcpServerlessClient';
import { gcpServerlessApiRef } from './apiRef';
import { entityContentRouteRef, rootRouteRef } from './routes';

/** The plugin for Backstage's legacy frontend system; its client works on the app's discoveryApi and fetchApi. */
export const gcpServerlessPlugin = createPlugin({
  id: 'gcp-serverless',
  apis: [
    createApiFactory({
      api: gcpServerlessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new GcpServerlessClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef, entityContent: entityContentRouteRef },
});

/** The plugin's page: `<Route path="/gcp-serverless" element={<GcpServerlessPage />} />` in App.tsx. */
export const GcpServerlessPage = gcpServerlessPlugin.provide(
  createRoutableExtension({
    name: 'GcpServerlessPage',
    component: () =>
      import('./BackstagePages').then(m => m.BackstageGcpServerlessPage),
    mountPoint: rootRouteRef,
  }),
);

/** The entity tab: `<EntityLayout.Route path="/gcp-serverless" title="GCP Serverless" if={isGcpServerlessAvailable}>`. */
export const EntityGcpServerlessContent = gcpServerlessPlugin.provide(
  createRoutableExtension({
    name: 'EntityGcpServerlessContent',
    component: () =>
      import('./BackstagePages').then(m => m.BackstageEntityContent),
    mountPoint: entityContentRouteRef,
  }),
);
