import { AsyncLocalStorage } from 'node:async_hooks';
import {
  isMainThread,
  parentPort,
  threadId,
  workerData,
  type MessagePort,
} from 'node:worker_threads';
import { withComputationReadDeadline } from '../../gateways/computationReadDeadline';
import { credentialsFromConfig } from '../../gateways/credentials/GoogleCredentials';
import { callsStartedSoFar, withReadsFrom } from '../../gateways/InFlightReads';
import { collectLazyClients } from '../../gateways/lazyClient';
import type { PluginLogger } from '../../services/AuditLog';
import { ProjectAccess } from '../../services/ProjectAccess';
import { createPageReads } from '../../wiring/createPageReads';
import { COMPUTE_METHODS } from './ComputeSources';
import {
  COMPUTE_THREAD_MARKER,
  crossError,
  type ComputeCall,
  type ComputeThreadData,
  type FromComputeThread,
  type ToComputeThread,
} from './computeProtocol';

/**
 * This module's file name without its extension: the main thread finds the module it runs as
 * the computation thread beside its own, with its own extension (ComputeThread.ts).
 */
export const READ_MODEL_WORKER_MODULE = 'readModelWorker';

/**
 * Serves the read model's computations in this thread (docs/architecture.md, "The read model"):
 * builds the pages' gateways and services from the config exactly as the plugin's wiring does
 * (createPageReads), builds their Google clients, then says it is ready and answers each call with
 * its plain result or its error. The clients are built before `ready` because loading them is
 * most of a second (`@google-cloud/compute`'s protos, docs/performance.md): a page asked of a ready
 * thread waits only for its reads.
 */
export function serveComputations(
  port: MessagePort,
  data: ComputeThreadData,
): void {
  const send = (message: FromComputeThread) => port.postMessage(message);
  // Each call runs on the main thread's clock (maybe the sandbox's): real time plus the offset it
  // sent. Calls in flight together keep their own offsets.
  const clockOffset = new AsyncLocalStorage<number>();
  let lastOffset = 0;
  const now = () => Date.now() + (clockOffset.getStore() ?? lastOffset);
  const log =
    (level: 'info' | 'warn' | 'error') =>
    (message: string, meta?: Record<string, unknown>) =>
      send({
        type: 'log',
        level,
        message,
        ...(meta ? { meta: JSON.parse(JSON.stringify(meta)) } : {}),
      });
  const logger: PluginLogger = {
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
  };
  const { config } = data;
  const credentials = credentialsFromConfig(config);
  const startedMs = performance.now();
  const pageReads = collectLazyClients(() =>
    createPageReads({
      config,
      credentials,
      access: new ProjectAccess(config),
      logger,
      now,
    }),
  );
  const { sources } = pageReads.value;

  // The floor of each refresh after an apply (by its key, ComputeCall.fresh): the calls started before this
  // thread first heard of it. Its pages, asked one message each, share reads started after that, so
  // a project's refresh still lists its services once; they never join a read older than the write.
  const refreshFloors = new Map<string, number>();
  const refreshFloor = (refresh: string): number => {
    let floor = refreshFloors.get(refresh);
    if (floor === undefined) {
      floor = callsStartedSoFar();
      refreshFloors.set(refresh, floor);
      // A few recent refreshes are enough: a later message of an old one only starts its own reads.
      if (refreshFloors.size > 64)
        refreshFloors.delete(refreshFloors.keys().next().value!);
    }
    return floor;
  };

  const run = (call: ComputeCall): Promise<unknown> => {
    const methods = COMPUTE_METHODS[call.source] as
      | ReadonlyArray<string>
      | undefined;
    if (!methods?.includes(call.method))
      return Promise.reject(
        new Error(`no computation ${call.source}.${call.method}`),
      );
    const source = sources[call.source] as unknown as Record<
      string,
      (...args: unknown[]) => Promise<unknown>
    >;
    const read = () => source[call.method]!(...call.args);
    const fresh =
      call.fresh === undefined
        ? read
        : () => withReadsFrom(refreshFloor(call.fresh!), read);
    const bounded =
      call.deadlineMs === undefined
        ? fresh
        : () => withComputationReadDeadline(call.deadlineMs!, fresh);
    return clockOffset.run(call.nowMs - Date.now(), bounded);
  };

  port.on('message', (message: ToComputeThread) => {
    lastOffset = message.nowMs - Date.now();
    run(message).then(
      value => {
        try {
          send({ type: 'result', id: message.id, value });
        } catch (err) {
          // An answer structured clone cannot copy: a bug, reported as the call's failure.
          send({ type: 'error', id: message.id, error: crossError(err) });
        }
      },
      err => {
        send({ type: 'error', id: message.id, error: crossError(err) });
      },
    );
  });
  // Stubs only with credentials that need no loading (the sandbox's key): against Google, starting
  // one looks for Application Default Credentials, which the first call does after `ready()`.
  void pageReads
    .buildAll({ startStubs: credentials.alwaysReady })
    .then(({ built, failed }) => {
      logger.info(
        `gcp-serverless: the read model's computation thread built ${built} Google clients in ${Math.round(
          performance.now() - startedMs,
        )} ms`,
        failed.length > 0 ? { failed } : undefined,
      );
      send({ type: 'ready', threadId });
    });
}

const data = workerData as Partial<ComputeThreadData> | null | undefined;
if (!isMainThread && parentPort && data?.[COMPUTE_THREAD_MARKER] === true) {
  serveComputations(parentPort, data as ComputeThreadData);
}
