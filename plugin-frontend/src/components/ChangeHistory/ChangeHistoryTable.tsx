import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import type { ChangeRecord, ChangeResult } from '@gcp-serverless/common';
import { formatChangeValues, shortResource } from './formatChangeValues';

const RESULT_COLOR: Record<ChangeResult, 'success' | 'warning' | 'error'> = {
  succeeded: 'success',
  conflict: 'warning',
  failed: 'error',
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

/** Changes newest first: when, who, what, before → after, result, Google operation; "Revert to this" on `before`. */
export function ChangeHistoryTable({
  entries,
  showResource,
  canRevert,
  onRevert,
}: ChangeHistoryTableProps) {
  return (
    <Table size="small" aria-label="Change history">
      <TableHead>
        <TableRow>
          <TableCell>When</TableCell>
          <TableCell>Who</TableCell>
          {showResource && <TableCell>Resource</TableCell>}
          <TableCell>Change</TableCell>
          <TableCell>Before</TableCell>
          <TableCell>After</TableCell>
          <TableCell>Result</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {entries.map(entry => (
          <TableRow key={entry.id} data-testid="history-row">
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
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
            <TableCell>{entry.action}</TableCell>
            <TableCell>
              {formatChangeValues(entry.before)}
              {entry.result === 'succeeded' && canRevert(entry) && (
                <Button
                  size="small"
                  sx={{ ml: 1 }}
                  onClick={() => onRevert(entry)}
                  aria-label={`Revert ${shortResource(
                    entry.resource,
                  )} to these values`}
                >
                  Revert to this
                </Button>
              )}
            </TableCell>
            <TableCell>{formatChangeValues(entry.after)}</TableCell>
            <TableCell>
              <Tooltip title={entry.error ?? entry.operation ?? ''}>
                <Chip
                  size="small"
                  label={entry.result}
                  color={RESULT_COLOR[entry.result]}
                  variant="outlined"
                />
              </Tooltip>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
