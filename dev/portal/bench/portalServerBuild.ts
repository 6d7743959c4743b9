import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const ENTRY = path.join(benchDir, 'portalProcess.ts');
/**
 * The read model's computation thread runs this module (ComputeThread.ts); the portal finds it
 * beside its own module with its own extension, so it is built as a second entry, `readModelWorker.mjs`.
 */
const READ_MODEL_WORKER = createRequire(import.meta.url).resolve(
  '@gcp-serverless/plugin-backend/src/readModel/computeThread/readModelWorker.ts',
);

/**
 * Where the built portal server goes. `startPortal` finds the web build two levels up from its own
 * module (src/standalone/ in the sources), so the bundle sits two levels below dev/portal as well.
 */
export const BUILT_PORTAL = path.join(
  benchDir,
  '../dist/bench/portalProcess.mjs',
);

/**
 * Builds the bench's portal process as ES modules for Node, the way an operator runs a backend:
 * our workspace packages (the plugin backend, common, the portal) compiled and bundled, npm
 * dependencies (the Google clients, express) left to node_modules, no source maps. Under tsx the same
 * process also carries tsx's loader thread, its transform cache and a source map per module, about
 * 90 MB of resident memory that no deployed plugin has (docs/performance.md, Session 5). Vite's SSR
 * build does it with what the portal already depends on. Two entries: the portal process and the
 * read model's worker module, with the code they share in chunks beside them.
 */
export async function buildPortalServer(): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: true,
      outDir: path.dirname(BUILT_PORTAL),
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      sourcemap: false,
      rollupOptions: {
        input: {
          [path.basename(BUILT_PORTAL, '.mjs')]: ENTRY,
          readModelWorker: READ_MODEL_WORKER,
        },
        output: {
          format: 'es',
          entryFileNames: '[name].mjs',
          chunkFileNames: '[name]-[hash].mjs',
        },
      },
    },
    // Workspace packages are TypeScript sources: compile them in; everything from npm stays external.
    ssr: { target: 'node', noExternal: [/^@gcp-serverless\//] },
  });
  return BUILT_PORTAL;
}
