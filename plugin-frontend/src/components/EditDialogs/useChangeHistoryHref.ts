import { useLocation } from 'react-router-dom';

/**
 * The History tab of the project the current page belongs to (`…/projects/P/history`), whatever the
 * plugin's mount path; undefined outside a project's pages (e.g. a catalog entity's tab).
 */
export function useChangeHistoryHref(): string | undefined {
  const { pathname } = useLocation();
  const match = /^(.*?\/projects\/[^/]+)(?:\/|$)/.exec(pathname);
  return match ? `${match[1]}/history` : undefined;
}
