import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from './precompress';
import { webBuildHandlers } from './webServing';

/**
 * How `npm start` serves the web build: a build laid out as Vite lays it out (index.html, hashed files
 * under assets/), precompressed as webBuild.ts does, served by the portal's express setup (the build's
 * files, then an API, then the app's routes, as startPortal.ts mounts them) on a real
 * port and read with plain HTTP requests (node:http never decompresses, so the bytes on the wire are
 * what is checked): the encoding follows Accept-Encoding, hashed assets are cached for good, and
 * index.html is revalidated.
 */
let dir: string;
let server: http.Server;
let base: string;

const SCRIPT = `export const rows = [${Array.from(
  { length: 400 },
  (_, i) => `{ name: "service-${i}", region: "asia-northeast3" }`,
).join(', ')}];\n`;
const INDEX = `<!DOCTYPE html>\n<html lang="en"><head><title>GCP Serverless</title>${'<meta name="x" content="y" />'.repeat(
  20,
)}<script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>\n`;

/** index.html with the home page's first paint inside, as webBuild.ts writes one per time window. */
const homeShell = (window: string) =>
  INDEX.replace(
    '<div id="root"></div>',
    `<div id="root"><h1>GCP Serverless</h1><p>window ${window}</p></div>`,
  );

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function get(
  urlPath: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${urlPath}`, { headers }, res => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      })
      .on('error', reject);
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'web-serving-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), INDEX);
  writeFileSync(path.join(dir, 'assets/index-Ab12Cd34.js'), SCRIPT);
  for (const window of ['1h', '7d'])
    writeFileSync(path.join(dir, `index.${window}.html`), homeShell(window));
  // A file too small to shrink stays plain only.
  writeFileSync(path.join(dir, 'assets/tiny-Ef56Gh78.js'), 'x\n');
  const result = await precompressDir(dir);
  expect(result.files).toBe(4);
  expect(existsSync(path.join(dir, 'assets/tiny-Ef56Gh78.js.gz'))).toBe(false);
  const app = express();
  const web = webBuildHandlers(dir);
  app.use(...web.files);
  // Stands for the plugin's router: it answers its own paths and passes the others on.
  app.use('/api/gcp-serverless', (req, res, next) =>
    req.path === '/projects' ? res.json({ projects: [] }) : next(),
  );
  app.use(web.appRoutes);
  server = http.createServer(app);
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>(resolve => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('serving the web build', () => {
  it('sends brotli to a browser that accepts it, gzip to one that accepts only gzip, and plain to one that accepts neither', async () => {
    const br = await get('/assets/index-Ab12Cd34.js', {
      'accept-encoding': 'gzip, deflate, br, zstd',
    });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.body.length).toBeLessThan(SCRIPT.length / 4);
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);

    const gz = await get('/assets/index-Ab12Cd34.js', {
      'accept-encoding': 'gzip',
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);

    for (const acceptEncoding of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const plain = await get(
        '/assets/index-Ab12Cd34.js',
        acceptEncoding ? { 'accept-encoding': acceptEncoding } : {},
      );
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.toString()).toBe(SCRIPT);
    }
  });

  it('lets browsers keep hashed assets for good, and answers a gone one with a plain 404', async () => {
    const asset = await get('/assets/index-Ab12Cd34.js', {
      'accept-encoding': 'br',
    });
    expect(asset.headers['cache-control']).toBe(
      'public, max-age=31536000, immutable',
    );
    const small = await get('/assets/tiny-Ef56Gh78.js', {
      'accept-encoding': 'br, gzip',
    });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.toString()).toBe('x\n');

    const gone = await get('/assets/index-OldBuild.js', {
      'accept-encoding': 'br',
    });
    expect(gone.status).toBe(404);
    expect(gone.body.toString()).not.toContain('<html');
  });

  it('serves index.html, compressed, for every app route, and the home page with its first paint for its window; revalidated on each load', async () => {
    for (const [route, html] of [
      ['/projects/gryyd-web/services?window=7d', INDEX],
      ['/costs', INDEX],
      ['/?window=7d', homeShell('7d')],
      // No window, or one the app does not know: the app shows its default, 1 h.
      ['/', homeShell('1h')],
      ['/?window=3y', homeShell('1h')],
      // A window with no first paint written falls back on the plain page.
      ['/?window=6h', INDEX],
    ]) {
      const page = await get(route!, { 'accept-encoding': 'gzip, br' });
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['content-encoding']).toBe('br');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(brotliDecompressSync(page.body).toString()).toBe(html);
    }
    const first = await get('/', { 'accept-encoding': 'gzip' });
    expect(first.headers.etag).toBeTruthy();
    const again = await get('/', {
      'accept-encoding': 'gzip',
      'if-none-match': first.headers.etag!,
    });
    expect(again.status).toBe(304);
  });

  it('never answers an API path with a file or the app: the API answers its own, the rest is a 404', async () => {
    const api = await get('/api/gcp-serverless/projects');
    expect(api.status).toBe(200);
    expect(JSON.parse(api.body.toString())).toEqual({ projects: [] });
    for (const route of [
      '/api/gcp-serverless/no-such-route',
      '/api/gcp-serverless/index.html',
    ]) {
      const missing = await get(route);
      expect(missing.status).toBe(404);
      // Express's own "Cannot GET" page, not the app's index.html.
      expect(missing.body.toString()).not.toContain('<div id="root">');
    }
  });
});

describe('serving no web build', () => {
  it('answers pages with a 404 when there is no build (a portal started for its API only)', async () => {
    const app = express();
    const web = webBuildHandlers(path.join(dir, 'no-such-build'));
    app.use(...web.files);
    app.use('/api/gcp-serverless', (_req, res) => res.json({ projects: [] }));
    app.use(web.appRoutes);
    const bare = http.createServer(app);
    await new Promise<void>(resolve =>
      bare.listen(0, '127.0.0.1', () => resolve()),
    );
    const url = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
    try {
      for (const route of ['/', '/costs', '/assets/index-Ab12Cd34.js'])
        expect((await fetch(`${url}${route}`)).status).toBe(404);
      expect((await fetch(`${url}/api/gcp-serverless/projects`)).status).toBe(
        200,
      );
    } finally {
      bare.closeAllConnections();
      await new Promise<void>(resolve => bare.close(() => resolve()));
    }
  });
});
