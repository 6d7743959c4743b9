import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { FieldChange } from '@gcp-serverless/common';

/** Props of {@link EditDiffTable}. */
export interface EditDiffTableProps {
  diff: readonly FieldChange[];
}

/** The fields a change modifies: field, before → after. */
export function EditDiffTable({ diff }: EditDiffTableProps) {
  return (
    <Table size="small" aria-label="Changes" data-testid="edit-diff">
      <TableHead>
        <TableRow>
          <TableCell>Field</TableCell>
          <TableCell align="right">Before</TableCell>
          <TableCell align="center" aria-hidden>
            {' '}
          </TableCell>
          <TableCell align="right">After</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {diff.map(change => (
          <TableRow key={change.field} data-testid={`diff-row-${change.field}`}>
            <TableCell component="th" scope="row">
              {change.label}
            </TableCell>
            <TableCell align="right">{display(change.before)}</TableCell>
            <TableCell align="center" aria-hidden>
              →
            </TableCell>
            <TableCell align="right" sx={{ fontWeight: 'bold' }}>
              {display(change.after)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function display(value: FieldChange['before']): string {
  return value === null ? '—' : String(value);
}
