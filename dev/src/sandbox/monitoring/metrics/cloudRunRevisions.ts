/**
 * Revisions of a sandbox Cloud Run service as Monitoring labels them. The world keeps a configuration
 * history but no revision per entry, so the name of the revision serving an entry is remembered the
 * first time the entry is seen as the newest one: then the service resource names it
 * (`latestCreatedRevision`, set as soon as an update is committed, or `latestReadyRevision`). An edit
 * that leaves the template alone keeps the revision, so two entries may share one name, as in Cloud Run.
 * Entries never seen while newest (edited twice between two queries) get a name in the same scheme.
 */
import { revisionName } from '../../run/serviceResource';
import type { ConfigVersion, SandboxRunService } from '../../world';

const remembered = new WeakMap<ConfigVersion, string>();

/** Short name (after `/revisions/`) of the revision the resource names as newest, if any. */
function currentRevision(service: SandboxRunService): string | null {
  for (const field of ['latestCreatedRevision', 'latestReadyRevision']) {
    const value = service.resource[field];
    if (typeof value === 'string' && value !== '') return value.slice(value.lastIndexOf('/') + 1);
  }
  return null;
}

/** The revision name (short form, as in the `revision_name` label) serving configuration `version`. */
export function revisionNameFor(service: SandboxRunService, version: number): string {
  const newest = service.history[service.history.length - 1]!;
  if (!remembered.has(newest)) {
    const current = currentRevision(service);
    if (current) remembered.set(newest, current);
  }
  const entry = service.history[version]!;
  let name = remembered.get(entry);
  if (!name) {
    // Generation 1 is the revision the sandbox creates with the service (run/serviceResource.ts).
    name = revisionName(service.name, version + 1, version === 0 ? '' : String(entry.effectiveFrom));
    remembered.set(entry, name);
  }
  return name;
}
