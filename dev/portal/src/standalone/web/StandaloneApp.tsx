import { useMemo, useState } from 'react';
import { Route, Routes } from 'react-router-dom';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CssBaseline from '@mui/material/CssBaseline';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { createTheme, ThemeProvider } from '@mui/material/styles';
import {
  GcpServerlessApiProvider,
  GcpServerlessClient,
  GcpServerlessPageContent as GcpServerlessPage,
  GcpServerlessQueryProvider,
  useGcpServerlessProjects,
} from '@gcp-serverless/plugin-frontend';
import { initialColorMode, storeColorMode, type ColorMode } from './colorMode';

/** Same origin as the portal's express server (dev/portal/src/standalone/startPortal.ts). */
const API_BASE_URL = '/api/gcp-serverless';

/**
 * "Sandbox" when the backend runs against the GCP sandbox. It reads the project list the page reads
 * (same query cache), so the page load asks `GET /projects` once.
 */
function SandboxChip() {
  const mode = useGcpServerlessProjects().data?.mode;
  return mode === 'sandbox' ? (
    <Chip
      label="Sandbox"
      color="warning"
      size="small"
      data-testid="sandbox-chip"
    />
  ) : null;
}

/**
 * The standalone portal: theme with a persisted light/dark toggle, an app bar (with a "Sandbox" chip
 * when the backend runs against the GCP sandbox) and the plugin's page at the root.
 */
export function StandaloneApp() {
  const api = useMemo(() => GcpServerlessClient.forBaseUrl(API_BASE_URL), []);
  const [mode, setMode] = useState<ColorMode>(initialColorMode);
  // contrastThreshold 4.5: text on filled colours (the orange "Sandbox" and warning chips) picks black
  // where white would fall under WCAG AA's 4.5:1, as MUI's accessibility guide advises.
  const theme = useMemo(
    () => createTheme({ palette: { mode, contrastThreshold: 4.5 } }),
    [mode],
  );

  const toggle = () => {
    const next = mode === 'light' ? 'dark' : 'light';
    storeColorMode(next);
    setMode(next);
  };

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      {/* One API and one query cache for the app bar and the page (the page's own provider then adds none). */}
      <GcpServerlessApiProvider api={api}>
        <GcpServerlessQueryProvider>
          <AppBar position="static" color="default" elevation={1}>
            <Toolbar>
              <Typography variant="h6" component="h1" sx={{ mr: 2 }}>
                GCP Serverless
              </Typography>
              <SandboxChip />
              <Box sx={{ flexGrow: 1 }} />
              <Button
                color="inherit"
                onClick={toggle}
                aria-pressed={mode === 'dark'}
              >
                {mode === 'light' ? 'Dark mode' : 'Light mode'}
              </Button>
            </Toolbar>
          </AppBar>
          <Box component="main">
            <Routes>
              <Route path="/*" element={<GcpServerlessPage />} />
            </Routes>
          </Box>
        </GcpServerlessQueryProvider>
      </GcpServerlessApiProvider>
    </ThemeProvider>
  );
}
