import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from './processes';
import { log } from './progress';
import type { Toolchain } from './toolchain';
import { CREATE_APP_VERSION } from './versions';

/** Marks a scaffolded app whose first `yarn install` finished; without it the app is scaffolded anew. */
const READY = '.gcp-serverless-check-ready';
/** Copies of the template files the check edits, restored before every run so each run starts from the template. */
export const PRISTINE = '.gcp-serverless-check-pristine';
/** The template files the check edits (docs/backstage.md's steps). */
export const EDITED_FILES = [
  'package.json',
  'packages/app/package.json',
  'packages/backend/package.json',
  'packages/backend/src/index.ts',
];

/**
 * The scaffolded Backstage app, cached per pinned create-app and Node version: scaffolding and the first
 * install (≈ 3,000 packages, native builds) are the slow part. A later run reuses it: the edited files are
 * restored from the template, our packages are copied in anew and `yarn install` adds or drops what changed.
 */
export async function baseApp(
  cache: string,
  tools: Toolchain,
  logFile: string,
): Promise<string> {
  const appDir = path.join(
    cache,
    'apps',
    `create-app-${CREATE_APP_VERSION}-node-${tools.nodeVersion}`,
  );
  if (existsSync(path.join(appDir, READY))) {
    log(`reusing the scaffolded app ${appDir}`);
    return appDir;
  }
  log(
    `scaffolding a Backstage app with @backstage/create-app@${CREATE_APP_VERSION} into ${appDir}`,
  );
  rmSync(appDir, { recursive: true, force: true });
  mkdirSync(appDir, { recursive: true });
  await run(tools.node, [tools.createApp, '--path', appDir, '--skip-install'], {
    cwd: cache,
    env: tools.env,
    timeoutMs: 5 * 60_000,
    logFile,
  });
  for (const file of EDITED_FILES) {
    const copy = path.join(appDir, PRISTINE, file);
    mkdirSync(path.dirname(copy), { recursive: true });
    cpSync(path.join(appDir, file), copy);
  }
  log(
    'installing the app (yarn install; the first time downloads ≈ 3,000 packages and builds native modules)',
  );
  await run('yarn', ['install'], {
    cwd: appDir,
    env: tools.env,
    timeoutMs: 40 * 60_000,
    logFile,
  });
  writeFileSync(path.join(appDir, READY), `${new Date().toISOString()}\n`);
  return appDir;
}
