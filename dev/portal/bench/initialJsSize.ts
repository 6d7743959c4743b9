import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Gzip size of what the built web app loads before anything renders. */
export interface InitialJs {
  /** Sum of the gzip sizes (level 9) of the entry script and every module it preloads, bytes. */
  gzipBytes: number;
  rawBytes: number;
  files: string[];
}

/**
 * The initial JavaScript of the built app in `dist`: the module scripts and modulepreload links of
 * its index.html (what the browser fetches before the first route renders; lazy route chunks are not).
 */
export function initialJsSize(dist: string): InitialJs {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const refs = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map(m => m[1]!);
  const files = [...new Set(refs)].filter(ref => !/^https?:/.test(ref));
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const file of files) {
    const content = readFileSync(path.join(dist, file.replace(/^\//, '')));
    rawBytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { gzipBytes, rawBytes, files };
}
