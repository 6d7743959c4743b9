/**
 * Message types of Compute Engine v1 from the protos shipped in `@google-cloud/compute` (an 11 MB
 * descriptor: loaded on the first compute request, about a second, then cached for the process).
 * Compute's protos mark no field OUTPUT_ONLY and declare enums as `string` fields, so the sandbox
 * lists output-only fields itself and checks enum names in its own rules.
 */
import type protobuf from 'protobufjs';
import { loadClientProtoRoot, messageType } from '../protoJson';

/** The compute v1 messages the sandbox reads in request bodies. */
export interface ComputeTypes {
  urlMap: protobuf.Type;
  backendService: protobuf.Type;
  backendBucket: protobuf.Type;
  networkEndpointGroup: protobuf.Type;
  urlMapsValidateRequest: protobuf.Type;
}

let cached: ComputeTypes | undefined;

/** The compute message types, loaded once. */
export function computeTypes(): ComputeTypes {
  if (cached) return cached;
  const root = loadClientProtoRoot('@google-cloud/compute');
  const type = (name: string) =>
    messageType(root, `google.cloud.compute.v1.${name}`);
  cached = {
    urlMap: type('UrlMap'),
    backendService: type('BackendService'),
    backendBucket: type('BackendBucket'),
    networkEndpointGroup: type('NetworkEndpointGroup'),
    urlMapsValidateRequest: type('UrlMapsValidateRequest'),
  };
  return cached;
}

/** Top-level fields compute sets itself and ignores in requests (documented `[Output Only]`). */
export const OUTPUT_ONLY_FIELDS: readonly string[] = [
  'id',
  'kind',
  'selfLink',
  'creationTimestamp',
  'region',
  'usedBy',
];

/** A request body without its output-only top-level fields. */
export function withoutOutputOnly(
  body: Record<string, unknown>,
): Record<string, unknown> {
  const copy = { ...body };
  for (const field of OUTPUT_ONLY_FIELDS) delete copy[field];
  return copy;
}
