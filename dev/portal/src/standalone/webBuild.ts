import { createHash } from 'node:crypto';
import {
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { initialJsSize } from '../../bench/initialJsSize';
import { writeHomeShells } from './homeShells';
import { precompressDir } from './precompress';

const devRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const repoRoot = path.resolve(devRoot, '../..');

/** Where `npm start` serves the production build of the web app from. */
export const WEB_BUILD_DIR = path.join(devRoot, 'dist/web');
/** The build's record of what it was built from, inside the build (served by nobody: express.static skips dotfiles). */
const STAMP_FILE = '.build-inputs.json';

/**
 * Files a build depends on besides the modules Vite bundles: its config, the HTML entry, what
 * precompresses its files, and the lock file (which pins every dependency in node_modules, so a
 * changed dependency means a changed lock).
 */
const CONFIG_INPUTS = [
  'dev/portal/vite.config.ts',
  'dev/portal/src/standalone/web/index.html',
  'dev/portal/src/standalone/web/homeShell.tsx',
  'dev/portal/src/standalone/homeShells.ts',
  'dev/portal/src/standalone/precompress.ts',
  'package-lock.json',
];

/** What a build was made from: each input file (repo-relative) and the sha256 of its content. */
interface BuildStamp {
  /** ISO 8601. */
  builtAt: string;
  /** The NODE_ENV the build was made with: only 'production' is served as fresh. */
  nodeEnv?: string;
  inputs: Record<string, string>;
}

const sha256 = (file: string) =>
  createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * Records in a build what it was made from: the content hash of each input (repo-relative paths), which
 * {@link webBuildState} compares with the sources.
 */
export function writeBuildStamp(dir: string, files: Iterable<string>): void {
  const inputs: Record<string, string> = {};
  for (const file of [...new Set(files)].sort())
    inputs[file] = sha256(path.join(repoRoot, file));
  const stamp: BuildStamp = {
    builtAt: new Date().toISOString(),
    nodeEnv: 'production',
    inputs,
  };
  writeFileSync(
    path.join(dir, STAMP_FILE),
    `${JSON.stringify(stamp, null, 1)}\n`,
  );
}

/** Whether the build in {@link WEB_BUILD_DIR} is what the sources would build now, and if not, why. */
export type BuildState =
  | { fresh: true }
  | { fresh: false; reason: string; changed: string[] };

/**
 * Compares the build's stamp with the sources: any input whose content hash differs (or that is gone)
 * makes the build stale. Hashes, not times, decide, so a checkout that touches files without changing
 * them costs no build, and a changed file is never missed because its time went backwards. A file
 * that no bundled module imports is not an input: adding one changes the importing file, which is.
 */
export function webBuildState(dir = WEB_BUILD_DIR): BuildState {
  if (!existsSync(path.join(dir, 'index.html')))
    return { fresh: false, reason: 'no build yet', changed: [] };
  let stamp: BuildStamp;
  try {
    stamp = JSON.parse(
      readFileSync(path.join(dir, STAMP_FILE), 'utf8'),
    ) as BuildStamp;
  } catch {
    return {
      fresh: false,
      reason: 'the build does not say what it was built from',
      changed: [],
    };
  }
  if (stamp.nodeEnv !== 'production')
    return {
      fresh: false,
      reason: `the build is not a production build (NODE_ENV ${
        stamp.nodeEnv ?? 'not recorded'
      })`,
      changed: [],
    };
  const changed = Object.entries(stamp.inputs)
    .filter(([file, hash]) => {
      const full = path.join(repoRoot, file);
      return !existsSync(full) || sha256(full) !== hash;
    })
    .map(([file]) => file);
  if (changed.length === 0) return { fresh: true };
  const shown = changed.slice(0, 3).join(', ');
  return {
    fresh: false,
    reason: `${changed.length} source file${
      changed.length === 1 ? '' : 's'
    } changed since the build (${shown}${changed.length > 3 ? ', …' : ''})`,
    changed,
  };
}

/** Result of {@link ensureWebBuild}. */
export interface WebBuildResult {
  /** True when this call built the app; false when the existing build was fresh. */
  built: boolean;
  /** Wall time of the build, ms (0 when nothing was built). */
  ms: number;
  /** Gzip size of the JavaScript loaded before the first route renders, bytes. */
  initialJsGzipBytes: number;
}

/** Options of {@link ensureWebBuild}. */
export interface EnsureWebBuildOptions {
  /** Build even when the existing build is fresh (`npm run build`). */
  force?: boolean;
  /** Progress lines go here. */
  log?: (line: string) => void;
}

/**
 * Makes sure {@link WEB_BUILD_DIR} holds a production build of the current sources, building it with
 * Vite when it is missing or stale, with progress on the log, and writing a gzip and a brotli copy of
 * each text file beside it (precompress.ts) for the portal to serve compressed. The build is written next to the old one
 * and swapped in when complete, so a portal already serving the old build never sees half of the new one.
 */
export async function ensureWebBuild(
  options: EnsureWebBuildOptions = {},
): Promise<WebBuildResult> {
  const log = options.log ?? (line => console.log(line));
  const state = webBuildState();
  if (state.fresh && !options.force) {
    return {
      built: false,
      ms: 0,
      initialJsGzipBytes: initialJsSize(WEB_BUILD_DIR).gzipBytes,
    };
  }
  log(
    `building the web app (${
      state.fresh ? 'asked to' : state.reason
    }); this takes a minute or two, once`,
  );
  const started = performance.now();
  const staging = `${WEB_BUILD_DIR}.building-${process.pid}`;
  const modules = new Set<string>();
  const { build } = await import('vite');
  // Vite builds for process.env.NODE_ENV when it is set: inside a test runner (vitest sets 'test') that
  // was React's development build, half as large again, which npm start then served as fresh. The
  // build is always a production one.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(devRoot, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: staging, emptyOutDir: true },
      plugins: [buildProgress(started, modules, log)],
    });
    await writeHomeShells(staging);
    log(
      `building the web app: the home page's first paint written into index.html (${(
        (performance.now() - started) /
        1000
      ).toFixed(0)} s)`,
    );
    const compressed = await precompressDir(staging);
    log(
      `building the web app: precompressed ${compressed.files} files, ${kb(
        compressed.rawBytes,
      )} KB → ${kb(compressed.gzipBytes)} KB gzip, ${kb(
        compressed.brotliBytes,
      )} KB brotli`,
    );
    writeBuildStamp(staging, [...CONFIG_INPUTS, ...modules]);
    const old = `${WEB_BUILD_DIR}.old-${process.pid}`;
    if (existsSync(WEB_BUILD_DIR)) renameSync(WEB_BUILD_DIR, old);
    renameSync(staging, WEB_BUILD_DIR);
    rmSync(old, { recursive: true, force: true });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    rmSync(staging, { recursive: true, force: true });
  }
  const ms = Math.round(performance.now() - started);
  const initial = initialJsSize(WEB_BUILD_DIR);
  log(
    `built the web app in ${(ms / 1000).toFixed(1)} s (${
      modules.size
    } source modules; initial JS ${(initial.gzipBytes / 1024).toFixed(
      0,
    )} KB gzip)`,
  );
  return { built: true, ms, initialJsGzipBytes: initial.gzipBytes };
}

const kb = (bytes: number) => Math.round(bytes / 1024).toLocaleString('en');

/** How often a progress line is written while modules are transformed, ms. */
const PROGRESS_EVERY_MS = 5_000;

/**
 * A Vite plugin that logs the build's progress as plain lines (Vite's own counter only draws on a
 * terminal) and collects the repository's source modules the bundle is made of, the build's inputs.
 */
function buildProgress(
  started: number,
  modules: Set<string>,
  log: (line: string) => void,
): Plugin {
  let transformed = 0;
  let timer: NodeJS.Timeout | undefined;
  const seconds = () => ((performance.now() - started) / 1000).toFixed(0);
  return {
    name: 'gcp-serverless:build-progress',
    apply: 'build',
    buildStart() {
      timer = setInterval(
        () =>
          log(
            `building the web app: ${transformed.toLocaleString(
              'en',
            )} modules transformed (${seconds()} s)`,
          ),
        PROGRESS_EVERY_MS,
      );
      timer.unref();
    },
    transform(_code, id) {
      transformed += 1;
      const file = id.split('?')[0]!;
      if (
        !id.startsWith('\0') &&
        file.startsWith(repoRoot + path.sep) &&
        !file.includes(`${path.sep}node_modules${path.sep}`)
      )
        modules.add(path.relative(repoRoot, file));
      return null;
    },
    buildEnd() {
      clearInterval(timer);
      log(
        `building the web app: ${transformed.toLocaleString(
          'en',
        )} modules transformed, writing chunks (${seconds()} s)`,
      );
    },
  };
}
