/** `{minInstances: 1, maxInstances: 40}` → `minInstances 1 · maxInstances 40`; other shapes as compact JSON. */
export function formatChangeValues(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'object' || Array.isArray(value))
    return JSON.stringify(value);
  return Object.entries(value as Record<string, unknown>)
    .map(
      ([k, v]) =>
        `${k} ${
          typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)
        }`,
    )
    .join(' · ');
}

/** Last two segments of a resource name, e.g. `services/gryd-be`, for narrow tables. */
export function shortResource(resource: string): string {
  return resource.split('/').slice(-2).join('/');
}
