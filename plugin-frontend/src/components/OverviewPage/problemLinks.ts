import type { ProblemLink } from '@gcp-serverless/common';

const enc = encodeURIComponent;

/**
 * The plugin-relative path of the page that fixes a problem (relative to the plugin's index, so it
 * works under any mount path). Suggested values ride in the query string, where the page's form
 * picks them up (the service page's scaling form reads `minInstances`, `maxInstances`, `concurrency`).
 */
export function problemLinkPath(link: ProblemLink): string {
  const project = `projects/${enc(link.projectId)}`;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(link.suggested ?? {}))
    query.set(key, String(value));
  const qs = () => (query.toString() ? `?${query.toString()}` : '');
  switch (link.page) {
    case 'service':
    case 'scaling':
      if (link.region && link.resource)
        return `${project}/locations/${enc(link.region)}/services/${enc(
          link.resource,
        )}${qs()}`;
      return `${project}/services`;
    case 'cdn':
      if (link.resource) query.set('backend', link.resource);
      return `${project}/cdn${qs()}`;
    case 'queues':
    case 'redis':
    case 'routing':
    case 'budgets':
    default:
      return `${project}/${link.page}${qs()}`;
  }
}
