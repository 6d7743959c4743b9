/**
 * Compute's global operations (`compute#operation`). A mutation's effect is committed when it is
 * accepted (the traffic model routes by it from that moment); the operation reports RUNNING until
 * `delayMs` of REAL time has passed, then DONE, like the Run operations (real time, so tests that jump
 * the sandbox clock do not finish operations by accident). The client library never polls these:
 * callers loop `globalOperations.wait` until `status === 'DONE'` (docs/google-apis.md §1).
 */
import { randomBytes } from 'node:crypto';
import { computeTimestamp, selfLink } from './computeResourceKit';
import type { ComputeJson } from './computeTypes';

interface StoredOperation {
  projectId: string;
  json: ComputeJson;
  startedRealMs: number;
  done: boolean;
}

/** Longest a `wait` call blocks, ms (compute's wait returns after about 2 minutes at most). */
export const MAX_WAIT_MS = 120_000;

/** What a mutation tells the store about itself. */
export interface OperationStart {
  projectId: string;
  /** `insert`, `patch`, `update`, `invalidateCache`. */
  operationType: string;
  /** Self link of the resource changed. */
  targetLink: string;
  /** Numeric id of that resource. */
  targetId: string;
  /** Sandbox time of the request, epoch ms. */
  now: number;
}

export class ComputeOperationStore {
  private readonly operations = new Map<string, StoredOperation>();
  private counter = 0n;
  private readonly delayMs: number;
  private readonly realNow: () => number;

  constructor(delayMs: number, realNow: () => number = Date.now) {
    this.delayMs = delayMs;
    this.realNow = realNow;
  }

  /** Records a started operation and returns its JSON (RUNNING, or DONE when the delay is 0). */
  start(start: OperationStart): ComputeJson {
    this.counter += 1n;
    const name = `operation-${start.now}-${randomBytes(6).toString(
      'hex',
    )}-${randomBytes(4).toString('hex')}`;
    const at = computeTimestamp(start.now);
    const json: ComputeJson = {
      kind: 'compute#operation',
      id: (7_000_000_000_000_000_000n + this.counter).toString(),
      name,
      operationType: start.operationType,
      targetLink: start.targetLink,
      targetId: start.targetId,
      status: 'RUNNING',
      user: 'sandbox-user@example.com',
      progress: 0,
      insertTime: at,
      startTime: at,
      selfLink: selfLink(
        `projects/${start.projectId}/global/operations/${name}`,
      ),
    };
    const op: StoredOperation = {
      projectId: start.projectId,
      json,
      startedRealMs: this.realNow(),
      done: false,
    };
    this.operations.set(name, op);
    this.settleOne(op);
    return structuredClone(op.json);
  }

  /** The operation of `projectId` named `name`, settled first; undefined when unknown. */
  get(projectId: string, name: string): ComputeJson | undefined {
    const op = this.operations.get(name);
    if (!op || op.projectId !== projectId) return undefined;
    this.settleOne(op);
    return structuredClone(op.json);
  }

  /** Real ms until the operation is done (0 when done or unknown). */
  remainingMs(projectId: string, name: string): number {
    const op = this.operations.get(name);
    if (!op || op.projectId !== projectId || op.done) return 0;
    return Math.max(0, this.delayMs - (this.realNow() - op.startedRealMs));
  }

  /** Forgets every operation (sandbox reset). */
  clear(): void {
    this.operations.clear();
  }

  private settleOne(op: StoredOperation): void {
    if (op.done || this.realNow() - op.startedRealMs < this.delayMs) return;
    op.done = true;
    op.json = {
      ...op.json,
      status: 'DONE',
      progress: 100,
      endTime: computeTimestamp(
        Date.parse(String(op.json['startTime']).replace('+00:00', 'Z')) +
          this.delayMs,
      ),
    };
  }
}
