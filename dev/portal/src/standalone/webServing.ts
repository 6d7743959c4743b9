import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import { DEFAULT_TIME_WINDOW, TIME_WINDOWS } from '@gcp-serverless/common';

/** The API's mount point: never a file of the build, never the single-page app's index.html. */
const API_PREFIX = '/api/';

/** Hashed assets: a browser may keep them for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The handlers of a production build (`npm start`), mounted on both sides of the API (startPortal.ts). */
export interface WebBuildHandlers {
  /** The build's files: hashed assets and index.html. Mount before the API, so a file never waits behind it. */
  files: express.RequestHandler[];
  /** Any other GET path is the single-page app's: index.html. Mount after the API, whose paths come first. */
  appRoutes: express.RequestHandler;
}

/** One representation of a file: its bytes and their ETag. */
interface Representation {
  body: Buffer;
  etag: string;
}

/** A file of the build with the encodings precompress.ts wrote beside it. */
interface BuildFile {
  /** Extension, for `Content-Type` (express's `res.type`). */
  ext: string;
  cacheControl: string;
  plain: Representation;
  br?: Representation;
  gzip?: Representation;
}

const representation = (body: Buffer): Representation => ({
  body,
  etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
});

/**
 * Reads a build into memory: each file under its URL path, with its `.br` and `.gz` forms. Dotfiles
 * (the build stamp) are not served; nor are the compressed forms under their own names.
 */
function readBuild(dist: string): Map<string, BuildFile> {
  const files = new Map<string, BuildFile>();
  // No build (a test that needs only the API): every page is a 404.
  if (!existsSync(dist)) return files;
  const entries = readdirSync(dist, { recursive: true, withFileTypes: true });
  const names = new Set(
    entries.filter(e => e.isFile()).map(e => path.join(e.parentPath, e.name)),
  );
  for (const file of names) {
    const name = path.basename(file);
    if (name.startsWith('.') || /\.(?:br|gz)$/.test(name)) continue;
    const urlPath = `/${path.relative(dist, file).split(path.sep).join('/')}`;
    const read = (suffix: string) =>
      names.has(`${file}${suffix}`)
        ? representation(readFileSync(`${file}${suffix}`))
        : undefined;
    files.set(urlPath, {
      ext: path.extname(name),
      cacheControl: urlPath.startsWith('/assets/') ? IMMUTABLE : 'no-cache',
      plain: representation(readFileSync(file)),
      br: read('.br'),
      gzip: read('.gz'),
    });
  }
  return files;
}

/** Answers with `file` in the encoding the request accepts (brotli first: smaller than gzip on the same file). */
function send(req: express.Request, res: express.Response, file: BuildFile) {
  const encoding =
    file.br && req.acceptsEncodings('br')
      ? 'br'
      : file.gzip && req.acceptsEncodings('gzip')
      ? 'gzip'
      : undefined;
  const chosen = encoding ? file[encoding]! : file.plain;
  res.type(file.ext);
  res.setHeader('Cache-Control', file.cacheControl);
  if (file.br || file.gzip) res.vary('Accept-Encoding');
  if (encoding) res.setHeader('Content-Encoding', encoding);
  // Set before send, so express neither hashes the body again nor picks another tag; it still
  // answers 304 to a matching If-None-Match, and a HEAD without the body.
  res.setHeader('ETag', chosen.etag);
  res.send(chosen.body);
}

/**
 * Serves a production build of the web app (`npm start`) from memory: each file in its precompressed
 * form (`.br` or `.gz`, written by precompress.ts at build time) when the request's `Accept-Encoding`
 * allows, with `Content-Encoding` and `Vary: Accept-Encoding`, else plain. Vite names each file under
 * `assets/` by its content hash, so a browser may keep those for good (`immutable`, a year);
 * index.html, which names the current ones, is revalidated on every load (`no-cache`, with an ETag)
 * so a rebuild shows at once. The home page (`/`) is the copy of index.html that holds its first
 * paint for the address's time window (`index.1h.html`…, webBuild.ts), so the frame paints before the
 * script has arrived or run.
 *
 * From memory, not the disk, because of the first visit after start: the portal's thread is then busy
 * with the read model's first snapshots, and a file streamed from disk waits behind that work at each
 * of its steps (stat, open, every read), where a file in memory is written in the one turn that
 * handles its request (docs/performance.md, "Session 7, the first visit"). The build is a few MB.
 *
 * The files are read once, here: a new build needs a new portal (`npm start` builds before it serves).
 */
export function webBuildHandlers(dist: string): WebBuildHandlers {
  const files = readBuild(dist);
  const index = files.get('/index.html');
  // The home page with its first paint inside (webBuild.ts writes one per time window), else plain.
  const home = (req: express.Request) => {
    const asked = req.query.window;
    const window = (TIME_WINDOWS as readonly unknown[]).includes(asked)
      ? asked
      : DEFAULT_TIME_WINDOW;
    return files.get(`/index.${window}.html`) ?? index;
  };
  const buildFiles: express.RequestHandler = (req, res, next) => {
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      req.path.startsWith(API_PREFIX)
    )
      return next();
    const file = req.path === '/' ? home(req) : files.get(req.path);
    if (file) return send(req, res, file);
    // An asset of an older build (a tab open across a rebuild) is gone: a plain 404, not the app.
    if (req.path.startsWith('/assets/')) return res.sendStatus(404);
    return next();
  };
  const appRoutes: express.RequestHandler = (req, res, next) => {
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      req.path.startsWith(API_PREFIX)
    )
      return next();
    // The app's own routes (/projects/…, /costs) are index.html; its router reads the address.
    return index ? send(req, res, index) : next();
  };
  return { files: [buildFiles], appRoutes };
}
