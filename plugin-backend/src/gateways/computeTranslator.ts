import {
  settingsFingerprint,
  type BackendBucketView,
  type BackendGroupView,
  type BackendServiceView,
  type CdnPolicyView,
  type UrlMapSpec,
  type UrlMapView,
} from '@gcp-serverless/common';
import { isUnset } from './protoValues';

/**
 * Compute v1 objects → the portal's domain types. Compute results are protobuf messages; a JSON
 * round trip (`toPlainJson`) turns them into compute's own JSON (enums are strings in compute's
 * protos, uint64 become strings), so the URL map keeps exactly compute's shape for resolveRoute.
 */
export type ComputeJson = Record<string, any>;

/**
 * The compute JSON of a client result (protobuf message → plain object). protobufjs also emits the
 * synthetic oneof of every proto3 `optional` field (`_stripQuery: "stripQuery"`); those keys are
 * dropped, since compute's JSON has no such fields.
 */
export function toPlainJson(message: unknown): ComputeJson {
  return isUnset(message)
    ? {}
    : (withoutSyntheticOneofs(
        JSON.parse(JSON.stringify(message)),
      ) as ComputeJson);
}

function withoutSyntheticOneofs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSyntheticOneofs);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !k.startsWith('_'))
        .map(([k, v]) => [k, withoutSyntheticOneofs(v)]),
    );
  }
  return value;
}

const consoleBase =
  'https://console.cloud.google.com/net-services/loadbalancing';

/** A NEG seen through its serverless Cloud Run target. */
export interface NegView {
  name: string;
  /** Region of a regional NEG, null for a global one. */
  region: string | null;
  selfLink: string;
  networkEndpointType: string;
  cloudRunService: string | null;
}

export function toNegView(raw: ComputeJson): NegView {
  const region =
    typeof raw.region === 'string' ? raw.region.split('/').pop() ?? null : null;
  return {
    name: String(raw.name ?? ''),
    region,
    selfLink: String(raw.selfLink ?? ''),
    networkEndpointType: String(raw.networkEndpointType ?? ''),
    cloudRunService: raw.cloudRun?.service
      ? String(raw.cloudRun.service)
      : null,
  };
}

/** `projects/P/regions/R/networkEndpointGroups/N` (any URL form) → region and name. */
export function negRefOf(
  group: string,
): { region: string | null; name: string } | null {
  const m =
    /(?:regions\/([^/]+)|global)\/networkEndpointGroups\/([^/?#]+)$/.exec(
      group,
    );
  return m ? { region: m[1] ?? null, name: m[2]! } : null;
}

export function toCdnPolicyView(
  raw: ComputeJson | undefined | null,
): CdnPolicyView | null {
  if (!raw) return null;
  const num = (v: unknown) =>
    v === undefined || v === null ? null : Number(v);
  return {
    cacheMode: String(raw.cacheMode ?? 'CACHE_ALL_STATIC'),
    defaultTtl: num(raw.defaultTtl),
    maxTtl: num(raw.maxTtl),
    clientTtl: num(raw.clientTtl),
    negativeCaching: raw.negativeCaching === true,
    serveWhileStale: num(raw.serveWhileStale),
  };
}

export function toBackendServiceView(
  raw: ComputeJson,
  projectId: string,
  negs: NegView[],
): BackendServiceView {
  const name = String(raw.name ?? '');
  const backends: BackendGroupView[] = (
    (raw.backends ?? []) as ComputeJson[]
  ).map(b => {
    const group = String(b.group ?? '');
    const ref = negRefOf(group);
    const neg = ref
      ? negs.find(n => n.name === ref.name && n.region === ref.region)
      : undefined;
    return {
      group,
      neg: ref?.name ?? null,
      region: ref?.region ?? null,
      cloudRunService: neg?.cloudRunService ?? null,
      negType: neg?.networkEndpointType ?? null,
    };
  });
  return {
    name,
    selfLink: String(raw.selfLink ?? ''),
    description: String(raw.description ?? ''),
    protocol: String(raw.protocol ?? 'HTTP'),
    loadBalancingScheme: String(raw.loadBalancingScheme ?? 'EXTERNAL'),
    timeoutSec: Number(raw.timeoutSec ?? 30),
    enableCdn: raw.enableCDN === true,
    cdnPolicy: toCdnPolicyView(raw.cdnPolicy),
    fingerprint: String(raw.fingerprint ?? ''),
    backends,
    consoleUrl: `${consoleBase}/backends/details/backendService/${name}?project=${projectId}`,
  };
}

export function toBackendBucketView(
  raw: ComputeJson,
  projectId: string,
): BackendBucketView {
  const name = String(raw.name ?? '');
  const cdnPolicy = toCdnPolicyView(raw.cdnPolicy);
  const enableCdn = raw.enableCdn === true;
  return {
    name,
    selfLink: String(raw.selfLink ?? ''),
    description: String(raw.description ?? ''),
    bucketName: String(raw.bucketName ?? ''),
    enableCdn,
    cdnPolicy,
    fingerprint: settingsFingerprint({
      enableCdn,
      cdnPolicy,
      bucketName: raw.bucketName ?? '',
    }),
    consoleUrl: `${consoleBase}/backends/details/backendBucket/${name}?project=${projectId}`,
  };
}

const ROUTING_KEYS = [
  'name',
  'description',
  'defaultService',
  'defaultUrlRedirect',
  'defaultRouteAction',
  'hostRules',
  'pathMatchers',
  'tests',
] as const;

export function toUrlMapView(raw: ComputeJson, projectId: string): UrlMapView {
  const name = String(raw.name ?? '');
  const spec: UrlMapSpec = {};
  for (const key of ROUTING_KEYS)
    if (raw[key] !== undefined) (spec as ComputeJson)[key] = raw[key];
  spec.fingerprint = raw.fingerprint ?? null;
  return {
    name,
    selfLink: String(raw.selfLink ?? ''),
    description: String(raw.description ?? ''),
    fingerprint: String(raw.fingerprint ?? ''),
    creationTimestamp: raw.creationTimestamp
      ? String(raw.creationTimestamp)
      : null,
    spec,
    consoleUrl: `${consoleBase}/details/httpAdvanced/${name}?project=${projectId}`,
  };
}
