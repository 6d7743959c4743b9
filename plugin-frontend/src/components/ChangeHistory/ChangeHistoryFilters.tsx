import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { CHANGE_KIND_LABELS, type ChangeKind } from '@gcp-serverless/common';
import type { HistoryFilters } from './useHistoryFilters';

const ALL = '';

/** Props of {@link ChangeHistoryFilters}. */
export interface ChangeHistoryFiltersProps {
  filters: HistoryFilters;
  onChange: (key: keyof HistoryFilters, value: string | undefined) => void;
  /** Kinds present in the loaded history. */
  kinds: ChangeKind[];
  /** People present in the loaded history. */
  actors: string[];
}

/** Kind of change and person selects over the change history; the values live in the URL. */
export function ChangeHistoryFilters({
  filters,
  onChange,
  kinds,
  actors,
}: ChangeHistoryFiltersProps) {
  return (
    <Stack
      direction="row"
      spacing={1}
      flexWrap="wrap"
      useFlexGap
      role="group"
      aria-label="Filter the change history"
      sx={{ mb: 1 }}
    >
      <TextField
        select
        size="small"
        label="Kind of change"
        value={filters.kind ?? ALL}
        sx={{ minWidth: 200 }}
        onChange={e => onChange('kind', e.target.value || undefined)}
        inputProps={{ 'data-testid': 'history-filter-kind' }}
      >
        <MenuItem value={ALL}>All</MenuItem>
        {kinds.map(k => (
          <MenuItem key={k} value={k}>
            {CHANGE_KIND_LABELS[k]}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label="Changed by"
        value={filters.actor ?? ALL}
        sx={{ minWidth: 200 }}
        onChange={e => onChange('actor', e.target.value || undefined)}
        inputProps={{ 'data-testid': 'history-filter-actor' }}
      >
        <MenuItem value={ALL}>Anyone</MenuItem>
        {actors.map(a => (
          <MenuItem key={a} value={a}>
            {a}
          </MenuItem>
        ))}
      </TextField>
    </Stack>
  );
}
