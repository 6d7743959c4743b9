import Alert from '@mui/material/Alert';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { CdnRoute } from '@gcp-serverless/common';
import { formatPercent, formatRate } from '../../format';

/** Props of {@link CdnRoutesTable}. */
export interface CdnRoutesTableProps {
  /** Figures per path rule of the one backend shown, busiest first. */
  routes: CdnRoute[];
  /** The backend's name, for the table's label. */
  backend: string;
}

/** `UNMATCHED` is what the load balancer reports for a path matcher's or the URL map's default. */
export function pathRuleLabel(pathRule: string): string {
  return pathRule === 'UNMATCHED' ? 'default (no path rule matched)' : pathRule;
}

/**
 * "Is /images/* served well?": each URL map path rule that sends traffic to one backend, with its hit
 * ratio, requests served from cache and cache fill from the origin over the window.
 */
export function CdnRoutesTable({ routes, backend }: CdnRoutesTableProps) {
  if (routes.length === 0)
    return (
      <Alert severity="info" data-testid="cdn-routes-empty">
        No URL map path rule sent traffic to {backend} in the window.
      </Alert>
    );
  const manyMaps = new Set(routes.map(r => r.urlMap)).size > 1;
  return (
    <Table
      size="small"
      aria-label={`Cache figures per path rule of ${backend}`}
      data-testid="cdn-routes"
    >
      <TableHead>
        <TableRow>
          {manyMaps && <TableCell>URL map</TableCell>}
          <TableCell>Path rule</TableCell>
          <TableCell align="right">Hit ratio</TableCell>
          <TableCell align="right">Served from cache, req/s</TableCell>
          <TableCell align="right">Cache fill, req/s</TableCell>
          <TableCell align="right">All requests, req/s</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {routes.map(r => (
          <TableRow
            key={`${r.urlMap} ${r.pathRule}`}
            data-testid={`cdn-route-${r.pathRule}`}
          >
            {manyMaps && <TableCell>{r.urlMap}</TableCell>}
            <TableCell component="th" scope="row">
              <code>{pathRuleLabel(r.pathRule)}</code>
            </TableCell>
            <TableCell align="right" data-testid="cdn-route-hit">
              {formatPercent(r.hitRatio)}
            </TableCell>
            <TableCell align="right">{formatRate(r.servedPerSecond)}</TableCell>
            <TableCell align="right">{formatRate(r.fillPerSecond)}</TableCell>
            <TableCell align="right">
              {formatRate(r.requestsPerSecond)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
