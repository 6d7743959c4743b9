/**
 * References from a URL map to its backends. Compute stores full URLs
 * (`https://www.googleapis.com/compute/v1/projects/P/global/backendServices/N`) and accepts partial
 * ones (`projects/P/global/backendServices/N`, `global/backendBuckets/N`); the portal compares and
 * shows them by kind and name.
 */

/** Kinds of a URL map target. */
export type BackendKind = 'backendService' | 'backendBucket';

/** A backend a URL map points at. */
export interface BackendRef {
  kind: BackendKind;
  /** Short name, e.g. `gryd-be-service`. */
  name: string;
  /** Project id when the reference names one, else null (same project as the URL map). */
  projectId: string | null;
}

const REF_PATTERN =
  /(?:^|\/)(?:projects\/([^/]+)\/)?global\/(backendServices|backendBuckets)\/([^/?#]+)$/;

/** Parses a backend reference of any accepted form; null when it is not one. */
export function parseBackendRef(
  ref: string | null | undefined,
): BackendRef | null {
  if (!ref) return null;
  const m = REF_PATTERN.exec(ref.trim());
  if (!m) return null;
  return {
    kind: m[2] === 'backendBuckets' ? 'backendBucket' : 'backendService',
    name: m[3]!,
    projectId: m[1] ?? null,
  };
}

/** The canonical full URL compute stores for a backend of `projectId`. */
export function backendRefUrl(
  projectId: string,
  kind: BackendKind,
  name: string,
): string {
  const collection =
    kind === 'backendBucket' ? 'backendBuckets' : 'backendServices';
  return `https://www.googleapis.com/compute/v1/projects/${projectId}/global/${collection}/${name}`;
}

/** A stable key "backendService/NAME" for comparing references of different forms. */
export function backendRefKey(ref: string | null | undefined): string | null {
  const parsed = parseBackendRef(ref);
  return parsed ? `${parsed.kind}/${parsed.name}` : ref ?? null;
}
