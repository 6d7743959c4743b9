import { diffCdnPolicy } from '../cdn/cdnPolicyEdit';
import type { CdnPolicyChange } from '../schemas/cdnPolicy';
import { diffQueue } from '../queues/queueDiff';
import { diffRedis } from '../redis/redisDiff';
import { diffUrlMaps } from '../routing/urlMapDiff';
import type { UrlMapSpec } from '../routing/urlMapTypes';
import { diffScaling } from '../scaling/scalingDiff';
import type { FieldChange } from '../types/api';
import type { ScalingSettings } from '../types/cloudRun';
import type { QueueSettings } from '../types/queues';
import type { RedisSettings } from '../types/redis';
import type { ChangeRecord } from './history';

/** One line of a history entry's diff: what was added (before null), removed (after null) or changed. */
export type ChangeDiffLine = FieldChange & {
  change: 'added' | 'removed' | 'changed';
};

type Leaf = FieldChange['before'];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{ a: { b: 1 } }` → `a.b → 1`; arrays and nested lists as compact JSON. */
function leaves(value: unknown, prefix = '', out = new Map<string, Leaf>()) {
  if (isRecord(value)) {
    for (const [k, v] of Object.entries(value))
      leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    let leaf: Leaf = null;
    if (typeof value === 'object' && value !== null)
      leaf = JSON.stringify(value);
    else if (value !== undefined && value !== null) leaf = value as Leaf;
    out.set(prefix, leaf);
  }
  return out;
}

/** Any two objects, leaf by leaf (dot paths as labels): the fallback for shapes no kind claims. */
export function diffLeaves(before: unknown, after: unknown): FieldChange[] {
  const b = leaves(before);
  const a = leaves(after);
  const out: FieldChange[] = [];
  for (const key of new Set([...b.keys(), ...a.keys()])) {
    const x = b.get(key) ?? null;
    const y = a.get(key) ?? null;
    if (x !== y) out.push({ field: key, label: key, before: x, after: y });
  }
  return out;
}

type Threshold = { percent: number; spendBasis: string };
const thresholdsText = (list: Threshold[], scale: number) =>
  list.length === 0
    ? 'none'
    : list
        .map(
          t =>
            `${Math.round(t.percent * scale * 100) / 100} % ${
              t.spendBasis === 'FORECASTED_SPEND' ? 'forecast' : 'actual'
            }`,
        )
        .join(', ');

/**
 * Budget entries keep Google's thresholds before (fractions, 0.9) and the form's after (percent, 90);
 * both read as "90 % actual".
 */
function diffBudget(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): FieldChange[] {
  const amount = (v: unknown) =>
    typeof v === 'number' ? v.toFixed(2) : 'last period spend';
  const fields: FieldChange[] = [
    {
      field: 'amount',
      label: 'Amount',
      before: amount(before.amount),
      after: amount(after.amount),
    },
    {
      field: 'thresholds',
      label: 'Thresholds',
      before: thresholdsText((before.thresholds ?? []) as Threshold[], 100),
      after: thresholdsText((after.thresholds ?? []) as Threshold[], 1),
    },
    {
      field: 'period',
      label: 'Period',
      before: (before.period as string) ?? null,
      after: (after.period as string) ?? null,
    },
  ];
  return fields.filter(f => f.before !== f.after);
}

/** Queue pause/resume/purge entries record the action, not settings. */
function diffQueueAction(
  action: string,
  after: Record<string, unknown> | null,
): FieldChange[] {
  const verb = action.split('.')[1] ?? action;
  const done: Record<string, string> = {
    pause: 'paused',
    resume: 'resumed',
    purge: 'purged',
  };
  return [
    {
      field: 'action',
      label: 'Queue',
      before: null,
      after: done[verb] ?? verb,
    },
    ...(after && typeof after.state === 'string'
      ? [
          {
            field: 'state',
            label: 'State',
            before: null,
            after: after.state as string,
          },
        ]
      : []),
  ];
}

function kindDiff(
  entry: Pick<ChangeRecord, 'kind' | 'action' | 'before' | 'after'>,
): FieldChange[] {
  const { kind, action, before, after } = entry;
  if (kind === 'queue' && action !== 'queue.apply')
    return diffQueueAction(action, isRecord(after) ? after : null);
  if (!isRecord(before) || !isRecord(after)) return diffLeaves(before, after);
  switch (kind) {
    case 'routing':
      return diffUrlMaps(before as UrlMapSpec, after as UrlMapSpec);
    case 'scaling':
      return diffScaling(
        before as unknown as ScalingSettings,
        after as unknown as ScalingSettings,
      );
    case 'cdn':
      return diffCdnPolicy(
        before as unknown as CdnPolicyChange,
        after as unknown as CdnPolicyChange,
      );
    case 'queue':
      return diffQueue(
        before as unknown as QueueSettings,
        after as unknown as QueueSettings,
      );
    case 'redis':
      return diffRedis(
        before as unknown as RedisSettings,
        after as unknown as RedisSettings,
      );
    case 'budget':
      return diffBudget(before, after);
    default:
      return diffLeaves(before, after);
  }
}

/**
 * What a history entry changed, field by field, in the words of the kind's own form and preview: for a
 * URL map the routing lines of the editor (`path-matcher-2: /api/v2/*`: added → `gryd-be-service`),
 * for scaling "Max instances 40 → 60". An entry from an older shape falls back to a leaf-by-leaf diff.
 */
export function diffChangeRecord(
  entry: Pick<ChangeRecord, 'kind' | 'action' | 'before' | 'after'>,
): ChangeDiffLine[] {
  let fields: FieldChange[];
  try {
    fields = kindDiff(entry);
  } catch {
    // A record whose shape is not the kind's current one (fields missing): compare what is there.
    fields = diffLeaves(entry.before, entry.after);
  }
  return fields.map(f => {
    // Older records may lack a field: undefined reads as "not set".
    const before = f.before ?? null;
    const after = f.after ?? null;
    let change: ChangeDiffLine['change'] = 'changed';
    if (before === null && after !== null) change = 'added';
    else if (after === null && before !== null) change = 'removed';
    return { ...f, before, after, change };
  });
}
