import path from 'node:path';
import express from 'express';
import expressStaticGzip from 'express-static-gzip';

/**
 * Encodings in the server's order of preference when a browser accepts several: brotli is smaller
 * than gzip on the same file (precompress.ts writes both at build time).
 */
const ENCODINGS = { enableBrotli: true, orderPreference: ['br', 'gzip'] };

/** The API's mount point: never a file of the build, never the single-page app's index.html. */
const API_PREFIX = '/api/';

/** The handlers of a production build (`npm start`), mounted on both sides of the API (startPortal.ts). */
export interface WebBuildHandlers {
  /** The build's files: hashed assets and index.html. Mount before the API, so a file never waits behind it. */
  files: express.RequestHandler[];
  /** Any other GET path is the single-page app's: index.html. Mount after the API, whose paths come first. */
  appRoutes: express.RequestHandler;
}

/**
 * Serves a production build of the web app (`npm start`): every file in its precompressed
 * form (`.br` or `.gz`, written by precompress.ts) when the request's `Accept-Encoding` allows,
 * with `Content-Encoding` and `Vary: Accept-Encoding`, else plain. Vite names each file under
 * `assets/` by its content hash, so a browser may keep those for good (`immutable`, a year);
 * index.html, which names the current ones, is revalidated on every load (`no-cache`, with an ETag)
 * so a rebuild shows at once.
 *
 * The files are listed once, here: a new build needs a new portal (`npm start` builds before it serves).
 */
export function webBuildHandlers(dist: string): WebBuildHandlers {
  const assets = express.Router();
  assets.use(
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
  const rootFiles: express.RequestHandler = (req, res, next) =>
    req.path.startsWith(API_PREFIX) ? next() : revalidated(req, res, next);
  const appRoutes: express.RequestHandler = (req, res, next) => {
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      req.path.startsWith(API_PREFIX)
    )
      return next();
    // The app's own routes (/projects/…, /costs) are index.html; its router reads the address.
    req.url = '/index.html';
    revalidated(req, res, next);
  };
  return { files: [assets, rootFiles], appRoutes };
}
