import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import {
  PROBLEM_KIND_LABELS,
  type ProblemCode,
  type ProblemFilters,
} from '@gcp-serverless/common';

const ALL = '';

/** Project, severity and kind selects over the problems list; the values live in the URL. */
export function ProblemFiltersBar({
  filters,
  onChange,
  projects,
  codes,
}: {
  filters: ProblemFilters;
  onChange: (key: keyof ProblemFilters, value: string | undefined) => void;
  /** Projects that have problems. */
  projects: string[];
  /** Kinds of problem present. */
  codes: ProblemCode[];
}) {
  const select = (
    key: keyof ProblemFilters,
    label: string,
    value: string | undefined,
    options: [string, string][],
  ) => (
    <TextField
      select
      size="small"
      label={label}
      value={value ?? ALL}
      sx={{ minWidth: 180 }}
      onChange={e => onChange(key, e.target.value || undefined)}
      inputProps={{ 'data-testid': `problem-filter-${key}` }}
    >
      <MenuItem value={ALL}>All</MenuItem>
      {options.map(([v, text]) => (
        <MenuItem key={v} value={v}>
          {text}
        </MenuItem>
      ))}
    </TextField>
  );
  return (
    <Stack
      direction="row"
      spacing={1}
      flexWrap="wrap"
      useFlexGap
      role="group"
      aria-label="Filter problems"
    >
      {select(
        'projectId',
        'Project',
        filters.projectId,
        projects.map(p => [p, p]),
      )}
      {select('severity', 'Severity', filters.severity, [
        ['critical', 'Critical'],
        ['warning', 'Warning'],
        ['info', 'Info'],
      ])}
      {select(
        'code',
        'Kind',
        filters.code,
        codes.map(c => [c, PROBLEM_KIND_LABELS[c]]),
      )}
    </Stack>
  );
}
