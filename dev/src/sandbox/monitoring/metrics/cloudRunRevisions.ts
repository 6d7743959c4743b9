/**
 * Revisions of a sandbox Cloud Run service as Monitoring labels them. The sandbox keeps one revision per
 * configuration version: the current version is the service resource's `latestReadyRevision`, and older
 * versions get the earlier generation numbers of the same naming scheme (`<service>-00003-xyz`).
 */
import { hashString } from '../../traffic/hash';
import type { SandboxRunService } from '../../world';

const REVISION_NAME = /^(.*)-(\d{5})-([a-z0-9]+)$/;
const SUFFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Short name of the service's latest ready revision (from the v2 resource), if it has one. */
function latestRevisionShortName(service: SandboxRunService): string | null {
  const value = service.resource['latestReadyRevision'];
  if (typeof value !== 'string' || value === '') return null;
  return value.slice(value.lastIndexOf('/') + 1);
}

function suffixFor(service: SandboxRunService, generation: number): string {
  let hash = hashString(`${service.projectId}/${service.name}/${generation}`);
  let suffix = '';
  for (let i = 0; i < 3; i++) {
    suffix += SUFFIX_ALPHABET[hash % SUFFIX_ALPHABET.length];
    hash = Math.floor(hash / SUFFIX_ALPHABET.length);
  }
  return suffix;
}

/** The revision name (short form, as in the `revision_name` label) serving configuration `version`. */
export function revisionNameFor(service: SandboxRunService, version: number): string {
  const latestIndex = service.history.length - 1;
  const latest = latestRevisionShortName(service);
  const parsed = latest ? REVISION_NAME.exec(latest) : null;
  if (latest && version === latestIndex) return latest;
  const latestGeneration = parsed ? Number(parsed[2]) : latestIndex + 1;
  const generation = Math.max(1, latestGeneration - (latestIndex - version));
  const prefix = parsed ? parsed[1]! : service.name;
  return `${prefix}-${String(generation).padStart(5, '0')}-${suffixFor(service, generation)}`;
}
