import { AsyncLocalStorage } from 'node:async_hooks';
import type { Request } from 'express';

const scope = new AsyncLocalStorage<Request>();

/**
 * Runs the rest of a request's handling with `req` as the current request. The read guard does so
 * once the identity is established, so everything the handlers await (down to the audit log) runs
 * inside it, while the services keep their plain signatures.
 */
export function runInRequestScope(req: Request, fn: () => void): void {
  scope.run(req, fn);
}

/**
 * The request being handled, if any. The Backstage auditor needs it to name the caller as the
 * event's actor; without it the auditor names the plugin itself (as for background work).
 */
export function currentRequest(): Request | undefined {
  return scope.getStore();
}
