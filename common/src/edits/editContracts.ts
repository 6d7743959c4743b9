import type { ChangeRecord } from '../history/history';
import type { ChangeKind } from '../permissions/permissions';
import type { EditContract } from './editContract';
import { budgetEditContract } from './kinds/budgetEditContract';
import { cdnEditContract } from './kinds/cdnEditContract';
import { queueEditContract } from './kinds/queueEditContract';
import { redisEditContract } from './kinds/redisEditContract';
import { scalingEditContract } from './kinds/scalingEditContract';
import { urlMapEditContract } from './kinds/urlMapEditContract';

/** The edit contract of each kind of change. Adding a kind: one contract file here, one kind file in the backend. */
export const EDIT_CONTRACTS: Readonly<
  Record<ChangeKind, EditContract<unknown, unknown>>
> = {
  scaling: scalingEditContract as EditContract<unknown, unknown>,
  queue: queueEditContract as EditContract<unknown, unknown>,
  redis: redisEditContract as EditContract<unknown, unknown>,
  routing: urlMapEditContract as EditContract<unknown, unknown>,
  cdn: cdnEditContract as EditContract<unknown, unknown>,
  budget: budgetEditContract as EditContract<unknown, unknown>,
};

/**
 * The change that reverts a history entry (its `before` as a change of its kind), or null when the
 * entry is not a revertible apply (a pause, a failed attempt, an entry written before this shape).
 * The revert then goes through the kind's normal preview and apply, guard included.
 */
export function revertChangeOf(
  record: Pick<ChangeRecord, 'kind' | 'action' | 'before' | 'result'>,
): unknown | null {
  const contract = EDIT_CONTRACTS[record.kind];
  if (
    !contract ||
    record.action !== contract.action ||
    record.result !== 'succeeded'
  )
    return null;
  return contract.revertOf(record.before);
}
