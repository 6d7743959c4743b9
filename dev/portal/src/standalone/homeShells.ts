import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const devRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const ROOT = '<div id="root"></div>';

/**
 * Writes `index.WINDOW.html` beside a build's index.html for each time window: the same page with the
 * home page's first paint inside `#root` (web/homeShell.tsx), which the portal sends for `/`
 * (webServing.ts); the app renders over it. The rendering runs in a child process under tsx, through
 * Vite's SSR loader (which resolves the app's sources and their dependencies as the browser build
 * does), so it is the same whether the build was asked for by `npm start`, `npm run build` or a test
 * runner (inside vitest, a nested Vite server resolved MUI's CommonJS entry points differently).
 */
export async function writeHomeShells(dir: string): Promise<void> {
  if (!readFileSync(path.join(dir, 'index.html'), 'utf8').includes(ROOT))
    throw new Error(`the built index.html has no ${ROOT}`);
  await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), dir],
    {
      cwd: devRoot,
      env: { ...process.env, NODE_ENV: 'production' },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
}

/** The child process: renders the shells with Vite's SSR loader and writes them into `dir`. */
async function renderInto(dir: string): Promise<void> {
  const index = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const { createServer } = await import('vite');
  const vite = await createServer({
    configFile: path.join(devRoot, 'vite.config.ts'),
    server: { middlewareMode: true, hmr: false, ws: false },
    appType: 'custom',
    logLevel: 'warn',
  });
  try {
    const { renderHomeShells } = (await vite.ssrLoadModule(
      '/homeShell.tsx',
    )) as typeof import('./web/homeShell');
    for (const [window, html] of Object.entries(renderHomeShells()))
      writeFileSync(
        path.join(dir, `index.${window}.html`),
        index.replace(ROOT, `<div id="root">${html}</div>`),
      );
  } finally {
    await vite.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  await renderInto(process.argv[2]!);
