import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { CapacityImpact } from '@gcp-serverless/common';

/** Props of {@link CapacityImpactList}. */
export interface CapacityImpactListProps {
  impacts: readonly CapacityImpact[] | undefined;
}

/**
 * What a change does to the Redis instances and queues behind it, before → after
 * ("chat-redis: chatservice max 1,000 × 2 connections = 2,000 of 65,000"); over a limit in warning colour.
 */
export function CapacityImpactList({ impacts }: CapacityImpactListProps) {
  if (!impacts || impacts.length === 0) return null;
  return (
    <Stack spacing={1} data-testid="capacity-impact">
      <Typography variant="subtitle2" component="h4">
        Capacity impact
      </Typography>
      {impacts.map(impact => (
        <Alert
          key={`${impact.kind}-${impact.resource}`}
          severity={impact.exceedsLimit ? 'warning' : 'info'}
          icon={false}
          data-testid={`impact-${impact.resource}`}
        >
          <Typography variant="body2" color="text.secondary">
            Before: {impact.before}
          </Typography>
          <Typography variant="body2" sx={{ fontWeight: 'bold' }}>
            After: {impact.after}
          </Typography>
          {impact.explanation && (
            <Typography
              variant="body2"
              color="text.secondary"
              sx={{ mt: 0.5 }}
              data-testid="impact-explanation"
            >
              {impact.explanation}
            </Typography>
          )}
        </Alert>
      ))}
    </Stack>
  );
}
