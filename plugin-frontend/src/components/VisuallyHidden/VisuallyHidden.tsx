import type { ReactNode } from 'react';
import Box from '@mui/material/Box';

/** Clipped to nothing on screen but read by screen readers (the usual "sr-only" technique). */
const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  padding: 0,
  margin: '-1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

/**
 * Text for screen readers only: the words behind a sign (+, −) or a colour, added to what is visible
 * rather than replacing it, so the accessible name still contains the visible text (WCAG 2.5.3).
 */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return (
    <Box component="span" sx={VISUALLY_HIDDEN}>
      {children}
    </Box>
  );
}
