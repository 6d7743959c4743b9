import type {
  AuthService,
  BackstageCredentials,
  CacheService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  GCP_SERVERLESS_ANNOTATIONS,
  entityClaims,
  parseEntityResources,
  type OwnedResourceRef,
} from '@gcp-serverless/common';
import type { EntityResolver } from './BackstageAuthorizer';

interface CatalogEntity {
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
  };
}

/** How long the entities of a project are reused, ms: annotations change rarely, permission checks often. */
const CACHE_TTL_MS = 60_000;

/**
 * Resolves the entity claiming a resource by asking the catalog for the entities annotated with the
 * project (one query per project, cached in Backstage's cache service), then matching the narrower
 * annotations (`entityClaims`). Queried with the plugin's own service token: who owns what is not a
 * secret of the user, and the user's own visibility must not change the decision.
 */
export class CatalogEntityResolver implements EntityResolver {
  private readonly deps: {
    discovery: DiscoveryService;
    auth: AuthService;
    cache: CacheService;
    logger: LoggerService;
  };

  constructor(deps: {
    discovery: DiscoveryService;
    auth: AuthService;
    cache: CacheService;
    logger: LoggerService;
  }) {
    this.deps = deps;
  }

  async entityOf(
    resource: OwnedResourceRef,
    _credentials: BackstageCredentials,
  ): Promise<string | undefined> {
    const key = resource.type === 'budget' ? 'budget' : resource.projectId;
    if (!key) return undefined;
    let entities: CatalogEntity[];
    try {
      entities = await this.entitiesFor(key, resource.type === 'budget');
    } catch (err) {
      // Without the catalog no owner is known: conditional (owner) decisions then deny, which fails closed.
      this.deps.logger.warn(
        `catalog lookup for ${key} failed; treating the resource as unowned`,
        { error: String(err) },
      );
      return undefined;
    }
    const owner = entities.find(e => {
      const resources = parseEntityResources(e.metadata.annotations);
      return resources !== null && entityClaims(resources, resource);
    });
    return owner
      ? stringifyEntityRef({
          kind: owner.kind,
          namespace: owner.metadata.namespace ?? 'default',
          name: owner.metadata.name,
        })
      : undefined;
  }

  private async entitiesFor(
    key: string,
    budget: boolean,
  ): Promise<CatalogEntity[]> {
    const cacheKey = `entities:${key}`;
    const cached = await this.deps.cache.get(cacheKey);
    if (cached) return cached as unknown as CatalogEntity[];
    const annotation = budget
      ? GCP_SERVERLESS_ANNOTATIONS.budget
      : GCP_SERVERLESS_ANNOTATIONS.project;
    const filter = budget
      ? `metadata.annotations.${annotation}`
      : `metadata.annotations.${annotation}=${key}`;
    const baseUrl = await this.deps.discovery.getBaseUrl('catalog');
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
      targetPluginId: 'catalog',
    });
    const url = `${baseUrl}/entities/by-query?filter=${encodeURIComponent(
      filter,
    )}&fields=kind,metadata.name,metadata.namespace,metadata.annotations&limit=500`;
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok)
      throw new Error(
        `catalog query for ${annotation} failed: ${res.status} ${res.statusText}`,
      );
    const items = ((await res.json()) as { items: CatalogEntity[] }).items;
    await this.deps.cache.set(cacheKey, items as never, { ttl: CACHE_TTL_MS });
    return items;
  }
}
