/**
 * Memorystore for Redis v1 long-running operations (docs/google-apis.md §1): metadata typed
 * `google.cloud.redis.v1.OperationMetadata`, response `google.cloud.redis.v1.Instance`. An operation
 * stays `done: false` for `delayMs` of REAL time (the client polls on wall-clock backoff; jumping the
 * sandbox clock must not finish it) and completes lazily when polled or at any Redis request.
 */
import { randomUUID } from 'node:crypto';

export const OPERATION_METADATA_TYPE =
  'type.googleapis.com/google.cloud.redis.v1.OperationMetadata';
export const INSTANCE_TYPE =
  'type.googleapis.com/google.cloud.redis.v1.Instance';

/** A google.longrunning.Operation as Redis v1 answers it. */
export interface RedisOperationJson {
  name: string;
  done: boolean;
  metadata: Record<string, unknown>;
  response?: Record<string, unknown>;
}

interface StoredOperation {
  name: string;
  startedRealMs: number;
  metadata: Record<string, unknown>;
  /** Runs the completion's side effects (state READY) once and returns the final Instance. */
  complete: () => Record<string, unknown>;
  response?: Record<string, unknown>;
}

export class RedisOperationStore {
  private readonly operations = new Map<string, StoredOperation>();
  private readonly delayMs: number;
  private readonly sandboxNow: () => number;
  private readonly realNow: () => number;

  constructor(
    delayMs: number,
    sandboxNow: () => number,
    realNow: () => number = Date.now,
  ) {
    this.delayMs = delayMs;
    this.sandboxNow = sandboxNow;
    this.realNow = realNow;
  }

  /**
   * Starts an operation in `parent` (`projects/P/locations/L`) on `target` (the instance name).
   * @param verb e.g. `update`.
   */
  start(
    parent: string,
    target: string,
    verb: string,
    complete: () => Record<string, unknown>,
  ): RedisOperationJson {
    // Memorystore names operations `operation-<epoch ms>-<hex>`; the exact scheme is unverified.
    const name = `${parent}/operations/operation-${this.sandboxNow()}-${randomUUID()
      .replace(/-/g, '')
      .slice(0, 13)}`;
    const metadata = {
      '@type': OPERATION_METADATA_TYPE,
      createTime: new Date(this.sandboxNow()).toISOString(),
      target,
      verb,
      cancelRequested: false,
      apiVersion: 'v1',
    };
    const op: StoredOperation = {
      name,
      startedRealMs: this.realNow(),
      metadata,
      complete,
    };
    this.operations.set(name, op);
    if (this.delayMs <= 0) this.finish(op);
    return this.toJson(op);
  }

  /** The operation by full name, finished first if its time has come; undefined if unknown. */
  get(name: string): RedisOperationJson | undefined {
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
    op.response = { '@type': INSTANCE_TYPE, ...op.complete() };
    op.metadata = {
      ...op.metadata,
      endTime: new Date(this.sandboxNow()).toISOString(),
    };
  }

  private toJson(op: StoredOperation): RedisOperationJson {
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
