import { useEffect, useRef, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import {
  SCALING_LIMITS,
  type CloudRunService,
  type ScalingSettings,
} from '@gcp-serverless/common';
import { scalingEdit } from '../../edits/kinds/scalingEdit';
import { useEdit } from '../../edits/useEdit';
import { useChangePermission } from '../../hooks/useChangePermission';
import { ChangePermissionNotice } from '../ChangePermission/ChangePermissionNotice';
import { EditFlowDialogs } from '../EditDialogs/EditFlowDialogs';
import {
  SCALING_FIELDS,
  SCALING_INPUT_LABELS,
  sameAsSettings,
  serverFieldErrors,
  toFormValues,
  validateScalingForm,
  type ScalingField,
  type ScalingFieldErrors,
} from './scalingFormModel';

const HELP: Record<ScalingField, string> = {
  minInstances: 'Kept warm, billed while idle',
  maxInstances: 'Upper bound of instances',
  concurrency: 'Concurrent requests per instance',
};

/** Props of {@link ScalingForm}. */
export interface ScalingFormProps {
  /** The service as last read (its `scaling` fills the form, its etag guards the apply). */
  service: CloudRunService;
  /** Called after a successful apply, a pending one the user closed, and "Use current values": reload the page's data. */
  onChanged: () => void;
  /** Values to start from instead of the current ones (revert from the history); preview diffs against the server's. */
  initialValues?: ScalingSettings;
  /** When given, the success message goes here (e.g. a revert dialog that closes) instead of the form's own notice. */
  onSucceeded?: (message: string) => void;
  /** Open the preview of `initialValues` at once (a recommendation's "Preview"); nothing applies without the user. */
  autoPreview?: boolean;
}

/**
 * Edits a Cloud Run service's min instances, max instances and concurrency: validated with the shared
 * schema as the user types, then the edit flow (preview, apply, outcome, conflict) of `scalingEdit`.
 */
export function ScalingForm({
  service,
  onChanged,
  initialValues,
  onSucceeded,
  autoPreview,
}: ScalingFormProps) {
  const ref = {
    projectId: service.projectId,
    region: service.region,
    service: service.name,
  };
  const [values, setValues] = useState(() =>
    toFormValues(initialValues ?? service.scaling),
  );
  const [clientErrors, setClientErrors] = useState<ScalingFieldErrors>({});
  const baseline = useRef(service.scaling);
  const edit = useEdit(scalingEdit, ref, {
    onSucceeded: result => {
      baseline.current = result.service.scaling;
      setValues(toFormValues(result.service.scaling));
      onChanged();
      onSucceeded?.(scalingEdit.succeededMessage(result, ref));
    },
  });
  // New data from the server (refresh): follow it unless the user is editing other values.
  useEffect(() => {
    setValues(prev =>
      sameAsSettings(prev, baseline.current)
        ? toFormValues(service.scaling)
        : prev,
    );
    baseline.current = service.scaling;
  }, [service.etag, service.scaling]);
  // The backend refuses anyway (403); disabling says so before the user types. Not locked while /me loads.
  const permission = useChangePermission('scaling');
  const locked = !permission.loading && !permission.allowed;
  const server = serverFieldErrors(
    edit.state.status === 'idle' ? edit.state.fieldErrors : [],
  );
  const errors = { ...server.fields, ...clientErrors };

  const setField = (field: ScalingField, value: string) => {
    const next = { ...values, [field]: value };
    const result = validateScalingForm(next);
    setValues(next);
    setClientErrors(result.ok ? {} : result.errors);
    edit.clearFieldErrors(`change.${field}`);
  };
  const suggestion = useRef(initialValues);
  useEffect(() => {
    const suggested = suggestion.current;
    if (autoPreview && suggested) {
      const result = validateScalingForm(toFormValues(suggested));
      if (result.ok) edit.preview(result.change);
    }
    // Once per mount, not per render. React's StrictMode unmounts once in development, and the edit
    // machine's disposal aborts this preview: the remount asks again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [autoPreview]);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateScalingForm(values);
    if (!result.ok) setClientErrors(result.errors);
    else if (!edit.busy) edit.preview(result.change);
  };

  return (
    <Paper
      component="section"
      variant="outlined"
      aria-label="Scaling"
      sx={{ p: 2 }}
    >
      <Typography variant="subtitle1" component="h3" gutterBottom>
        Scaling
      </Typography>
      <ChangePermissionNotice permission={permission} what="scaling" />
      <Box
        component="form"
        noValidate
        onSubmit={onSubmit}
        data-testid="scaling-form"
      >
        <Stack
          direction={{ xs: 'column', md: 'row' }}
          spacing={2}
          alignItems="flex-start"
        >
          {SCALING_FIELDS.map(field => (
            <TextField
              key={field}
              label={SCALING_INPUT_LABELS[field]}
              type="number"
              size="small"
              value={values[field]}
              onChange={e => setField(field, e.target.value)}
              error={errors[field] !== undefined}
              helperText={errors[field] ?? HELP[field]}
              disabled={locked}
              inputProps={{
                min: SCALING_LIMITS[field].min,
                max: SCALING_LIMITS[field].max,
                step: 1,
                'data-testid': `scaling-${field}`,
              }}
              sx={{ minWidth: 180 }}
            />
          ))}
          <Button
            type="submit"
            variant="contained"
            ref={edit.trigger}
            disabled={locked}
            sx={{ mt: { md: 0.25 } }}
          >
            Preview
          </Button>
        </Stack>
        {server.other.map(message => (
          <Alert key={message} severity="error" sx={{ mt: 2 }}>
            {message}
          </Alert>
        ))}
      </Box>
      <EditFlowDialogs
        edit={edit}
        showSucceeded={!onSucceeded}
        onDone={onChanged}
        onUseCurrent={details => {
          baseline.current = details.current;
          setValues(toFormValues(details.current));
          setClientErrors({});
          onChanged();
        }}
      />
    </Paper>
  );
}
