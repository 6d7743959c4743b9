import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Snackbar from '@mui/material/Snackbar';
import TextField from '@mui/material/TextField';
import {
  QUEUE_FIELD_LABELS,
  QUEUE_FIELD_PATHS,
  type QueueApplyResult,
  type QueueFieldPath,
  type QueueChange,
  type QueueConflictDetails,
  type QueuePreview,
  type QueueSettings,
  type CloudTasksQueue,
} from '@gcp-serverless/common';
import { useGcpServerlessApi } from '../../api/GcpServerlessApiContext';
import { useChangePermission } from '../../hooks/useChangePermission';
import { useEditFlow } from '../../hooks/useEditFlow';
import { ChangePermissionNotice } from '../ChangePermission/ChangePermissionNotice';
import { EditConflictDialog } from '../EditDialogs/EditConflictDialog';
import { EditPreviewDialog } from '../EditDialogs/EditPreviewDialog';
import { queueConflictRows, queueServerErrors, toQueueFormValues, validateQueueForm, type QueueFieldErrors } from './queueFormModel';

/** Props of {@link QueueForm}. */
export interface QueueFormProps {
  queue: CloudTasksQueue;
  /** Values to start from instead of the queue's (a revert from the change history). */
  initialValues?: QueueSettings;
  /** After a successful apply or "Use current values": reload the page. */
  onChanged: () => void;
}

const settingsOf = (q: CloudTasksQueue): QueueSettings => ({
  rateLimits: { maxDispatchesPerSecond: q.rateLimits.maxDispatchesPerSecond, maxConcurrentDispatches: q.rateLimits.maxConcurrentDispatches },
  retryConfig: q.retryConfig,
});

function isQueueConflict(details: unknown): details is QueueConflictDetails {
  return typeof (details as QueueConflictDetails | undefined)?.current?.rateLimits?.maxDispatchesPerSecond === 'number';
}

/**
 * Rate limits and retry config of a queue: validated with the shared schema as the user types, then
 * Preview (diff, queue → worker guardrail) → Apply → success, or the conflict dialog.
 */
export function QueueForm({ queue, initialValues, onChanged }: QueueFormProps) {
  const api = useGcpServerlessApi();
  const ref = { projectId: queue.projectId, region: queue.region, queue: queue.name };
  const [values, setValues] = useState(() => toQueueFormValues(initialValues ?? settingsOf(queue)));
  const [clientErrors, setClientErrors] = useState<QueueFieldErrors>({});
  const flow = useEditFlow<QueueChange, QueuePreview, QueueApplyResult, QueueConflictDetails>({
    preview: change => api.previewQueue(ref, change),
    apply: (change, etag, acknowledgedWarnings) => api.applyQueue(ref, { change, etag, acknowledgedWarnings }),
    isConflictDetails: isQueueConflict,
    onApplied: result => {
      setValues(toQueueFormValues(settingsOf(result.queue)));
      onChanged();
    },
  });
  const permission = useChangePermission('queue');
  const locked = !permission.loading && !permission.allowed;
  const server = queueServerErrors(flow.serverErrors);
  const errors = { ...server.fields, ...clientErrors };

  const setField = (field: QueueFieldPath, value: string) => {
    const next = { ...values, [field]: value };
    setValues(next);
    const r = validateQueueForm(next);
    setClientErrors(r.ok ? {} : r.errors);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const r = validateQueueForm(values);
    if (!r.ok) setClientErrors(r.errors);
    else if (!flow.busy) flow.start(r.change);
  };

  return (
    <Box component="form" noValidate onSubmit={onSubmit} data-testid={`queue-form-${queue.name}`}>
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
              disabled={flow.busy || locked}
              inputProps={{ 'data-testid': `queue-${field}` }}
            />
          </Grid>
        ))}
      </Grid>
      <Button type="submit" variant="contained" disabled={flow.busy || locked}>
        Preview
      </Button>
      {server.other.map(m => (
        <Alert key={m} severity="error" sx={{ mt: 2 }}>
          {m}
        </Alert>
      ))}
      <EditPreviewDialog flow={flow as never} title={`Preview queue ${queue.name}`} upstream="Cloud Tasks" testId="queue" />
      {flow.step.kind === 'conflict' && (
        <EditConflictDialog
          resourceName={queue.name}
          rows={queueConflictRows(flow.step.details.current, flow.step.change)}
          testId="queue"
          onCancel={flow.close}
          onUseCurrent={() => {
            if (flow.step.kind === 'conflict') setValues(toQueueFormValues(flow.step.details.current));
            flow.close();
            onChanged();
          }}
        />
      )}
      <Snackbar open={flow.applied !== undefined} autoHideDuration={8000} onClose={(_, reason) => reason !== 'clickaway' && flow.dismissApplied()}>
        <Alert severity="success" variant="filled" onClose={flow.dismissApplied} data-testid="queue-applied">
          Queue {queue.name} updated.
        </Alert>
      </Snackbar>
    </Box>
  );
}
