import type { ScalingSettings } from '@gcp-serverless/common';

const FIELDS = ['minInstances', 'maxInstances', 'concurrency'] as const;

/**
 * Scaling values suggested through the query string (`?maxInstances=787`, from a problem's link on the
 * index page), laid over the current settings; undefined when the URL suggests nothing. Values that
 * are not whole numbers are ignored: the form's schema checks the rest, and preview diffs against
 * the server, so a suggestion never applies by itself.
 */
export function suggestedScaling(
  params: URLSearchParams,
  current: ScalingSettings,
): ScalingSettings | undefined {
  let suggested: ScalingSettings | undefined;
  for (const field of FIELDS) {
    const raw = params.get(field);
    if (raw === null || !/^\d+$/.test(raw)) continue;
    suggested = { ...(suggested ?? current), [field]: Number(raw) };
  }
  return suggested;
}
