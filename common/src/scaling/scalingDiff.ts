import type { ScalingSettings } from '../types/cloudRun';
import type { FieldChange } from '../types/api';

/** Labels of the scaling fields, in the order forms and diffs show them. */
export const SCALING_FIELD_LABELS: Record<keyof ScalingSettings, string> = {
  minInstances: 'Min instances',
  maxInstances: 'Max instances',
  concurrency: 'Concurrency (requests per instance)',
};

/** The fields whose value differs between current and proposed scaling, in form order. */
export function diffScaling(
  current: ScalingSettings,
  proposed: ScalingSettings,
): FieldChange[] {
  return (Object.keys(SCALING_FIELD_LABELS) as (keyof ScalingSettings)[])
    .filter(field => current[field] !== proposed[field])
    .map(field => ({
      field,
      label: SCALING_FIELD_LABELS[field],
      before: current[field],
      after: proposed[field],
    }));
}
