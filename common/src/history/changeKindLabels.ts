import type { ChangeKind } from '../permissions/permissions';

/** What each kind of change edits, as the history's filter and rows name it. */
export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  scaling: 'Cloud Run scaling',
  routing: 'URL map routes',
  cdn: 'CDN cache policy',
  queue: 'Cloud Tasks queue',
  redis: 'Redis instance',
  budget: 'Budget',
};
