import { useLocation } from 'react-router-dom';

/**
 * The Approvals tab of the project the current page belongs to (`…/projects/P/approvals`, or one
 * request's page with `id`), whatever the plugin's mount path; undefined outside a project's pages.
 */
export function useApprovalsHref(id?: string): string | undefined {
  const { pathname } = useLocation();
  const match = /^(.*?\/projects\/[^/]+)(?:\/|$)/.exec(pathname);
  if (!match) return undefined;
  return `${match[1]}/approvals${id ? `/${encodeURIComponent(id)}` : ''}`;
}
