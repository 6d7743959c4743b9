import {
  cpSync,
  existsSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { EDITED_FILES, PRISTINE } from './baseApp';

/** Our packages and where docs/backstage.md puts them in an app: Backstage's `plugins/<id>[-backend|-common]` layout. */
export const WORKSPACE_COPIES = [
  {
    from: 'common',
    to: 'plugins/gcp-serverless-common',
    name: '@gcp-serverless/common',
  },
  {
    from: 'plugin-backend',
    to: 'plugins/gcp-serverless-backend',
    name: '@gcp-serverless/plugin-backend',
  },
  {
    from: 'plugin-frontend',
    to: 'plugins/gcp-serverless',
    name: '@gcp-serverless/plugin-frontend',
  },
] as const;

/** Written into the app's backend index (named apart, so the line is not mistaken for an import of this package). */
const BACKEND_PACKAGE = '@gcp-serverless/plugin-backend';

const NOT_COPIED = new Set([
  'node_modules',
  'dist',
  'dist-types',
  'coverage',
  '.turbo',
]);

function addDependency(
  appDir: string,
  packageJson: string,
  name: string,
): void {
  const file = path.join(appDir, packageJson);
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  // What `yarn --cwd <package> add <name>` writes for a package that is a workspace of the app.
  pkg.dependencies = Object.fromEntries(
    Object.entries({ ...pkg.dependencies, [name]: 'workspace:^' }).sort(
      ([a], [b]) => a.localeCompare(b),
    ),
  );
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}

/**
 * docs/backstage.md, "As workspace copies", on the scaffolded app: the template's edited files restored,
 * our three packages copied into `plugins/`, the backend plugin added to the backend (dependency and
 * `backend.add`), the frontend plugin added to the app (dependency only: the new frontend system's
 * feature discovery, `app.packages: all`, picks it up).
 */
export function addPlugins(appDir: string, repoDir: string): void {
  for (const file of EDITED_FILES)
    cpSync(path.join(appDir, PRISTINE, file), path.join(appDir, file));
  const copies = new Set<string>(WORKSPACE_COPIES.map(c => c.to));
  for (const entry of readdirSync(path.join(appDir, 'plugins'))) {
    const dir = path.join(appDir, 'plugins', entry);
    if (!entry.startsWith('gcp-serverless')) continue;
    if (!copies.has(`plugins/${entry}`)) {
      rmSync(dir, { recursive: true, force: true });
      continue;
    }
    // The previous run's copy goes, its node_modules stay: Yarn then relinks nothing and rebuilds no native module.
    for (const inner of readdirSync(dir))
      if (inner !== 'node_modules')
        rmSync(path.join(dir, inner), { recursive: true, force: true });
  }
  for (const copy of WORKSPACE_COPIES) {
    const from = path.join(repoDir, copy.from);
    if (!existsSync(path.join(from, 'package.json')))
      throw new Error(`${from} has no package.json`);
    cpSync(from, path.join(appDir, copy.to), {
      recursive: true,
      filter: src => !NOT_COPIED.has(path.basename(src)),
    });
  }

  addDependency(
    appDir,
    'packages/backend/package.json',
    '@gcp-serverless/plugin-backend',
  );
  const backendIndex = path.join(appDir, 'packages/backend/src/index.ts');
  const index = readFileSync(backendIndex, 'utf8');
  if (!index.includes('backend.start();'))
    throw new Error(
      `${backendIndex}: no "backend.start();" to add the plugin before`,
    );
  writeFileSync(
    backendIndex,
    index.replace(
      'backend.start();',
      `// gcp-serverless plugin\nbackend.add(import("${BACKEND_PACKAGE}"));\n\nbackend.start();`,
    ),
  );

  addDependency(
    appDir,
    'packages/app/package.json',
    '@gcp-serverless/plugin-frontend',
  );
}
