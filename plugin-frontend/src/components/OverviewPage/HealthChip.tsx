import Chip from '@mui/material/Chip';
import type { Health } from '@gcp-serverless/common';

const COLOR = {
  ok: 'success',
  info: 'info',
  warning: 'warning',
  critical: 'error',
  unknown: 'default',
} as const;
const LABEL: Record<Health, string> = {
  ok: 'OK',
  info: 'Info',
  warning: 'Warning',
  critical: 'Critical',
  unknown: 'Unknown',
};

/** A health or severity as a coloured chip (theme palette), with the word so it does not rely on colour. */
export function HealthChip({
  health,
  size = 'small',
}: {
  health: Health;
  size?: 'small' | 'medium';
}) {
  return (
    <Chip
      size={size}
      color={COLOR[health]}
      label={LABEL[health]}
      data-health={health}
    />
  );
}
