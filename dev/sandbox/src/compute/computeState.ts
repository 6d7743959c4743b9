/**
 * Creating a project's compute state and recording each committed change in its history, so the
 * traffic model can route a minute with the resources in force at its start (an edit shows in later
 * points only, like Cloud Run edits).
 */
import type {
  ComputeCollections,
  ComputeJson,
  ComputeSnapshot,
  SandboxComputeState,
  SandboxLoadBalancer,
} from './computeTypes';

/** Deep-frozen copies of the collections: snapshots are shared and must never change. */
function freezeCollections(
  collections: ComputeCollections,
): Readonly<ComputeCollections> {
  const copy = (map: Map<string, ComputeJson>) =>
    new Map([...map].map(([k, v]) => [k, deepFreeze(structuredClone(v))]));
  return Object.freeze({
    urlMaps: copy(collections.urlMaps),
    backendServices: copy(collections.backendServices),
    backendBuckets: copy(collections.backendBuckets),
    networkEndpointGroups: copy(collections.networkEndpointGroups),
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value as object)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * A compute state whose history starts at `effectiveFrom` with the given resources.
 * @param firstId first numeric id handed to resources created later (scenario ids come before it).
 */
export function createComputeState(
  collections: ComputeCollections,
  loadBalancers: SandboxLoadBalancer[],
  effectiveFrom: number,
  firstId = 1_000_000_000_000_000_000n,
): SandboxComputeState {
  return {
    ...collections,
    loadBalancers,
    history: [{ effectiveFrom, collections: freezeCollections(collections) }],
    nextId: firstId,
  };
}

/** Records the current collections as in force from `now` (call after every committed write). */
export function recordComputeChange(
  compute: SandboxComputeState,
  now: number,
): void {
  compute.history.push({
    effectiveFrom: now,
    collections: freezeCollections(compute),
  });
}

/** The snapshot in force at `epochMs` (the first one before all). */
export function computeSnapshotAt(
  compute: SandboxComputeState,
  epochMs: number,
): ComputeSnapshot {
  let current = compute.history[0]!;
  for (const snapshot of compute.history) {
    if (snapshot.effectiveFrom <= epochMs) current = snapshot;
    else break;
  }
  return current;
}
