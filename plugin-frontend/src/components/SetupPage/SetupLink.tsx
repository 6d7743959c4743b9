import { createContext, useContext, type ReactNode } from 'react';
import {
  Link as RouterLink,
  useLocation,
  useParams,
  useResolvedPath,
} from 'react-router-dom';
import Link from '@mui/material/Link';

/** The path where the plugin's routes are mounted (`/gcp-serverless` in a Backstage app, `` standalone). */
const PluginRootContext = createContext<string | undefined>(undefined);

/**
 * Remembers where the plugin's routes are mounted, so any panel can link to the setup page whatever
 * the host app's base path. Rendered by `GcpServerlessRoutes` at the root of the plugin's tree.
 */
export function PluginRootProvider({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  const splat = useParams()['*'];
  const resolved = useResolvedPath('.').pathname;
  // Mounted under a splat route (`/gcp-serverless/*`): the root is the path without the splat's
  // segments. Counting segments holds with React Router's v7_relativeSplatPath on or off.
  const root = splat
    ? pathname
        .replace(/\/$/, '')
        .split('/')
        .slice(0, -splat.replace(/\/$/, '').split('/').length)
        .join('/')
    : resolved.replace(/\/$/, '');
  return (
    <PluginRootContext.Provider value={root}>
      {children}
    </PluginRootContext.Provider>
  );
}

/** The setup page's path, or undefined outside the plugin's routes (e.g. a Backstage entity tab). */
export function useSetupPath(): string | undefined {
  const root = useContext(PluginRootContext);
  return root === undefined ? undefined : `${root}/setup`;
}

/** "Open the setup page": where the doctor's report says what is missing and what fixes it. */
export function SetupLink({
  children = 'Open the setup page',
}: {
  children?: ReactNode;
}) {
  const path = useSetupPath();
  if (!path) return null;
  return (
    <Link component={RouterLink} to={path} data-testid="setup-link">
      {children}
    </Link>
  );
}

/** Where the plugin's routes are mounted, for absolute links between its pages; undefined outside them. */
export function usePluginRoot(): string | undefined {
  return useContext(PluginRootContext);
}
