import type { GlobalOperationsClient } from '@google-cloud/compute';
import { InputError, UpstreamError } from '@gcp-serverless/common';
import { callOptions } from './callSettings';
import { pollOperation } from './operationPolling';
import { toPlainJson } from './computeTranslator';

/**
 * The name of the compute operation a mutation started. The client's LROperation carries the
 * numeric id in `name`; the real operation name is in `latestResponse.name` (docs/google-apis.md §1).
 */
export function computeOperationName(started: unknown): string {
  const op = started as {
    latestResponse?: { name?: string | null } | null;
    name?: string | null;
  } | null;
  return String(op?.latestResponse?.name ?? op?.name ?? '');
}

/**
 * Waits for a global compute operation: compute's library never polls, so we loop
 * `globalOperations.wait` (which itself returns after at most ~2 minutes, or when DONE) until the
 * status is DONE, retrying transient errors of the wait itself, bounded by our own deadline; past it
 * the operation is OperationPendingError (submitted, not confirmed). An operation that ends with
 * `error` becomes an InputError for invalid-value errors, else an UpstreamError.
 */
export async function waitForGlobalOperation(
  client: GlobalOperationsClient,
  project: string,
  operation: string,
  deadlineMs: number,
  what: string,
  pollMs = deadlineMs,
): Promise<void> {
  await pollOperation(
    async () => {
      const [op] = await client.wait(
        { project, operation },
        callOptions(pollMs),
      );
      const plain = toPlainJson(op);
      if (plain.status !== 'DONE') return { done: false };
      const errors = (plain.error?.errors ?? []) as {
        code?: string;
        message?: string;
      }[];
      if (errors.length === 0) return { done: true };
      const message = `${what}: operation ${operation} failed: ${errors
        .map(e => e.message ?? e.code)
        .join('; ')}`;
      return {
        done: true,
        error: errors.some(e => /INVALID|BAD_REQUEST/i.test(e.code ?? ''))
          ? new InputError(message)
          : new UpstreamError(message),
      };
    },
    { operation, deadlineMs, pollMs, what },
  );
}
