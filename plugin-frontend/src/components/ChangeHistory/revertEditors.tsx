import type { ComponentType } from 'react';
import Alert from '@mui/material/Alert';
import CircularProgress from '@mui/material/CircularProgress';
import type { ChangeKind, ScalingSettings } from '@gcp-serverless/common';
import { useServiceQuery } from '../../queries/reads';
import { ScalingForm } from '../ScalingForm/ScalingForm';
import { BudgetRevertEditor } from './budgetRevertEditor';
import { QueueRevertEditor, RedisRevertEditor } from './capacityRevertEditors';
import {
  CdnRevertEditor,
  UrlMapRevertEditor,
} from './loadBalancingRevertEditors';
import type { RevertEditorProps } from './RevertEditorProps';

/** `projects/P/locations/L/services/S` → the Cloud Run service it names. */
function serviceRefOf(resource: string) {
  const m = /^projects\/([^/]+)\/locations\/([^/]+)\/services\/([^/]+)$/.exec(
    resource,
  );
  return m ? { projectId: m[1]!, region: m[2]!, service: m[3]! } : undefined;
}

/** Scaling: the scaling form of the service, started from the entry's `before` values. */
function ScalingRevertEditor({
  entry,
  onSucceeded,
  onChanged,
}: RevertEditorProps) {
  const ref = serviceRefOf(entry.resource);
  const detail = useServiceQuery(ref, '1h');
  if (!ref)
    return (
      <Alert severity="error">Not a Cloud Run service: {entry.resource}</Alert>
    );
  if (detail.error)
    return (
      <Alert severity="error">
        Could not load the service: {detail.error.message}
      </Alert>
    );
  if (!detail.data)
    return <CircularProgress aria-label="Loading the service" />;
  return (
    <ScalingForm
      service={detail.data.service}
      initialValues={entry.before as ScalingSettings}
      onChanged={onChanged}
      onSucceeded={onSucceeded}
    />
  );
}

/**
 * How each kind of change is reverted: the kind's own edit form, pre-filled with the entry's `before`
 * values, so a revert is previewed (diff against the current state, warnings, Google's validation) and
 * applied like any edit. A new kind adds its editor here (the type makes it required).
 */
export const REVERT_EDITORS: Record<
  ChangeKind,
  ComponentType<RevertEditorProps>
> = {
  scaling: ScalingRevertEditor,
  queue: QueueRevertEditor,
  redis: RedisRevertEditor,
  routing: UrlMapRevertEditor,
  cdn: CdnRevertEditor,
  budget: BudgetRevertEditor,
};

export type { RevertEditorProps } from './RevertEditorProps';
