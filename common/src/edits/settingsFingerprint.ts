/**
 * A short stable fingerprint of plain settings (numbers, strings, booleans, nested objects), for
 * resources without an etag (Cloud Tasks queues, Redis v1 instances): preview returns it, apply
 * re-reads the resource and refuses with 409 when the fingerprint moved. Key order does not matter.
 * FNV-1a over canonical JSON: not cryptographic, only a change detector.
 */
export function settingsFingerprint(value: unknown): string {
  const text = canonicalJson(value);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `fp-${hash.toString(16).padStart(8, '0')}-${text.length.toString(16)}`;
}

/** Plain UTF-16 order, the same in every locale (unlike `localeCompare`), so fingerprints agree everywhere. */
function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => compareCodeUnits(a, b));
    return `{${entries
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
