import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { CloudRunService } from '@gcp-serverless/common';

/** Props of {@link ServiceHeader}. */
export interface ServiceHeaderProps {
  /** The service, or undefined while it loads (the name from the URL is shown meanwhile). */
  service: CloudRunService | undefined;
  /** Name and region from the URL, shown before the service loads. */
  name: string;
  region: string;
}

/** Name, region, URL, Cloud Console link and the current scaling of a service. */
export function ServiceHeader({ service, name, region }: ServiceHeaderProps) {
  return (
    <Stack spacing={1} data-testid="service-header">
      <Stack direction="row" spacing={2} alignItems="baseline" flexWrap="wrap">
        <Typography variant="h5" component="h2">
          {name}
        </Typography>
        <Typography color="text.secondary">{region}</Typography>
        {service && (
          <Link
            href={service.consoleUrl}
            target="_blank"
            rel="noopener noreferrer"
          >
            Open in Cloud Console
          </Link>
        )}
      </Stack>
      {service ? (
        <>
          {service.uri && (
            <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>
              <Link
                href={service.uri}
                target="_blank"
                rel="noopener noreferrer"
                data-testid="service-uri"
              >
                {service.uri}
              </Link>
            </Typography>
          )}
          <Box
            sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}
            data-testid="current-scaling"
            aria-label="Current scaling"
          >
            <Chip
              size="small"
              label={`Min instances ${service.scaling.minInstances}`}
              data-testid="current-min-instances"
            />
            <Chip
              size="small"
              label={`Max instances ${service.scaling.maxInstances}`}
              data-testid="current-max-instances"
            />
            <Chip
              size="small"
              label={`Concurrency ${service.scaling.concurrency}`}
              data-testid="current-concurrency"
            />
            <Chip
              size="small"
              variant="outlined"
              label={`${service.cpu} vCPU · ${service.memory}`}
            />
            {service.latestReadyRevision && (
              <Chip
                size="small"
                variant="outlined"
                label={`Revision ${service.latestReadyRevision}`}
              />
            )}
          </Box>
        </>
      ) : (
        <Skeleton variant="text" width={360} aria-label="Loading service" />
      )}
    </Stack>
  );
}
