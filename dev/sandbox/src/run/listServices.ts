import { invalidArgument } from '../googleError';
import type { SandboxRunService } from '../world';
import { requireProject, requireService, type RunContext } from './runContext';

/**
 * services.list and services.get. Page size: Cloud Run documents no default, the sandbox uses 100
 * and caps at 1000 (unverified). Page tokens are opaque base64 offsets bound to the parent.
 */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/** `GET …/services` answer; `nextPageToken` is omitted on the last page (clients loop while it is truthy). */
export interface ListServicesJson {
  services: Record<string, unknown>[];
  nextPageToken?: string;
}

function encodeToken(parent: string, offset: number): string {
  return Buffer.from(JSON.stringify({ parent, offset })).toString('base64url');
}

function decodeToken(parent: string, token: string): number {
  try {
    const decoded = JSON.parse(
      Buffer.from(token, 'base64url').toString('utf8'),
    ) as { parent?: unknown; offset?: unknown };
    if (
      decoded.parent === parent &&
      Number.isInteger(decoded.offset) &&
      (decoded.offset as number) >= 0
    )
      return decoded.offset as number;
  } catch {
    // fall through to the error below
  }
  throw invalidArgument(`Invalid page token for ${parent}`, [
    { field: 'page_token', description: 'Invalid page token' },
  ]);
}

/** Lists the services of a project in one region, or in all regions for location `-`, sorted by name. */
export function listServices(
  ctx: RunContext,
  projectId: string,
  location: string,
  query: URLSearchParams,
): ListServicesJson {
  const project = requireProject(ctx.world, projectId);
  const parent = `projects/${projectId}/locations/${location}`;
  const rawSize = query.get('pageSize') ?? query.get('page_size') ?? '';
  const pageSize = rawSize === '' ? 0 : Number(rawSize);
  if (!Number.isInteger(pageSize) || pageSize < 0) {
    throw invalidArgument(`Invalid page_size ${rawSize}`, [
      { field: 'page_size', description: 'must be a non-negative integer' },
    ]);
  }
  const size = Math.min(pageSize || DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const token = query.get('pageToken') ?? query.get('page_token') ?? '';
  const offset = token ? decodeToken(parent, token) : 0;

  const all: SandboxRunService[] = [...project.services.values()]
    .filter(s => location === '-' || s.region === location)
    .sort((a, b) =>
      (a.resource['name'] as string).localeCompare(
        b.resource['name'] as string,
      ),
    );
  const page = all
    .slice(offset, offset + size)
    .map(s => structuredClone(s.resource));
  const next = offset + size;
  return next < all.length
    ? { services: page, nextPageToken: encodeToken(parent, next) }
    : { services: page };
}

/** One service by name, or 404 NOT_FOUND. */
export function getService(
  ctx: RunContext,
  projectId: string,
  location: string,
  serviceId: string,
): Record<string, unknown> {
  return structuredClone(
    requireService(ctx.world, projectId, location, serviceId).resource,
  );
}
