import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';

/** Placeholder rows shown while the services load for the first time. */
export function ServicesTableSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <Stack
      spacing={1}
      sx={{ p: 2 }}
      aria-busy="true"
      aria-label="Loading services"
      data-testid="services-loading"
    >
      <Skeleton variant="text" height={32} />
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} variant="rectangular" height={28} />
      ))}
    </Stack>
  );
}
