import Alert from '@mui/material/Alert';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import type { ChangeWarning } from '@gcp-serverless/common';

/** Props of {@link EditWarnings}. */
export interface EditWarningsProps {
  warnings: readonly ChangeWarning[];
  /** Codes the user has acknowledged. */
  acknowledged: readonly string[];
  onAcknowledge: (code: string, checked: boolean) => void;
  disabled?: boolean;
}

/**
 * The preview's warnings by severity. Those with `requiresAcknowledgement` carry a checkbox
 * ("I understand the risk"); Apply stays disabled until each is ticked.
 */
export function EditWarnings({
  warnings,
  acknowledged,
  onAcknowledge,
  disabled,
}: EditWarningsProps) {
  if (warnings.length === 0) return null;
  return (
    <Stack spacing={1} data-testid="edit-warnings">
      {warnings.map(warning => (
        <Alert
          key={warning.code}
          severity={warning.severity}
          data-testid={`warning-${warning.code}`}
        >
          {warning.message}
          {warning.requiresAcknowledgement && (
            <FormControlLabel
              sx={{ display: 'flex', mt: 1 }}
              control={
                <Checkbox
                  size="small"
                  checked={acknowledged.includes(warning.code)}
                  disabled={disabled}
                  onChange={e => onAcknowledge(warning.code, e.target.checked)}
                  inputProps={
                    { 'data-testid': `ack-${warning.code}` } as Record<
                      string,
                      string
                    >
                  }
                />
              }
              label="I understand the risk"
            />
          )}
        </Alert>
      ))}
    </Stack>
  );
}
