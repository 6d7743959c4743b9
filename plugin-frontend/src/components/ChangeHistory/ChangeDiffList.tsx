import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import type { ChangeDiffLine } from '@gcp-serverless/common';
import { VisuallyHidden } from '../VisuallyHidden/VisuallyHidden';

/** Lines shown before "Show all": a URL map edit that renames a matcher touches many rules. */
const FIRST_LINES = 6;

function show(v: ChangeDiffLine['before']): string {
  if (v === null) return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

/** Mark and colour per kind of line. */
const MARKS: Record<ChangeDiffLine['change'], [string, string]> = {
  added: ['+', 'success.main'],
  removed: ['−', 'error.main'],
  changed: ['~', 'text.secondary'],
};

/** Props of {@link ChangeDiffList}. */
export interface ChangeDiffListProps {
  lines: ChangeDiffLine[];
}

/**
 * A history entry's diff, one field per line: `Max instances: 40 → 60`, `+ path-matcher-2: /api/v2/* →
 * gryd-be-service`, `− path-matcher-2: /admin (was gryd-be-service)`. Long values wrap anywhere so the
 * table keeps its width.
 */
export function ChangeDiffList({ lines }: ChangeDiffListProps) {
  const [all, setAll] = useState(false);
  if (lines.length === 0)
    return (
      <Box component="span" sx={{ color: 'text.secondary' }}>
        no field changed
      </Box>
    );
  const shown = all ? lines : lines.slice(0, FIRST_LINES);
  return (
    <Box>
      <Box
        component="ul"
        sx={{ m: 0, p: 0, listStyle: 'none', overflowWrap: 'anywhere' }}
      >
        {shown.map(l => (
          <Box
            component="li"
            key={l.field}
            data-testid="history-diff-line"
            data-change={l.change}
            sx={{ py: 0.25 }}
          >
            <VisuallyHidden>{l.change}: </VisuallyHidden>
            <Box
              component="span"
              aria-hidden
              sx={{
                display: 'inline-block',
                width: '1.2em',
                fontWeight: 'bold',
                color: MARKS[l.change][1],
              }}
            >
              {MARKS[l.change][0]}
            </Box>
            <Box component="span" sx={{ fontWeight: 500 }}>
              {l.label}
            </Box>
            {': '}
            {l.change === 'added' && <span>{show(l.after)}</span>}
            {l.change === 'removed' && (
              <span>
                removed (was{' '}
                <Box component="span" sx={{ textDecoration: 'line-through' }}>
                  {show(l.before)}
                </Box>
                )
              </span>
            )}
            {l.change === 'changed' && (
              <span>
                {show(l.before)} → {show(l.after)}
              </span>
            )}
          </Box>
        ))}
      </Box>
      {lines.length > FIRST_LINES && (
        <Button size="small" onClick={() => setAll(v => !v)}>
          {all ? 'Show fewer' : `Show all ${lines.length} changes`}
        </Button>
      )}
    </Box>
  );
}
