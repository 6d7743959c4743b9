import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import {
  CHANGE_KIND_LABELS,
  diffChangeRecord,
  type ChangeRecord,
} from '@gcp-serverless/common';
import { ChangeDiffList } from './ChangeDiffList';
import { shortResource } from './shortResource';

/** Colour per result; a result this build does not know (a newer backend's) reads as neutral. */
const RESULT_COLOR: Record<string, 'success' | 'warning' | 'error' | 'info'> = {
  succeeded: 'success',
  conflict: 'warning',
  failed: 'error',
  pending: 'info',
};

/** Props of {@link ChangeHistoryTable}. */
export interface ChangeHistoryTableProps {
  entries: ChangeRecord[];
  /** Show the resource column (project-wide history). */
  showResource: boolean;
  /** Whether an entry can be reverted (its kind has an editor and the user may change it). */
  canRevert: (entry: ChangeRecord) => boolean;
  onRevert: (entry: ChangeRecord) => void;
}

/**
 * Changes newest first: when, who, what (a field-level diff in the kind's own words), result, and
 * "Revert to this" (back to the values before). Fixed column widths and values that wrap anywhere
 * keep the table inside its container (no horizontal scroll at 1,440 px, whatever a URL map holds).
 */
export function ChangeHistoryTable({
  entries,
  showResource,
  canRevert,
  onRevert,
}: ChangeHistoryTableProps) {
  return (
    <Table
      size="small"
      aria-label="Change history"
      sx={{
        tableLayout: 'fixed',
        width: '100%',
        '& td, & th': { overflowWrap: 'anywhere', verticalAlign: 'top' },
      }}
    >
      <TableHead>
        <TableRow>
          <TableCell sx={{ width: '11rem' }}>When</TableCell>
          <TableCell sx={{ width: '12rem' }}>Who</TableCell>
          {showResource && (
            <TableCell sx={{ width: '14rem' }}>Resource</TableCell>
          )}
          <TableCell>What changed</TableCell>
          <TableCell sx={{ width: '7.5rem' }}>Result</TableCell>
          <TableCell sx={{ width: '9rem' }}>
            <span>Revert</span>
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {entries.map(entry => (
          <TableRow
            key={entry.id}
            data-testid="history-row"
            data-kind={entry.kind}
          >
            <TableCell>
              <time dateTime={entry.time}>
                {new Date(entry.time).toLocaleString()}
              </time>
            </TableCell>
            <TableCell>{entry.actor}</TableCell>
            {showResource && (
              <TableCell>
                <Tooltip title={entry.resource}>
                  <span>{shortResource(entry.resource)}</span>
                </Tooltip>
              </TableCell>
            )}
            <TableCell data-testid="history-diff">
              <Typography
                variant="caption"
                component="div"
                color="text.secondary"
              >
                {CHANGE_KIND_LABELS[entry.kind] ?? entry.kind} · {entry.action}
              </Typography>
              <ChangeDiffList lines={diffChangeRecord(entry)} />
              {entry.note && (
                <Typography
                  variant="body2"
                  sx={{ mt: 0.5 }}
                  data-testid="history-note"
                >
                  {entry.note}
                </Typography>
              )}
              {entry.error && (
                <Typography
                  variant="body2"
                  color="error"
                  sx={{ mt: 0.5 }}
                  data-testid="history-error"
                >
                  {entry.error}
                </Typography>
              )}
            </TableCell>
            <TableCell>
              <Tooltip title={entry.operation ?? ''}>
                <Chip
                  size="small"
                  label={entry.result}
                  color={RESULT_COLOR[entry.result] ?? 'default'}
                  variant="outlined"
                />
              </Tooltip>
            </TableCell>
            <TableCell>
              {entry.result === 'succeeded' && canRevert(entry) && (
                <Button
                  size="small"
                  variant="outlined"
                  onClick={() => onRevert(entry)}
                  aria-label={`Revert to this: ${shortResource(
                    entry.resource,
                  )} as before this change`}
                >
                  Revert to this
                </Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
