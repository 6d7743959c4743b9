import { useDeferredValue, useMemo, type ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type {
  CloudRunServiceWithSummary,
  ServiceListResponse,
} from '@gcp-serverless/common';
import { useProject } from '../../hooks/useProjects';
import { useServicesTableParams } from '../../hooks/useServicesTableParams';
import { useTimeWindow, windowQuery } from '../../hooks/useTimeWindow';
import { useServicesQuery } from '../../queries/reads';
import { ErrorPanel } from '../ErrorPanel/ErrorPanel';
import { ServicesTable } from '../ServicesTable/ServicesTable';
import {
  filterServices,
  sortServices,
} from '../ServicesTable/servicesTableModel';
import { ServicesTableSkeleton } from './ServicesTableSkeleton';

/**
 * The Cloud Run services of the project in the URL (`projects/:projectId/services`), for the time window,
 * filter and sort in the query string. Shows a skeleton while loading, an error with retry, an empty
 * state, and a banner when some metrics failed while the services are still listed.
 */
export function ServicesPage() {
  const { projectId = '' } = useParams();
  const [window] = useTimeWindow();
  const { query, sort, setQuery, setSort } = useServicesTableParams();
  const project = useProject(projectId);
  const list = useServicesQuery(projectId, window);

  // Typing stays instant with 10,000 services: the field updates at once, the rows follow when React has time.
  const deferredQuery = useDeferredValue(query);
  const rows = useMemo(
    () =>
      list.data
        ? sortServices(filterServices(list.data.services, deferredQuery), sort)
        : [],
    [list.data, deferredQuery, sort],
  );
  const serviceHref = (s: CloudRunServiceWithSummary) =>
    `../locations/${encodeURIComponent(s.region)}/services/${encodeURIComponent(
      s.name,
    )}${windowQuery(window)}`;

  return (
    <Stack spacing={2} data-testid="services-page">
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        spacing={2}
        alignItems={{ sm: 'center' }}
      >
        <Typography variant="h5" component="h2" sx={{ flexGrow: 1 }}>
          Cloud Run services
        </Typography>
        <TextField
          label="Filter services"
          size="small"
          type="search"
          value={query}
          onChange={e => setQuery(e.target.value)}
          inputProps={{ 'data-testid': 'services-filter' }}
        />
      </Stack>
      {list.error && (
        <ErrorPanel
          title={`Could not load the services of ${projectId}`}
          error={list.error}
          onRetry={() => void list.refetch()}
        />
      )}
      {list.data && <MetricsBanner response={list.data} />}
      <Paper variant="outlined">
        <Box sx={{ height: 4 }}>
          {list.isFetching && list.data && (
            <LinearProgress aria-label="Refreshing services" />
          )}
        </Box>
        {list.isPending && <ServicesTableSkeleton />}
        {list.data && list.data.services.length === 0 && (
          <EmptyMessage>
            No Cloud Run services in project {projectId}
            {project && project.regions.length > 0
              ? ` in regions ${project.regions.join(', ')}`
              : ''}
            .
          </EmptyMessage>
        )}
        {list.data && list.data.services.length > 0 && rows.length === 0 && (
          <EmptyMessage>No services match “{query}”.</EmptyMessage>
        )}
        {rows.length > 0 && (
          <ServicesTable
            services={rows}
            sort={sort}
            onSortChange={setSort}
            serviceHref={serviceHref}
          />
        )}
      </Paper>
    </Stack>
  );
}

function EmptyMessage({ children }: { children: ReactNode }) {
  return (
    <Typography
      color="text.secondary"
      sx={{ p: 3, textAlign: 'center' }}
      data-testid="services-empty"
    >
      {children}
    </Typography>
  );
}

/** Warns that some metric panels failed: the services are listed, their missing figures show "—". */
function MetricsBanner({ response }: { response: ServiceListResponse }) {
  if (response.errors.length === 0) return null;
  return (
    <Alert severity="warning" data-testid="metrics-banner">
      Some metrics could not be loaded, so some figures show “—”:{' '}
      {response.errors.map(e => `${e.source}: ${e.message}`).join('; ')}
    </Alert>
  );
}
