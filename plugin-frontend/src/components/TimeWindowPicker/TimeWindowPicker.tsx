import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { TIME_WINDOWS, type TimeWindow } from '@gcp-serverless/common';

/** Props of {@link TimeWindowPicker}. */
export interface TimeWindowPickerProps {
  value: TimeWindow;
  onChange: (window: TimeWindow) => void;
}

/** Buttons "1h", "6h", "24h", "7d" in a group labelled "Time window"; the pressed one is the current window. */
export function TimeWindowPicker({ value, onChange }: TimeWindowPickerProps) {
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={value}
      aria-label="Time window"
      data-testid="time-window-picker"
      onChange={(_, next: TimeWindow | null) => {
        if (next) onChange(next);
      }}
    >
      {TIME_WINDOWS.map(w => (
        <ToggleButton key={w} value={w} sx={{ textTransform: 'none', px: 1.5 }}>
          {w}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
