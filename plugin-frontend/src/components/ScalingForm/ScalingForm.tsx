import { useEffect, useRef, useState, type FormEvent } from 'react';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import type { CloudRunService, ScalingSettings } from '@gcp-serverless/common';
import { scalingEdit } from '../../edits/kinds/scalingEdit';
import { useEdit } from '../../edits/useEdit';
import { useChangePermission } from '../../hooks/useChangePermission';
import { EditFlowDialogs } from '../EditDialogs/EditFlowDialogs';
import { ScalingFields } from './ScalingFields';
import { ScalingFormSection } from './ScalingFormSection';
import {
  sameAsSettings,
  serverFieldErrors,
  toFormValues,
  validateScalingForm,
  type ScalingField,
  type ScalingFieldErrors,
} from './scalingFormModel';

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
    <ScalingFormSection
      title="Scaling"
      heading="h3"
      permission={permission}
      onSubmit={onSubmit}
      formTestId="scaling-form"
      otherErrors={server.other}
      dialogs={
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
      }
    >
      <Stack
        direction={{ xs: 'column', md: 'row' }}
        spacing={2}
        alignItems="flex-start"
      >
        <ScalingFields
          values={values}
          errors={errors}
          disabled={locked}
          onChange={setField}
          testIdPrefix="scaling"
        />
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
    </ScalingFormSection>
  );
}
