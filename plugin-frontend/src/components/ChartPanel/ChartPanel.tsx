import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';

/** Props of {@link ChartPanel}. */
export interface ChartPanelProps {
  /** Panel heading, e.g. "Requests by response class". */
  title: string;
  /** Unit or context under the heading, e.g. "req/s". */
  subtitle?: string;
  /** True while the data is first loading: shows a skeleton of the chart's size. */
  loading?: boolean;
  /** Messages of the metrics that failed for this panel: an error state, or a warning above partial data. */
  errors?: readonly string[];
  /** True when loaded without a single point. */
  empty?: boolean;
  /** Message of the empty state. */
  emptyMessage?: string;
  /** Height of the chart area in px (kept in every state so the page does not jump). */
  height?: number;
  /** `data-testid` of the panel. */
  testId?: string;
  children?: ReactNode;
}

/**
 * A titled card around one chart with its own loading, empty and error states: one failed metric shows
 * its message in its own panel while the others still draw.
 */
export function ChartPanel(props: ChartPanelProps) {
  const {
    title,
    subtitle,
    loading,
    errors = [],
    empty,
    emptyMessage = 'No data in this time window.',
    height = 240,
  } = props;
  let body: ReactNode;
  if (loading) {
    body = (
      <Skeleton
        variant="rectangular"
        height={height}
        aria-label={`Loading ${title}`}
      />
    );
  } else if (errors.length > 0 && !empty) {
    // Part of the chart failed (e.g. p99 only): draw what there is and say what is missing.
    body = (
      <>
        <Alert severity="warning" sx={{ mb: 1 }}>
          Part of this chart could not be loaded: {errors.join('; ')}
        </Alert>
        {props.children}
      </>
    );
  } else if (errors.length > 0) {
    body = (
      <Box sx={{ minHeight: height, display: 'flex', alignItems: 'center' }}>
        <Alert severity="error" sx={{ width: '100%' }}>
          {title} could not be loaded: {errors.join('; ')}
        </Alert>
      </Box>
    );
  } else if (empty) {
    body = (
      <Box
        sx={{
          minHeight: height,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
        }}
      >
        <Typography color="text.secondary">{emptyMessage}</Typography>
      </Box>
    );
  } else {
    body = props.children;
  }
  return (
    <Paper
      component="section"
      variant="outlined"
      aria-label={title}
      data-testid={props.testId}
      sx={{ p: 2 }}
    >
      <Typography variant="subtitle1" component="h3">
        {title}
      </Typography>
      {subtitle && (
        <Typography
          variant="caption"
          color="text.secondary"
          component="p"
          sx={{ mb: 1 }}
        >
          {subtitle}
        </Typography>
      )}
      {body}
    </Paper>
  );
}
