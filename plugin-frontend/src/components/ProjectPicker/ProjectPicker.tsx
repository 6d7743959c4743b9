import TextField from '@mui/material/TextField';
import type { ProjectSummary } from '@gcp-serverless/common';

/** Props of {@link ProjectPicker}. */
export interface ProjectPickerProps {
  projects: readonly ProjectSummary[];
  /** The project in the URL; listed even when not (or not yet) in `projects`. */
  value: string;
  onChange: (projectId: string) => void;
  disabled?: boolean;
}

/** A select of the allowlisted projects, labelled "Project" (a native select: keyboard and test friendly). */
export function ProjectPicker({
  projects,
  value,
  onChange,
  disabled,
}: ProjectPickerProps) {
  const known = projects.some(p => p.projectId === value);
  return (
    <TextField
      select
      label="Project"
      size="small"
      value={value}
      disabled={disabled}
      onChange={e => onChange(e.target.value)}
      SelectProps={{ native: true }}
      inputProps={{ 'data-testid': 'project-picker' }}
      sx={{ minWidth: 220 }}
    >
      {!known && <option value={value}>{value}</option>}
      {projects.map(p => (
        <option key={p.projectId} value={p.projectId}>
          {p.displayName.includes(p.projectId)
            ? p.displayName
            : `${p.displayName} (${p.projectId})`}
        </option>
      ))}
    </TextField>
  );
}
