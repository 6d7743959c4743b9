import { randomUUID } from 'node:crypto';

/** `@type` of the Service carried by Run v2 operations (metadata and response), docs/google-apis.md §1. */
export const SERVICE_TYPE_URL =
  'type.googleapis.com/google.cloud.run.v2.Service';

/** A google.longrunning.Operation as Run v2 answers it (camelCase JSON). */
export interface OperationJson {
  name: string;
  done: boolean;
  metadata: Record<string, unknown>;
  response?: Record<string, unknown>;
}

interface StoredOperation {
  name: string;
  startedRealMs: number;
  metadata: Record<string, unknown>;
  /** Builds the final response once; runs the side effects of completion (e.g. reconciling → false). */
  complete: () => Record<string, unknown>;
  response?: Record<string, unknown>;
}

/**
 * Run v2 long-running operations. An operation stays `done: false` until `delayMs` of REAL time has
 * passed (not sandbox time: the client polls on wall-clock backoff, and tests that jump the sandbox
 * clock must not finish operations by accident). Completion is lazy: `settle()` runs at every request.
 */
export class OperationStore {
  private readonly operations = new Map<string, StoredOperation>();
  private readonly delayMs: number;
  private readonly realNow: () => number;

  constructor(delayMs: number, realNow: () => number = Date.now) {
    this.delayMs = delayMs;
    this.realNow = realNow;
  }

  /**
   * Starts an operation in `projects/P/locations/L`.
   * @param metadata the Service at the start (becomes `metadata` with its `@type`).
   * @param complete called once when the operation finishes; returns the final Service.
   * @param immediate finish at once (validateOnly: nothing to roll out).
   */
  start(
    parent: string,
    metadata: Record<string, unknown>,
    complete: () => Record<string, unknown>,
    immediate = false,
  ): OperationJson {
    const name = `${parent}/operations/${randomUUID()}`;
    const op: StoredOperation = {
      name,
      startedRealMs: this.realNow(),
      metadata: { '@type': SERVICE_TYPE_URL, ...metadata },
      complete,
    };
    this.operations.set(name, op);
    if (immediate || this.delayMs <= 0) this.finish(op);
    return this.toJson(op);
  }

  /** The operation by full name, finished first if its time has come; undefined if unknown. */
  get(name: string): OperationJson | undefined {
    this.settle();
    const op = this.operations.get(name);
    return op && this.toJson(op);
  }

  /** Finishes every operation whose delay has passed. */
  settle(): void {
    const now = this.realNow();
    for (const op of this.operations.values()) {
      if (!op.response && now - op.startedRealMs >= this.delayMs)
        this.finish(op);
    }
  }

  /** Forgets every operation (sandbox reset). */
  clear(): void {
    this.operations.clear();
  }

  private finish(op: StoredOperation): void {
    op.response = { '@type': SERVICE_TYPE_URL, ...op.complete() };
  }

  private toJson(op: StoredOperation): OperationJson {
    return op.response
      ? {
          name: op.name,
          done: true,
          metadata: op.metadata,
          response: op.response,
        }
      : { name: op.name, done: false, metadata: op.metadata };
  }
}
