/**
 * Compute accepts backend references as full URLs or partial paths and stores them as full URLs
 * (`https://www.googleapis.com/compute/v1/projects/P/global/backendServices/N`); the sandbox does the
 * same, so a read after a write shows what Google would show.
 */
import { isPlainObject } from '../protoJson';
import { COMPUTE_BASE_URL } from './computeResourceKit';
import type { ComputeJson } from './computeTypes';
import { parseComputeRef } from './urlMapPatterns';

/** Keys whose string value is a backend reference, wherever they appear in a UrlMap. */
const REF_KEYS = new Set(['defaultService', 'service', 'backendService']);

/** The full URL of a reference; unparseable strings are kept (the rules reject them first). */
export function canonicalRef(ref: string, projectId: string): string {
  const parsed = parseComputeRef(ref);
  if (!parsed) return ref;
  return `${COMPUTE_BASE_URL}/projects/${
    parsed.projectId ?? projectId
  }/global/${parsed.collection}/${parsed.name}`;
}

function canonicalize(
  value: unknown,
  projectId: string,
  key: string | null,
): unknown {
  if (Array.isArray(value))
    return value.map(v => canonicalize(v, projectId, null));
  if (isPlainObject(value)) {
    // Tests name the service they expect, which compute also stores as a full URL.
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, canonicalize(v, projectId, k)]),
    );
  }
  return typeof value === 'string' && key !== null && REF_KEYS.has(key)
    ? canonicalRef(value, projectId)
    : value;
}

/** A copy of `urlMap` with every backend reference as a full URL. */
export function canonicalUrlMapRefs(
  urlMap: ComputeJson,
  projectId: string,
): ComputeJson {
  return canonicalize(urlMap, projectId, null) as ComputeJson;
}
