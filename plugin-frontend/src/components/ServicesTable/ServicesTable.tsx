import { useRef, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { useVirtualizer } from '@tanstack/react-virtual';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import type { CloudRunServiceWithSummary } from '@gcp-serverless/common';
import { formatDuration } from '../../charts/formatDuration';
import { formatNumber, formatPercent, formatRate } from '../../format';
import {
  nextSort,
  type ServiceSort,
  type ServiceSortKey,
} from './servicesTableModel';

interface Column {
  key: ServiceSortKey;
  label: string;
  numeric: boolean;
}

/** Columns in display order. */
export const SERVICE_COLUMNS: readonly Column[] = [
  { key: 'name', label: 'Service', numeric: false },
  { key: 'region', label: 'Region', numeric: false },
  { key: 'minInstances', label: 'Min', numeric: true },
  { key: 'maxInstances', label: 'Max', numeric: true },
  { key: 'concurrency', label: 'Concurrency', numeric: true },
  { key: 'instances', label: 'Instances now', numeric: true },
  { key: 'requestsPerSecond', label: 'Req/s', numeric: true },
  { key: 'errorRatio5xx', label: '5xx %', numeric: true },
  { key: 'latencyP95Ms', label: 'p95 latency', numeric: true },
];

/** Props of {@link ServicesTable}. */
export interface ServicesTableProps {
  /** Rows in the order to show (already filtered and sorted). */
  services: readonly CloudRunServiceWithSummary[];
  sort: ServiceSort;
  onSortChange: (sort: ServiceSort) => void;
  /**
   * Relative link of a service's page, resolved against the current route
   * (e.g. `../locations/asia-northeast3/services/gryd-be?window=1h`).
   */
  serviceHref: (service: CloudRunServiceWithSummary) => string;
}

/** From this many rows on, only the rows in view are rendered (a fleet of 10,000 would be 330,000 px of DOM). */
export const VIRTUALIZE_FROM_ROWS = 100;
/** Height of a row of the long table (px): fixed (one line per cell), so the virtualizer knows every row's place without measuring. */
const ROW_HEIGHT = 37;

/**
 * The Cloud Run services of a project with their scaling and live figures. Each name links to the service
 * page; each row links to the Cloud Console. Sorting is controlled (the page keeps it in the URL).
 * A long list scrolls inside the table under a sticky header and renders only the rows in view.
 */
export function ServicesTable(props: ServicesTableProps) {
  return props.services.length >= VIRTUALIZE_FROM_ROWS ? (
    <VirtualServicesTable {...props} />
  ) : (
    <PlainServicesTable {...props} />
  );
}

function PlainServicesTable({
  services,
  sort,
  onSortChange,
  serviceHref,
}: ServicesTableProps) {
  return (
    <TableContainer>
      <Table
        size="small"
        aria-label="Cloud Run services"
        data-testid="services-table"
      >
        <ServicesTableHead sort={sort} onSortChange={onSortChange} />
        <TableBody>
          {services.map(service => (
            <ServiceRow
              key={`${service.region}/${service.name}`}
              service={service}
              href={serviceHref(service)}
            />
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function VirtualServicesTable({
  services,
  sort,
  onSortChange,
  serviceHref,
}: ServicesTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: services.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: index => `${services[index]!.region}/${services[index]!.name}`,
  });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after =
    virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  return (
    <TableContainer
      ref={scrollRef}
      sx={{ maxHeight: '70vh' }}
      data-testid="services-scroll"
    >
      <Table
        size="small"
        stickyHeader
        aria-label="Cloud Run services"
        aria-rowcount={services.length + 1}
        data-testid="services-table"
      >
        <ServicesTableHead sort={sort} onSortChange={onSortChange} />
        <TableBody>
          {before > 0 && <SpacerRow height={before} />}
          {items.map(item => {
            const service = services[item.index]!;
            return (
              <ServiceRow
                key={item.key}
                service={service}
                href={serviceHref(service)}
                rowIndex={item.index}
              />
            );
          })}
          {after > 0 && <SpacerRow height={after} />}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/** Stands in for the rows above or below the view, so the scroll bar is that of the whole table. */
function SpacerRow({ height }: { height: number }): ReactNode {
  return (
    <TableRow aria-hidden="true" sx={{ height }}>
      <TableCell
        colSpan={SERVICE_COLUMNS.length + 1}
        sx={{ p: 0, border: 0 }}
      />
    </TableRow>
  );
}

function ServicesTableHead({
  sort,
  onSortChange,
}: Pick<ServicesTableProps, 'sort' | 'onSortChange'>) {
  return (
    <TableHead>
      <TableRow>
        {SERVICE_COLUMNS.map(column => (
          <TableCell
            key={column.key}
            align={column.numeric ? 'right' : 'left'}
            sortDirection={sort.key === column.key ? sort.direction : false}
          >
            <TableSortLabel
              active={sort.key === column.key}
              direction={sort.key === column.key ? sort.direction : 'asc'}
              onClick={() => onSortChange(nextSort(sort, column.key))}
            >
              {column.label}
            </TableSortLabel>
          </TableCell>
        ))}
        <TableCell>Cloud Console</TableCell>
      </TableRow>
    </TableHead>
  );
}

interface ServiceRowProps {
  service: CloudRunServiceWithSummary;
  href: string;
  /** Position in the whole list (virtualized tables only, for assistive technology: only some rows are in the DOM). */
  rowIndex?: number;
}

function ServiceRow({ service, href, rowIndex }: ServiceRowProps) {
  const { scaling, summary } = service;
  return (
    <TableRow
      hover
      data-testid={`service-row-${service.name}`}
      {...(rowIndex !== undefined
        ? {
            'aria-rowindex': rowIndex + 2,
            sx: { height: ROW_HEIGHT, whiteSpace: 'nowrap' },
          }
        : {})}
    >
      <TableCell component="th" scope="row">
        <Link
          component={RouterLink}
          to={href}
          data-testid={`service-link-${service.name}`}
        >
          {service.name}
        </Link>
      </TableCell>
      <TableCell>{service.region}</TableCell>
      <TableCell align="right">{scaling.minInstances}</TableCell>
      <TableCell align="right">{scaling.maxInstances}</TableCell>
      <TableCell align="right">{scaling.concurrency}</TableCell>
      <TableCell align="right">
        {formatNumber(
          summary.instances,
          summary.instances !== null && summary.instances % 1 !== 0 ? 1 : 0,
        )}
      </TableCell>
      <TableCell align="right">
        {formatRate(summary.requestsPerSecond)}
      </TableCell>
      <TableCell
        align="right"
        sx={{
          color:
            (summary.errorRatio5xx ?? 0) >= 0.01 ? 'error.main' : undefined,
        }}
      >
        {formatPercent(summary.errorRatio5xx)}
      </TableCell>
      <TableCell align="right">
        {formatDuration(summary.latencyP95Ms)}
      </TableCell>
      <TableCell>
        <Link
          href={service.consoleUrl}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={`Open ${service.name} in Cloud Console`}
        >
          Open
        </Link>
      </TableCell>
    </TableRow>
  );
}
