/**
 * @gcp-serverless/plugin-frontend/alpha: the plugin for Backstage's new frontend system. Add the
 * package to the app (feature discovery) or `createApp({ features: [gcpServerlessPlugin] })`.
 */
import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { GcpServerlessClient } from './api/GcpServerlessClient';
import { gcpServerlessApiRef } from './backstage/apiRef';
import { GcpServerlessIcon } from './backstage/GcpServerlessIcon';
import { isGcpServerlessAvailable } from './backstage/isGcpServerlessAvailable';

// The new system's own route ref; the legacy one stays with the legacy plugin.
const rootRouteRef = createRouteRef();

const gcpServerlessApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: gcpServerlessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new GcpServerlessClient({ discoveryApi, fetchApi }),
    }),
});

// Its title and icon are also the sidebar entry: the new frontend system derives nav items from pages.
const gcpServerlessPage = PageBlueprint.make({
  params: {
    path: '/gcp-serverless',
    title: 'GCP Serverless',
    icon: <GcpServerlessIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./backstage/BackstagePages').then(m => (
        <m.BackstageGcpServerlessPage />
      )),
  },
});

const gcpServerlessEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'gcp-serverless',
    title: 'GCP Serverless',
    filter: isGcpServerlessAvailable,
    loader: () =>
      import('./backstage/BackstagePages').then(m => (
        <m.BackstageEntityContent />
      )),
  },
});

/** The gcp-serverless frontend plugin (new frontend system): API, page and entity content. */
export const gcpServerlessPlugin = createFrontendPlugin({
  pluginId: 'gcp-serverless',
  extensions: [gcpServerlessApi, gcpServerlessPage, gcpServerlessEntityContent],
  routes: { root: rootRouteRef },
});

export default gcpServerlessPlugin;
