import type { StackedDay } from './aggregate';

/**
 * "Nice" axis ticks from 0 to at least `max`: steps of 1, 2, 2.5 or 5 × 10^k, so the top tick is a
 * round figure ($0 $10K $20K $30K, never "$26.3K"). At most `count` + 1 ticks.
 */
export function niceTicks(max: number, count = 4): number[] {
  if (!Number.isFinite(max) || max <= 0) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map(m => m * magnitude).find(s => s >= raw)!;
  const top = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 1e6; v += step)
    ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

/** Key under which the keys beyond the top N are summed. */
export const OTHER_KEY = 'other';

/**
 * Keeps the `n` largest stack keys (the order given is largest first) and sums the rest into
 * {@link OTHER_KEY}, so a legend of 200 services does not cover its chart; totals are unchanged.
 */
export function topNWithOther(
  stack: { keys: readonly string[]; days: readonly StackedDay[] },
  n: number,
): { keys: string[]; days: StackedDay[] } {
  if (stack.keys.length <= n + 1)
    return { keys: [...stack.keys], days: [...stack.days] };
  const kept = stack.keys.slice(0, n);
  const rest = stack.keys.slice(n);
  return {
    keys: [...kept, OTHER_KEY],
    days: stack.days.map(d => ({
      date: d.date,
      total: d.total,
      values: {
        ...Object.fromEntries(kept.map(k => [k, d.values[k] ?? 0])),
        [OTHER_KEY]: rest.reduce((s, k) => s + (d.values[k] ?? 0), 0),
      },
    })),
  };
}
