import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Snackbar from '@mui/material/Snackbar';
import TextField from '@mui/material/TextField';
import type { RedisApplyResult, RedisChange, RedisConflictDetails, RedisInstance, RedisPreview, RedisSettings } from '@gcp-serverless/common';
import { useGcpServerlessApi } from '../../api/GcpServerlessApiContext';
import { useChangePermission } from '../../hooks/useChangePermission';
import { useEditFlow } from '../../hooks/useEditFlow';
import { ChangePermissionNotice } from '../ChangePermission/ChangePermissionNotice';
import { EditConflictDialog } from '../EditDialogs/EditConflictDialog';
import { EditPreviewDialog } from '../EditDialogs/EditPreviewDialog';
import {
  REDIS_FIELDS,
  redisConflictRows,
  redisFieldLabel,
  redisServerErrors,
  toRedisFormValues,
  validateRedisForm,
  type RedisField,
  type RedisFieldErrors,
} from './redisFormModel';

/** Props of {@link RedisForm}. */
export interface RedisFormProps {
  instance: RedisInstance;
  /** Values to start from instead of the instance's (a revert from the change history). */
  initialValues?: RedisSettings;
  onChanged: () => void;
}

function isRedisConflict(details: unknown): details is RedisConflictDetails {
  return typeof (details as RedisConflictDetails | undefined)?.current?.memorySizeGb === 'number';
}

const HELP: Partial<Record<RedisField, string>> = {
  memorySizeGb: '1–300 GB',
  'redisConfigs.maxmemory-policy': 'e.g. allkeys-lru, noeviction',
  'redisConfigs.activedefrag': 'yes or no',
};

/** Memory size and the allowed redis configs of an instance, with preview → apply → success | conflict. */
export function RedisForm({ instance, initialValues, onChanged }: RedisFormProps) {
  const api = useGcpServerlessApi();
  const ref = { projectId: instance.projectId, region: instance.region, instance: instance.name };
  const settings = { memorySizeGb: instance.memorySizeGb, redisConfigs: instance.redisConfigs };
  const [values, setValues] = useState(() => toRedisFormValues(initialValues ?? settings));
  const [clientErrors, setClientErrors] = useState<RedisFieldErrors>({});
  const flow = useEditFlow<RedisChange, RedisPreview, RedisApplyResult, RedisConflictDetails>({
    preview: change => api.previewRedis(ref, change),
    apply: (change, etag, acknowledgedWarnings) => api.applyRedis(ref, { change, etag, acknowledgedWarnings }),
    isConflictDetails: isRedisConflict,
    onApplied: result => {
      setValues(toRedisFormValues(result.instance));
      onChanged();
    },
  });
  const permission = useChangePermission('redis');
  const locked = !permission.loading && !permission.allowed;
  const server = redisServerErrors(flow.serverErrors);
  const errors = { ...server.fields, ...clientErrors };
  const setField = (field: RedisField, value: string) => {
    const next = { ...values, [field]: value };
    setValues(next);
    const r = validateRedisForm(next);
    setClientErrors(r.ok ? {} : r.errors);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const r = validateRedisForm(values);
    if (!r.ok) setClientErrors(r.errors);
    else if (!flow.busy) flow.start(r.change);
  };
  return (
    <Box component="form" noValidate onSubmit={onSubmit} data-testid={`redis-form-${instance.name}`}>
      <ChangePermissionNotice permission={permission} what="Redis" />
      <Grid container spacing={2}>
        {REDIS_FIELDS.map(field => (
          <Grid item xs={12} sm={6} md={3} key={field}>
            <TextField
              label={redisFieldLabel(field)}
              type={field === 'memorySizeGb' ? 'number' : 'text'}
              size="small"
              fullWidth
              value={values[field]}
              onChange={e => setField(field, e.target.value)}
              error={errors[field] !== undefined}
              helperText={errors[field] ?? HELP[field] ?? 'empty = not set'}
              disabled={flow.busy || locked}
              inputProps={{ 'data-testid': `redis-${field}` }}
            />
          </Grid>
        ))}
      </Grid>
      <Button type="submit" variant="contained" disabled={flow.busy || locked} sx={{ mt: 1 }}>
        Preview
      </Button>
      {server.other.map(m => (
        <Alert key={m} severity="error" sx={{ mt: 2 }}>
          {m}
        </Alert>
      ))}
      <EditPreviewDialog flow={flow as never} title={`Preview Redis ${instance.name}`} upstream="Memorystore" testId="redis" />
      {flow.step.kind === 'conflict' && (
        <EditConflictDialog
          resourceName={instance.name}
          rows={redisConflictRows(flow.step.details.current, flow.step.change)}
          testId="redis"
          onCancel={flow.close}
          onUseCurrent={() => {
            if (flow.step.kind === 'conflict') setValues(toRedisFormValues(flow.step.details.current));
            flow.close();
            onChanged();
          }}
        />
      )}
      <Snackbar open={flow.applied !== undefined} autoHideDuration={8000} onClose={(_, reason) => reason !== 'clickaway' && flow.dismissApplied()}>
        <Alert severity="success" variant="filled" onClose={flow.dismissApplied} data-testid="redis-applied">
          Redis {instance.name} updated{flow.applied ? ` (operation ${flow.applied.operation.split('/').pop()})` : ''}.
        </Alert>
      </Snackbar>
    </Box>
  );
}
