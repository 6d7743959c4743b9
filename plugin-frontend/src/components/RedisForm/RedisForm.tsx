import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import TextField from '@mui/material/TextField';
import type { RedisInstance, RedisSettings } from '@gcp-serverless/common';
import { redisEdit } from '../../edits/kinds/redisEdit';
import { useEdit } from '../../edits/useEdit';
import { useChangePermission } from '../../hooks/useChangePermission';
import { ChangePermissionNotice } from '../ChangePermission/ChangePermissionNotice';
import { EditFlowDialogs } from '../EditDialogs/EditFlowDialogs';
import {
  REDIS_FIELDS,
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
  /** When given, the success message goes here (e.g. a revert dialog that closes) instead of the form's own notice. */
  onSucceeded?: (message: string) => void;
}

const HELP: Partial<Record<RedisField, string>> = {
  memorySizeGb: '1–300 GB',
  'redisConfigs.maxmemory-policy': 'e.g. allkeys-lru, noeviction',
  'redisConfigs.activedefrag': 'yes or no',
};

/** Memory size and the allowed redis configs of an instance, through the edit flow of `redisEdit`. */
export function RedisForm({
  instance,
  initialValues,
  onChanged,
  onSucceeded,
}: RedisFormProps) {
  const ref = {
    projectId: instance.projectId,
    region: instance.region,
    instance: instance.name,
  };
  const settings = {
    memorySizeGb: instance.memorySizeGb,
    redisConfigs: instance.redisConfigs,
  };
  const [values, setValues] = useState(() =>
    toRedisFormValues(initialValues ?? settings),
  );
  const [clientErrors, setClientErrors] = useState<RedisFieldErrors>({});
  const edit = useEdit(redisEdit, ref, {
    onSucceeded: result => {
      setValues(toRedisFormValues(result.instance));
      onChanged();
      onSucceeded?.(redisEdit.succeededMessage(result, ref));
    },
  });
  const permission = useChangePermission('redis');
  const locked = !permission.loading && !permission.allowed;
  const server = redisServerErrors(
    edit.state.status === 'idle' ? edit.state.fieldErrors : [],
  );
  const errors = { ...server.fields, ...clientErrors };
  const setField = (field: RedisField, value: string) => {
    const next = { ...values, [field]: value };
    setValues(next);
    const r = validateRedisForm(next);
    setClientErrors(r.ok ? {} : r.errors);
    edit.clearFieldErrors(`change.${field}`);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const r = validateRedisForm(values);
    if (!r.ok) setClientErrors(r.errors);
    else if (!edit.busy) edit.preview(r.change);
  };
  return (
    <Box
      component="form"
      noValidate
      onSubmit={onSubmit}
      data-testid={`redis-form-${instance.name}`}
    >
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
              disabled={locked}
              inputProps={{ 'data-testid': `redis-${field}` }}
            />
          </Grid>
        ))}
      </Grid>
      <Button
        type="submit"
        variant="contained"
        ref={edit.trigger}
        disabled={locked}
        sx={{ mt: 1 }}
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
          setValues(toRedisFormValues(details.current));
          setClientErrors({});
          onChanged();
        }}
      />
    </Box>
  );
}
