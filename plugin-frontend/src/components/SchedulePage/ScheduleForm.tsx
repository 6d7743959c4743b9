import { useState, type FormEvent } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import {
  localTimeOf,
  scheduleWindowSchema,
  windowTimingErrors,
  type CloudRunService,
  type FieldError,
  type ScheduleWindow,
} from '@gcp-serverless/common';
import {
  scheduledScalingEdit,
  type ScheduledScalingRef,
} from '../../edits/kinds/scheduledScalingEdit';
import { useEdit } from '../../edits/useEdit';
import { useChangePermission } from '../../hooks/useChangePermission';
import { EditFlowDialogs } from '../EditDialogs/EditFlowDialogs';
import { ScalingFields } from '../ScalingForm/ScalingFields';
import { ScalingFormSection } from '../ScalingForm/ScalingFormSection';
import {
  SCALING_FIELDS,
  toFormValues,
  validateScalingForm,
  type ScalingFormValues,
} from '../ScalingForm/scalingFormModel';

type WindowField = 'timeZone' | 'start' | 'end';
const WINDOW_LABELS: Record<WindowField, string> = {
  timeZone: 'Time zone',
  start: 'Start',
  end: 'End',
};

/** Props of {@link ScheduleForm}. */
export interface ScheduleFormProps {
  projectId: string;
  services: CloudRunService[];
  /** The backend's clock, epoch ms: the default window is tomorrow 17:00 to 23:00 by it. */
  nowMs: number;
  /** The zone the window is written in, at first. */
  defaultTimeZone: string;
  /** After a window was scheduled: reload the calendar. */
  onScheduled(): void;
}

/**
 * Schedules a scaling change of one of the project's services for a window in an IANA zone: the
 * values and the window are checked with the shared schemas as typed, then the scaling edit's preview
 * (diff, warnings, cost, what-if) opens with "Schedule" in place of "Apply".
 */
export function ScheduleForm({
  projectId,
  services,
  nowMs,
  defaultTimeZone,
  onScheduled,
}: ScheduleFormProps) {
  const [serviceKey, setServiceKey] = useState(() =>
    services[0] ? `${services[0].region}/${services[0].name}` : '',
  );
  const service = services.find(s => `${s.region}/${s.name}` === serviceKey);
  const [values, setValues] = useState<ScalingFormValues | undefined>(() =>
    services[0] ? toFormValues(services[0].scaling) : undefined,
  );
  const tomorrow = localTimeOf(nowMs + 86_400_000, defaultTimeZone).slice(
    0,
    10,
  );
  const [window, setWindow] = useState<ScheduleWindow>({
    timeZone: defaultTimeZone,
    start: `${tomorrow}T17:00`,
    end: `${tomorrow}T23:00`,
  });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const ref: ScheduledScalingRef = {
    projectId,
    region: service?.region ?? '',
    service: service?.name ?? '',
    window,
  };
  const edit = useEdit(scheduledScalingEdit, ref, {
    onSucceeded: () => onScheduled(),
  });
  const permission = useChangePermission('scaling');
  const locked = !permission.loading && !permission.allowed;
  const serverErrors: readonly FieldError[] =
    edit.state.status === 'idle' ? edit.state.fieldErrors : [];
  const errors: Record<string, string> = { ...clientErrors };
  const other: string[] = [];
  for (const e of serverErrors) {
    const key = e.path.replace(/^change\./, '');
    if (key in WINDOW_LABELS || key.startsWith('window.'))
      errors[key.replace(/^window\./, '')] = e.message;
    else if ((SCALING_FIELDS as readonly string[]).includes(key))
      errors[key] = e.message;
    else other.push(`${e.path}: ${e.message}`);
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!values || !service) return;
    const found: Record<string, string> = {};
    const scaling = validateScalingForm(values);
    if (!scaling.ok)
      for (const [k, m] of Object.entries(scaling.errors)) found[k] = m!;
    const parsed = scheduleWindowSchema.safeParse(window);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        found[String(issue.path[0])] ??= issue.message;
    } else {
      for (const e of windowTimingErrors(parsed.data, nowMs))
        found[e.path.replace(/^window\./, '')] = e.message;
    }
    setClientErrors(found);
    if (Object.keys(found).length === 0 && scaling.ok && !edit.busy)
      edit.preview(scaling.change);
  };

  return (
    <ScalingFormSection
      title="Schedule a scaling change"
      heading="h2"
      permission={permission}
      onSubmit={onSubmit}
      formTestId="schedule-form"
      otherErrors={other}
      dialogs={
        <EditFlowDialogs
          edit={edit}
          onDone={onScheduled}
          onUseCurrent={details => {
            setValues(toFormValues(details.current));
            onScheduled();
          }}
        />
      }
    >
      <Stack spacing={2}>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
          <TextField
            select
            size="small"
            label="Service"
            value={serviceKey}
            disabled={locked}
            onChange={e => {
              setServiceKey(e.target.value);
              const next = services.find(
                s => `${s.region}/${s.name}` === e.target.value,
              );
              if (next) setValues(toFormValues(next.scaling));
            }}
            sx={{ minWidth: 220 }}
            inputProps={{ 'data-testid': 'schedule-service' }}
          >
            {services.map(s => (
              <MenuItem
                key={`${s.region}/${s.name}`}
                value={`${s.region}/${s.name}`}
              >
                {s.name}
              </MenuItem>
            ))}
          </TextField>
          {values && (
            <ScalingFields
              values={values}
              errors={errors}
              disabled={locked}
              onChange={(field, value) => {
                setValues({ ...values, [field]: value });
                edit.clearFieldErrors(`change.${field}`);
              }}
              testIdPrefix="schedule"
            />
          )}
        </Stack>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
          {(['timeZone', 'start', 'end'] as const).map(field => (
            <TextField
              key={field}
              label={WINDOW_LABELS[field]}
              size="small"
              type={field === 'timeZone' ? 'text' : 'datetime-local'}
              value={window[field]}
              disabled={locked}
              onChange={e => {
                setWindow({ ...window, [field]: e.target.value });
                edit.clearFieldErrors(`window.${field}`);
              }}
              error={errors[field] !== undefined}
              helperText={
                errors[field] ??
                (field === 'timeZone'
                  ? 'IANA name, e.g. Asia/Seoul'
                  : 'Wall-clock time in that zone')
              }
              InputLabelProps={{ shrink: true }}
              inputProps={{ 'data-testid': `schedule-window-${field}` }}
              sx={{ minWidth: 220 }}
            />
          ))}
          <Box>
            <Button
              type="submit"
              variant="contained"
              ref={edit.trigger}
              disabled={locked || !service}
            >
              Preview
            </Button>
          </Box>
        </Stack>
        <Typography variant="caption" color="text.secondary">
          At the start the values are re-checked and applied; at the end the
          values they replaced come back, unless someone changed them in
          between.
        </Typography>
      </Stack>
    </ScalingFormSection>
  );
}
