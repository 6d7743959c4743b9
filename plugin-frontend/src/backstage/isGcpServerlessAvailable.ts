import type { Entity } from '@backstage/catalog-model';
import { parseEntityResources } from '@gcp-serverless/common';

/** True when the entity has a `gcp-serverless/project` annotation: use it to show the entity tab only where it has content. */
export function isGcpServerlessAvailable(entity: Entity): boolean {
  return parseEntityResources(entity.metadata.annotations) !== null;
}
