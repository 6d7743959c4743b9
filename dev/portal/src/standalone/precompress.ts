import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Files worth compressing: text. Images Vite emits as SVG are text too; fonts and PNGs are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|map|txt)$/;

/** What {@link precompressDir} wrote. */
export interface PrecompressResult {
  /** Files that got a `.gz` and a `.br` beside them. */
  files: number;
  /** Their size, bytes. */
  rawBytes: number;
  gzipBytes: number;
  brotliBytes: number;
}

/**
 * Writes `FILE.gz` (gzip level 9) and `FILE.br` (brotli quality 11, text mode) beside every text file
 * of a web build, once at build time, so the portal serves them with `Content-Encoding` without
 * compressing on each request (webServing.ts picks one by the request's `Accept-Encoding`). A file
 * whose compressed form is not smaller keeps only its plain form. Dotfiles (the build stamp) are skipped.
 */
export async function precompressDir(dir: string): Promise<PrecompressResult> {
  const result: PrecompressResult = {
    files: 0,
    rawBytes: 0,
    gzipBytes: 0,
    brotliBytes: 0,
  };
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.startsWith('.')) continue;
    if (!COMPRESSIBLE.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const raw = await readFile(file);
    const [gz, br] = await Promise.all([
      gzipAsync(raw, { level: 9 }),
      brotliAsync(raw, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        },
      }),
    ]);
    if (gz.length >= raw.length && br.length >= raw.length) continue;
    if (gz.length < raw.length) await writeFile(`${file}.gz`, gz);
    if (br.length < raw.length) await writeFile(`${file}.br`, br);
    result.files += 1;
    result.rawBytes += raw.length;
    result.gzipBytes += Math.min(gz.length, raw.length);
    result.brotliBytes += Math.min(br.length, raw.length);
  }
  return result;
}
