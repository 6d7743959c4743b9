import type { Request, Response } from 'express';
import type { PageBody } from '../readModel/PageBodies';

/**
 * Sends a page served from the read model: its kept UTF-8 JSON bytes with its entity tag, or 304 Not
 * Modified when the viewer's copy (`If-None-Match`) is current. `no-cache` makes browsers ask again
 * every time (with the tag), so a viewer never shows an old page without the server's say.
 */
export function sendPage(req: Request, res: Response, body: PageBody): void {
  res.set('ETag', body.etag);
  res.set('Cache-Control', 'no-cache');
  if (matchesCopy(req.get('if-none-match'), body.etag)) {
    res.status(304).end();
    return;
  }
  // The kept bytes as they are: no encoding of the text per request (PageBodies).
  res.set('Content-Type', 'application/json; charset=utf-8').send(body.bytes);
}

/**
 * Whether `If-None-Match` names `etag` (weak comparison, RFC 9110 §13.1.2). Evaluated here rather
 * than by express's `req.fresh`, which ignores the condition when the request also says
 * `Cache-Control: no-cache` — what fetch adds to every request with its own `If-None-Match`.
 */
function matchesCopy(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some(tag => opaque(tag) === opaque(etag));
}
