import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { parseEntityResources } from '@gcp-serverless/common';
import { GcpServerlessApiProvider } from '../api/GcpServerlessApiContext';
import { GcpServerlessQueryProvider } from '../queries/GcpServerlessQueryProvider';
import { GcpServerlessPage as GcpServerlessPageContent } from '../components/GcpServerlessPage/GcpServerlessPage';
import { EntityResourcesView } from '../components/EntityResources/EntityResourcesView';
import { gcpServerlessApiRef } from './apiRef';

/** The plugin page inside a Backstage app: the app's client (discovery + fetch) feeds the same pages as standalone. */
export function BackstageGcpServerlessPage() {
  const api = useApi(gcpServerlessApiRef);
  return <GcpServerlessPageContent api={api} />;
}

/** The entity tab: exactly the resources the entity's annotations name. */
export function BackstageEntityContent() {
  const api = useApi(gcpServerlessApiRef);
  const { entity } = useEntity();
  const resources = parseEntityResources(entity.metadata.annotations);
  return (
    <GcpServerlessApiProvider api={api}>
      {/* Backstage provides no query cache; the entity tab brings the plugin's own, as the page does. */}
      <GcpServerlessQueryProvider>
        <Box
          sx={{ p: { xs: 1, md: 2 } }}
          data-testid="gcp-serverless-entity-content"
        >
          {resources ? (
            <EntityResourcesView resources={resources} />
          ) : (
            <Alert severity="info">
              Add the gcp-serverless/project annotation to this entity to see
              its Google Cloud resources.
            </Alert>
          )}
        </Box>
      </GcpServerlessQueryProvider>
    </GcpServerlessApiProvider>
  );
}
