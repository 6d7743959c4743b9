/**
 * Revisions of a sandbox Cloud Run service as Monitoring labels them. Each configuration version
 * names the revision that serves it (`ConfigVersion.revision`, set by the scenarios and by the Run
 * API when it commits an update), so the label is read, not guessed: an edit that leaves the template
 * alone keeps the revision, so two entries may share one name, as in Cloud Run.
 *
 * Worlds built by hand (tests) may leave `revision` out. Then the name of the revision serving an
 * entry is remembered the first time the entry is seen as the newest one (the resource's
 * `latestCreatedRevision` or `latestReadyRevision`), and entries never seen while newest get a name in
 * Cloud Run's scheme.
 */
import { revisionName } from '../../run/serviceResource';
import type { ConfigVersion, SandboxRunService } from '../../world';

const remembered = new WeakMap<ConfigVersion, string>();

/** Short name (after `/revisions/`) of the revision the resource names as newest, if any. */
function currentRevision(service: SandboxRunService): string | null {
  for (const field of ['latestCreatedRevision', 'latestReadyRevision']) {
    const value = service.resource[field];
    if (typeof value === 'string' && value !== '')
      return value.slice(value.lastIndexOf('/') + 1);
  }
  return null;
}

/** The revision name (short form, as in the `revision_name` label) serving configuration `version`. */
export function revisionNameFor(
  service: SandboxRunService,
  version: number,
): string {
  const entry = service.history[version]!;
  if (entry.revision) return entry.revision;
  const newest = service.history[service.history.length - 1]!;
  if (!newest.revision && !remembered.has(newest)) {
    const current = currentRevision(service);
    if (current) remembered.set(newest, current);
  }
  let name = remembered.get(entry);
  if (!name) {
    // Generation 1 is the revision the sandbox creates with the service (run/serviceResource.ts).
    name = revisionName(
      service.name,
      version + 1,
      version === 0 ? '' : String(entry.effectiveFrom),
    );
    remembered.set(entry, name);
  }
  return name;
}
