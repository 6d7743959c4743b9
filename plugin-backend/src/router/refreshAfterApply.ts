import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { isReadOnlyPost, ruleForRoute } from '../access/routePermissions';
import type { EditTouched } from '../readModel/editedPages';

/**
 * Router-level middleware: when a change route (apply, pause, resume, purge, …; not a preview)
 * answers 2xx, the pages it touched are recomputed before the answer leaves, so the editor — and
 * every replica reading the shared snapshots — sees the edit at once. It holds `res.json` until
 * `refreshAfterEdit` settles; a failed refresh is logged by the refresher, never fails the apply.
 */
export function refreshAfterApply(
  refreshAfterEdit: (touched: EditTouched) => Promise<void>,
): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST') {
      next();
      return;
    }
    const json = res.json.bind(res);
    res.json = ((body: unknown) => {
      const routePath: string | undefined = req.route?.path;
      const rule = routePath ? ruleForRoute(routePath) : undefined;
      const isChange =
        rule &&
        routePath &&
        !routePath.endsWith('/preview') &&
        !isReadOnlyPost('post', routePath);
      if (!isChange || res.statusCode >= 300) return json(body);
      const projectId =
        typeof req.params.projectId === 'string' ? req.params.projectId : null;
      refreshAfterEdit({ kind: rule.kind, projectId }).then(
        () => json(body),
        () => json(body),
      );
      return res;
    }) as Response['json'];
    next();
  };
}
