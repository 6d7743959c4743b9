import type { Request, RequestHandler } from 'express';
import {
  InputError,
  MethodNotAllowedError,
  NotAllowedError,
  UnsupportedMediaTypeError,
} from '@gcp-serverless/common';

/** Methods the API serves; anything else is a 405 before routing. */
const SERVED_METHODS = new Set(['GET', 'HEAD', 'POST']);

/** Methods that change something (or ask Google to validate a change). */
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Checks the form of every request before routing, so that hostile or malformed requests get a
 * clear 4xx and never reach a handler, a body parser that would fail with a 500, or Google:
 * - a method the API does not serve → 405;
 * - a query key given twice (`?window=1h&window=6h`) → 400: which one counts would be a guess;
 * - a mutation whose body is not `application/json` in UTF-8, or has any Content-Encoding → 415.
 *   Only JSON bodies are accepted because browsers send `text/plain` and form bodies cross-site
 *   without a preflight ("simple" requests); a JSON body forces one;
 * - standalone (`sameOriginMutations`), a mutation from another site (`Sec-Fetch-Site: cross-site`
 *   or `same-site`, or an `Origin` whose host is not this one) → 403: cookies and IAP headers ride
 *   along with cross-site requests, so the origin is checked as well (docs/api.md, "Cross-site requests").
 */
export function requestHygiene(options: {
  sameOriginMutations: boolean;
}): RequestHandler {
  return (req, _res, next) => {
    try {
      checkRequest(req, options);
      next();
    } catch (err) {
      next(err);
    }
  };
}

function checkRequest(
  req: Request,
  options: { sameOriginMutations: boolean },
): void {
  if (!SERVED_METHODS.has(req.method))
    throw new MethodNotAllowedError(
      `Method ${req.method} is not served; use GET for reads and POST for changes`,
    );
  const duplicate = duplicateQueryKey(req.originalUrl);
  if (duplicate !== undefined) {
    throw new InputError(
      `Query parameter ${duplicate} is given more than once`,
      [{ path: duplicate, message: 'give it once' }],
    );
  }
  if (!MUTATING.has(req.method)) return;
  if (options.sameOriginMutations) checkSameOrigin(req);
  const type = req.headers['content-type'];
  if (!type || !req.is('application/json')) {
    throw new UnsupportedMediaTypeError(
      `Changes take a JSON body: send Content-Type: application/json${
        type ? ` (got ${String(type).slice(0, 60)})` : ''
      }`,
    );
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(String(type))?.[1];
  if (charset && !/^utf-?8$/i.test(charset))
    throw new UnsupportedMediaTypeError(
      `Unsupported charset ${charset.slice(0, 40)}: send UTF-8 JSON`,
    );
  const encoding = req.headers['content-encoding'];
  if (encoding && String(encoding).trim().toLowerCase() !== 'identity') {
    throw new UnsupportedMediaTypeError(
      `Unsupported Content-Encoding ${String(encoding).slice(
        0,
        40,
      )}: send the JSON body uncompressed`,
    );
  }
}

/** The first query key that occurs twice (after percent-decoding), if any. */
function duplicateQueryKey(url: string): string | undefined {
  const q = url.indexOf('?');
  if (q < 0) return undefined;
  const seen = new Set<string>();
  for (const part of url.slice(q + 1).split('&')) {
    if (!part) continue;
    const raw = part.split('=')[0]!.replace(/\+/g, ' ');
    let key: string;
    try {
      key = decodeURIComponent(raw);
    } catch {
      key = raw;
    }
    // `a[]=1&a[]=2` or `a[x]=1` would make arrays or objects out of one name.
    const base = key.replace(/\[.*$/, '');
    if (seen.has(base)) return base.slice(0, 60);
    seen.add(base);
  }
  return undefined;
}

function checkSameOrigin(req: Request): void {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new NotAllowedError(
      `Cross-site change refused (Sec-Fetch-Site: ${String(site).slice(
        0,
        20,
      )}): changes must come from the portal itself`,
    );
  }
  const origin = req.headers.origin;
  if (origin === undefined) return;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  if (!host || host !== req.headers.host)
    throw new NotAllowedError(
      'Cross-site change refused: the Origin is not this portal',
    );
}
