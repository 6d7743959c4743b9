import Box from '@mui/material/Box';
import type { GcpServerlessApi } from '../../api/GcpServerlessApi';
import { GcpServerlessApiProvider } from '../../api/GcpServerlessApiContext';
import { GcpServerlessQueryProvider } from '../../queries/GcpServerlessQueryProvider';
import { GcpServerlessRoutes } from './GcpServerlessRoutes';

/** Props of {@link GcpServerlessPage}. */
export interface GcpServerlessPageProps {
  /**
   * The API to use. When omitted, the page uses the nearest `GcpServerlessApiProvider` (how a Backstage
   * app wires its own client); standalone and tests may pass one here.
   */
  api?: GcpServerlessApi;
}

/**
 * The plugin's whole page: padding around {@link GcpServerlessRoutes}, mountable under any base path,
 * with the plugin's own query cache (a Backstage app provides none).
 */
export function GcpServerlessPage({ api }: GcpServerlessPageProps) {
  const content = (
    <GcpServerlessQueryProvider>
      <Box sx={{ p: { xs: 2, md: 3 } }} data-testid="gcp-serverless-page">
        <GcpServerlessRoutes />
      </Box>
    </GcpServerlessQueryProvider>
  );
  return api ? (
    <GcpServerlessApiProvider api={api}>{content}</GcpServerlessApiProvider>
  ) : (
    content
  );
}
