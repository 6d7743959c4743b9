/**
 * JSON merge patch (RFC 7386), the semantics of compute's PATCH methods: objects merge key by key,
 * recursively; any other value — arrays included — replaces the target's value as a whole; `null`
 * removes the key. So a PATCH carrying `pathMatchers` replaces every path matcher, and one carrying
 * `cdnPolicy: {cacheMode}` keeps the policy's other fields.
 */
import { isPlainObject } from '../protoJson';

/** The result of applying `patch` to `target`; neither argument is modified. */
export function jsonMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return structuredClone(patch);
  const result: Record<string, unknown> = isPlainObject(target)
    ? structuredClone(target)
    : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = jsonMergePatch(result[key], value);
  }
  return result;
}
