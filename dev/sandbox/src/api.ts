import type protobuf from 'protobufjs';
import type { SandboxClock, SandboxWorld } from './world';

/** A decoded HTTP request as the API handlers see it. */
export interface SandboxRequest {
  /** HTTP method, upper case. */
  method: string;
  /** URL path without query, e.g. `/v2/projects/p/locations/l/services`. */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body, or undefined when the request had none. */
  body: unknown;
  /** The response field mask (`X-Goog-FieldMask` header or `$fields`/`fields` parameter), if any. */
  fieldMask?: string;
}

/** What a handler answers: an HTTP status and a JSON body. Errors are thrown as GoogleApiError. */
export interface SandboxResponse {
  status: number;
  body: unknown;
  /** Monitoring points in the answer (`timeSeries.list`), summed per method by `GET /_sandbox/activity`. */
  points?: number;
}

/** A matched route: the counter/fault key of the method and its handler. */
export interface SandboxRoute {
  /** Method key, e.g. `run.services.list`, `monitoring.timeSeries.list`; used by counters and faults. */
  method: string;
  handle(): SandboxResponse | Promise<SandboxResponse>;
  /**
   * The proto message of a successful answer, when known: a response field mask naming a field it
   * does not have is then 400 INVALID_ARGUMENT before the handler runs (fieldMask/).
   */
  responseType?: () => protobuf.Type;
}

/** One emulated Google API. `match` returns null when the request is not for this API. */
export interface SandboxApi {
  /** Short API name used in fault rules, e.g. `run`, `monitoring`. */
  name: string;
  match(request: SandboxRequest): SandboxRoute | null;
}

/** What every API handler factory receives. */
export interface SandboxApiDeps {
  world: SandboxWorld;
  clock: SandboxClock;
}
