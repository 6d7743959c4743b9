import TextField from '@mui/material/TextField';
import type { BackendOption } from './urlMapEditorModel';

/** Value of the "redirect" choice of a default target. */
export const REDIRECT_TARGET = '__redirect__';

/** Props of {@link TargetSelect}. */
export interface TargetSelectProps {
  label: string;
  value: string;
  options: BackendOption[];
  onChange(value: string): void;
  /** Offer "Redirect" as a choice (defaults and path rules). */
  allowRedirect?: boolean;
  testId: string;
  disabled?: boolean;
  /** Highlight the field, with the message under it. */
  error?: boolean;
  helperText?: string;
}

/** A native select of backends (native so keyboard users and browser tests pick options plainly). */
export function TargetSelect({
  label,
  value,
  options,
  onChange,
  allowRedirect,
  testId,
  disabled,
  error,
  helperText,
}: TargetSelectProps) {
  const known =
    options.some(o => o.value === value) || value === REDIRECT_TARGET;
  return (
    <TextField
      select
      size="small"
      label={label}
      value={value}
      onChange={e => onChange(e.target.value)}
      SelectProps={{ native: true }}
      inputProps={{ 'data-testid': testId }}
      sx={{ minWidth: 220 }}
      disabled={disabled}
      error={error}
      helperText={helperText}
    >
      {!known && <option value={value}>{value || '(none)'}</option>}
      {options.map(o => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
      {allowRedirect && <option value={REDIRECT_TARGET}>Redirect…</option>}
    </TextField>
  );
}
