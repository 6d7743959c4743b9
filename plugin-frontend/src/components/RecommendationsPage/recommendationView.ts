import type {
  Recommendation,
  RecommendationRule,
} from '@gcp-serverless/common';

/** Short names of the rules, as the list shows them. */
export const RULE_LABELS: Record<RecommendationRule, string> = {
  'idle-min': 'Idle min instances',
  'max-above-peak': 'Max far above the peak',
  'at-max': 'At max',
  'idle-cpu': 'Concurrency leaves CPU idle',
  'redis-unsafe-max': 'Redis-unsafe max',
};

/** "$1,234.56" in the recommendation's currency. */
export function money(value: number, currency: string): string {
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(value);
}

/** "saves $12.34/month", "costs $5.00/month" or "no change in cost". */
export function savingText(
  r: Pick<Recommendation, 'monthlySaving' | 'currency'>,
): string {
  if (Math.abs(r.monthlySaving) < 0.005) return 'no change in cost';
  return r.monthlySaving > 0
    ? `saves ${money(r.monthlySaving, r.currency)}/month`
    : `costs ${money(-r.monthlySaving, r.currency)}/month`;
}

/** "min 1 → 0, max 1,000 → 4" — the settings that change. */
export function changeText(
  r: Pick<Recommendation, 'current' | 'suggested'>,
): string {
  const n = (v: number) => v.toLocaleString('en-US');
  const parts: string[] = [];
  const field = (label: string, a: number, b: number) => {
    if (a !== b) parts.push(`${label} ${n(a)} → ${n(b)}`);
  };
  field('min', r.current.minInstances, r.suggested.minInstances);
  field('max', r.current.maxInstances, r.suggested.maxInstances);
  field('concurrency', r.current.concurrency, r.suggested.concurrency);
  return parts.join(', ');
}

/**
 * The service page with the scaling form pre-filled with the suggestion and its preview opened
 * (`?minInstances=&maxInstances=&concurrency=&preview=1`); the guarded edit applies it.
 */
export function previewPath(root: string, r: Recommendation): string {
  const q = new URLSearchParams({
    minInstances: String(r.suggested.minInstances),
    maxInstances: String(r.suggested.maxInstances),
    concurrency: String(r.suggested.concurrency),
    preview: '1',
  });
  return `${root}/projects/${encodeURIComponent(
    r.projectId,
  )}/locations/${encodeURIComponent(r.region)}/services/${encodeURIComponent(
    r.service,
  )}?${q}`;
}
