import type { CloudRunServiceWithSummary } from '@gcp-serverless/common';

/** Columns of the services table that can be sorted, as they appear in `?sort=`. */
export const SERVICE_SORT_KEYS = [
  'name',
  'region',
  'minInstances',
  'maxInstances',
  'concurrency',
  'instances',
  'requestsPerSecond',
  'errorRatio5xx',
  'latencyP95Ms',
] as const;
export type ServiceSortKey = (typeof SERVICE_SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

/** Sort of the table, as held in `?sort=` and `?dir=`. */
export interface ServiceSort {
  key: ServiceSortKey;
  direction: SortDirection;
}

export const DEFAULT_SERVICE_SORT: ServiceSort = {
  key: 'name',
  direction: 'asc',
};

/** Reads `?sort=` and `?dir=`; unknown values fall back to sorting by name, ascending. */
export function parseServiceSort(
  sort: string | null,
  dir: string | null,
): ServiceSort {
  const key = (SERVICE_SORT_KEYS as readonly string[]).includes(sort ?? '')
    ? (sort as ServiceSortKey)
    : DEFAULT_SERVICE_SORT.key;
  return { key, direction: dir === 'desc' ? 'desc' : 'asc' };
}

/** The value a column sorts by: text for name/region, a number (or null when unknown) otherwise. */
export function sortValue(
  service: CloudRunServiceWithSummary,
  key: ServiceSortKey,
): string | number | null {
  switch (key) {
    case 'name':
      return service.name;
    case 'region':
      return service.region;
    case 'minInstances':
    case 'maxInstances':
    case 'concurrency':
      return service.scaling[key];
    default:
      return service.summary[key];
  }
}

// One collator for every comparison: String.localeCompare builds locale data per call, which is what
// made sorting 10,000 rows noticeably slow.
const collator = new Intl.Collator('en');

/**
 * Services sorted by a column. Unknown figures (null) go last in both directions, so "highest 5xx first"
 * never starts with services that have no data; ties keep name order.
 */
export function sortServices(
  services: readonly CloudRunServiceWithSummary[],
  sort: ServiceSort,
): CloudRunServiceWithSummary[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...services].sort((a, b) => {
    const va = sortValue(a, sort.key);
    const vb = sortValue(b, sort.key);
    if (va === null && vb === null) return collator.compare(a.name, b.name);
    if (va === null) return 1;
    if (vb === null) return -1;
    const order =
      typeof va === 'number' && typeof vb === 'number'
        ? va - vb
        : collator.compare(String(va), String(vb));
    return order !== 0 ? sign * order : collator.compare(a.name, b.name);
  });
}

/** Services whose name or region contains every whitespace-separated word of `query` (case-insensitive). */
export function filterServices(
  services: readonly CloudRunServiceWithSummary[],
  query: string,
): CloudRunServiceWithSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...services];
  return services.filter(s => {
    const text = `${s.name} ${s.region}`.toLowerCase();
    return words.every(w => text.includes(w));
  });
}

/** The sort after clicking a column header: the same column flips, a new one starts ascending. */
export function nextSort(
  current: ServiceSort,
  clicked: ServiceSortKey,
): ServiceSort {
  if (current.key === clicked)
    return {
      key: clicked,
      direction: current.direction === 'asc' ? 'desc' : 'asc',
    };
  return { key: clicked, direction: 'asc' };
}
