import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import TextField from '@mui/material/TextField';
import {
  QUEUE_FIELD_LABELS,
  QUEUE_FIELD_PATHS,
  type CloudTasksQueue,
  type QueueFieldPath,
  type QueueSettings,
} from '@gcp-serverless/common';
import { queueEdit } from '../../edits/kinds/queueEdit';
import { useEdit } from '../../edits/useEdit';
import { useChangePermission } from '../../hooks/useChangePermission';
import { ChangePermissionNotice } from '../ChangePermission/ChangePermissionNotice';
import { EditFlowDialogs } from '../EditDialogs/EditFlowDialogs';
import {
  queueServerErrors,
  toQueueFormValues,
  validateQueueForm,
  type QueueFieldErrors,
} from './queueFormModel';

/** Props of {@link QueueForm}. */
export interface QueueFormProps {
  queue: CloudTasksQueue;
  /** Values to start from instead of the queue's (a revert from the change history). */
  initialValues?: QueueSettings;
  /** After a successful apply, a pending one the user closed, or "Use current values": reload the page. */
  onChanged: () => void;
  /** When given, the success message goes here (e.g. a revert dialog that closes) instead of the form's own notice. */
  onSucceeded?: (message: string) => void;
}

const settingsOf = (q: CloudTasksQueue): QueueSettings => ({
  rateLimits: {
    maxDispatchesPerSecond: q.rateLimits.maxDispatchesPerSecond,
    maxConcurrentDispatches: q.rateLimits.maxConcurrentDispatches,
  },
  retryConfig: q.retryConfig,
});

/**
 * Rate limits and retry config of a queue: validated with the shared schema as the user types, then
 * the edit flow of `queueEdit` (diff, queue → worker guardrail, apply, outcome, conflict).
 */
export function QueueForm({
  queue,
  initialValues,
  onChanged,
  onSucceeded,
}: QueueFormProps) {
  const ref = {
    projectId: queue.projectId,
    region: queue.region,
    queue: queue.name,
  };
  const [values, setValues] = useState(() =>
    toQueueFormValues(initialValues ?? settingsOf(queue)),
  );
  const [clientErrors, setClientErrors] = useState<QueueFieldErrors>({});
  const edit = useEdit(queueEdit, ref, {
    onSucceeded: result => {
      setValues(toQueueFormValues(settingsOf(result.queue)));
      onChanged();
      onSucceeded?.(queueEdit.succeededMessage(result, ref));
    },
  });
  const permission = useChangePermission('queue');
  const locked = !permission.loading && !permission.allowed;
  const server = queueServerErrors(
    edit.state.status === 'idle' ? edit.state.fieldErrors : [],
  );
  const errors = { ...server.fields, ...clientErrors };

  const setField = (field: QueueFieldPath, value: string) => {
    const next = { ...values, [field]: value };
    setValues(next);
    const r = validateQueueForm(next);
    setClientErrors(r.ok ? {} : r.errors);
    edit.clearFieldErrors(`change.${field}`);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const r = validateQueueForm(values);
    if (!r.ok) setClientErrors(r.errors);
    else if (!edit.busy) edit.preview(r.change);
  };

  return (
    <Box
      component="form"
      noValidate
      onSubmit={onSubmit}
      data-testid={`queue-form-${queue.name}`}
    >
      <ChangePermissionNotice permission={permission} what="queue limits" />
      <Grid container spacing={2}>
        {QUEUE_FIELD_PATHS.map(field => (
          <Grid item xs={12} sm={6} md={3} key={field}>
            <TextField
              label={QUEUE_FIELD_LABELS[field]}
              type="number"
              size="small"
              fullWidth
              value={values[field]}
              onChange={e => setField(field, e.target.value)}
              error={errors[field] !== undefined}
              helperText={errors[field] ?? ' '}
              disabled={locked}
              inputProps={{ 'data-testid': `queue-${field}` }}
            />
          </Grid>
        ))}
      </Grid>
      <Button
        type="submit"
        variant="contained"
        ref={edit.trigger}
        disabled={locked}
      >
        Preview
      </Button>
      {server.other.map(m => (
        <Alert key={m} severity="error" sx={{ mt: 2 }}>
          {m}
        </Alert>
      ))}
      <EditFlowDialogs
        edit={edit}
        showSucceeded={!onSucceeded}
        onDone={onChanged}
        onUseCurrent={details => {
          setValues(toQueueFormValues(details.current));
          setClientErrors({});
          onChanged();
        }}
      />
    </Box>
  );
}
