import path from 'node:path';
import express from 'express';
import expressStaticGzip from 'express-static-gzip';

/**
 * Encodings in the server's order of preference when a browser accepts several: brotli is smaller
 * than gzip on the same file (precompress.ts writes both at build time).
 */
const ENCODINGS = { enableBrotli: true, orderPreference: ['br', 'gzip'] };

/**
 * Serves a production build of the web app (`npm start`) on `app`: every file in its precompressed
 * form (`.br` or `.gz`, written by precompress.ts) when the request's `Accept-Encoding` allows,
 * with `Content-Encoding` and `Vary: Accept-Encoding`, else plain. Vite names each file under
 * `assets/` by its content hash, so a browser may keep those for good (`immutable`, a year);
 * index.html, which names the current ones, is revalidated on every load (`no-cache`, with an ETag)
 * so a rebuild shows at once. Any other GET path is the single-page app's: index.html.
 *
 * The files are listed once, here: a new build needs a new portal (`npm start` builds before it serves).
 */
export function serveWebBuild(app: express.Express, dist: string): void {
  app.use(
    '/assets',
    expressStaticGzip(path.join(dist, 'assets'), {
      ...ENCODINGS,
      index: false,
      serveStatic: { immutable: true, maxAge: '365d', index: false },
    }),
    // An asset of an older build (a tab open across a rebuild) is gone: a plain 404, not the app.
    (_req: express.Request, res: express.Response) => res.sendStatus(404),
  );
  const revalidated = expressStaticGzip(dist, {
    ...ENCODINGS,
    index: false,
    serveStatic: {
      index: false,
      cacheControl: false,
      setHeaders: res => res.setHeader('Cache-Control', 'no-cache'),
    },
  });
  app.use(revalidated);
  app.get('*', (req, res, next) => {
    // The app's own routes (/projects/…, /costs) are index.html; its router reads the address.
    req.url = '/index.html';
    revalidated(req, res, next);
  });
}
