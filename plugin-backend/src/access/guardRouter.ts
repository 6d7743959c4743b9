import type {
  NextFunction,
  Request,
  RequestHandler,
  Response,
  Router,
} from 'express';
import { NotAllowedError } from '@gcp-serverless/common';
import {
  isApprovalRoute,
  isReadOnlyPost,
  MUTATION_METHODS,
  resourceOfRequest,
  ruleForRoute,
} from './routePermissions';
import { runInRequestScope } from './currentRequest';
import {
  identityOf,
  rememberIdentity,
  type RequestAuthorizer,
} from './RequestAuthorizer';

/**
 * Router-level middleware: establishes the identity of every request and requires the read
 * permission for all of them (health excepted, it is registered before this runs). The handlers
 * then run in the request's scope (`currentRequest`), so the Backstage auditor names the caller.
 */
export function readGuard(authorizer: RequestAuthorizer): RequestHandler {
  return (req, _res, next) => {
    authorizer
      .identify(req)
      .then(async identity => {
        rememberIdentity(req, identity);
        await authorizer.authorizeRead(identity);
      })
      .then(() => runInRequestScope(req, () => next()), next);
  };
}

/** Per-route middleware of a mutation route: the update permission of the route's kind of change, before anything else. */
function changeGuard(
  authorizer: RequestAuthorizer,
  method: string,
  routePath: string,
): RequestHandler {
  const rule = ruleForRoute(routePath);
  const readOnly = isReadOnlyPost(method, routePath);
  const approval = isApprovalRoute(method, routePath);
  return function gcpServerlessChangeGuard(
    req: Request,
    _res: Response,
    next: NextFunction,
  ) {
    if (readOnly) {
      // Changes nothing: the read permission, checked by the read guard, is all it needs.
      next();
      return;
    }
    if (approval) {
      const identity = identityOf(req);
      if (!identity) {
        next(new NotAllowedError('No identity established for this request'));
        return;
      }
      authorizer.authorizeApproval(identity).then(() => next(), next);
      return;
    }
    if (!rule) {
      // Fail closed: a mutation route nobody mapped to a permission is refused, never open.
      next(
        new NotAllowedError(
          `${method.toUpperCase()} ${routePath} has no permission mapping; refusing`,
        ),
      );
      return;
    }
    const identity = identityOf(req);
    if (!identity) {
      next(new NotAllowedError('No identity established for this request'));
      return;
    }
    authorizer
      .authorizeChange(identity, rule.kind, resourceOfRequest(rule, req.params))
      .then(() => next(), next);
  };
}

/**
 * The router as route modules see it: `post`/`put`/`patch`/`delete` registrations get the change
 * guard inserted as their first handler, so every mutation route is authorized in this one place
 * and route modules need nothing. Reads pass through unchanged (the read guard covers them).
 */
export function guardMutations(
  router: Router,
  authorizer: RequestAuthorizer,
): Router {
  const guarded = new Set<string>(MUTATION_METHODS);
  return new Proxy(router, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (
        typeof prop !== 'string' ||
        !guarded.has(prop) ||
        typeof value !== 'function'
      )
        return value;
      return (path: unknown, ...handlers: unknown[]) => {
        if (typeof path !== 'string') {
          throw new Error(
            `gcp-serverless: register ${prop} routes with a string path so they can be authorized`,
          );
        }
        return value.call(
          target,
          path,
          changeGuard(authorizer, prop, path),
          ...handlers,
        );
      };
    },
  });
}
