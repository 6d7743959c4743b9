import type protobuf from 'protobufjs';
import type { SandboxRequest, SandboxResponse } from '../api';
import { checkFieldSelection } from './checkFieldSelection';
import { parseFieldSelection, type FieldSelection } from './fieldSelection';
import { projectFields } from './projectFields';

/**
 * The response field mask of a request (docs/sandbox.md, "Response field masks"), parsed and checked
 * before the handler runs, so a bad mask on a write changes nothing: undefined when the request has
 * none. Checked against `responseType` when the route declares it; a route without one projects
 * without checking names (an unknown name then just selects nothing).
 */
export function responseSelection(
  request: SandboxRequest,
  responseType: (() => protobuf.Type) | undefined,
): FieldSelection | undefined {
  if (request.fieldMask === undefined) return undefined;
  const selection = parseFieldSelection(request.fieldMask);
  if (selection.kind === 'all') return undefined;
  if (responseType) checkFieldSelection(responseType(), selection);
  return selection;
}

/** A successful answer reduced to the selected fields; other answers as they are. */
export function maskedResponse(
  response: SandboxResponse,
  selection: FieldSelection | undefined,
): SandboxResponse {
  if (!selection || response.status < 200 || response.status >= 300)
    return response;
  return { ...response, body: projectFields(response.body, selection) };
}

/**
 * The mask text a request carries: the `X-Goog-FieldMask` header, else the `$fields` or `fields` query
 * parameter (Google's system parameters, docs/google-apis.md).
 */
export function fieldMaskOf(
  header: string | string[] | undefined,
  query: URLSearchParams,
): string | undefined {
  const fromHeader = Array.isArray(header) ? header.join(',') : header;
  return fromHeader ?? query.get('$fields') ?? query.get('fields') ?? undefined;
}
