import TextField from '@mui/material/TextField';
import { SCALING_LIMITS } from '@gcp-serverless/common';
import {
  SCALING_FIELDS,
  SCALING_INPUT_LABELS,
  type ScalingField,
  type ScalingFieldErrors,
  type ScalingFormValues,
} from './scalingFormModel';

const HELP: Record<ScalingField, string> = {
  minInstances: 'Kept warm, billed while idle',
  maxInstances: 'Upper bound of instances',
  concurrency: 'Concurrent requests per instance',
};

/** Props of {@link ScalingFields}. */
export interface ScalingFieldsProps {
  values: ScalingFormValues;
  /** A field's message replaces its help text. */
  errors: ScalingFieldErrors;
  disabled: boolean;
  onChange(field: ScalingField, value: string): void;
  /** Each input's `data-testid` is `${testIdPrefix}-${field}`. */
  testIdPrefix: string;
}

/**
 * The inputs of a scaling change, min instances, max instances and concurrency, with their limits
 * and help: one row of fields for the parent's Stack, shared by the scaling form and the schedule form.
 */
export function ScalingFields({
  values,
  errors,
  disabled,
  onChange,
  testIdPrefix,
}: ScalingFieldsProps) {
  return (
    <>
      {SCALING_FIELDS.map(field => (
        <TextField
          key={field}
          label={SCALING_INPUT_LABELS[field]}
          type="number"
          size="small"
          value={values[field]}
          onChange={e => onChange(field, e.target.value)}
          error={errors[field] !== undefined}
          helperText={errors[field] ?? HELP[field]}
          disabled={disabled}
          inputProps={{
            min: SCALING_LIMITS[field].min,
            max: SCALING_LIMITS[field].max,
            step: 1,
            'data-testid': `${testIdPrefix}-${field}`,
          }}
          sx={{ minWidth: 180 }}
        />
      ))}
    </>
  );
}
