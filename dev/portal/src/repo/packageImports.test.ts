import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Every workspace package declares what its sources import, tests included: a package copied into a
 * Backstage app (plugins/) installs only what its package.json names, so an import that works here
 * through npm's hoisting would fail there. The plugin packages also depend on nothing unpublished.
 */
const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../..',
);
const rootPackage = JSON.parse(
  readFileSync(path.join(ROOT, 'package.json'), 'utf8'),
) as { workspaces: string[] };
const PUBLISHED = [
  '@gcp-serverless/common',
  '@gcp-serverless/plugin-backend',
  '@gcp-serverless/plugin-frontend',
];

interface PackageJson {
  name: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx)$/.test(entry) && !entry.endsWith('.d.ts'))
      out.push(full);
  }
  return out;
}

/** Bare module specifiers of static imports, re-exports and dynamic imports. */
function importedPackages(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(
      /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)|(?:^|\n)import\s+'([^']+)'/g,
    ),
  ].map(m => m[1] ?? m[2] ?? m[3] ?? '');
  return specifiers
    .filter(
      s =>
        s &&
        !s.startsWith('.') &&
        !s.startsWith('node:') &&
        !builtinModules.includes(s.split('/')[0]!),
    )
    .map(s =>
      s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!,
    );
}

const packages = rootPackage.workspaces.map(dir => ({
  dir,
  json: JSON.parse(
    readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8'),
  ) as PackageJson,
}));

describe('workspace packages declare what they import', () => {
  for (const { dir, json } of packages) {
    it(`${json.name} (${dir})`, () => {
      const declared = new Set([
        json.name,
        ...Object.keys(json.dependencies ?? {}),
        ...Object.keys(json.devDependencies ?? {}),
        ...Object.keys(json.peerDependencies ?? {}),
      ]);
      const missing = new Map<string, string>();
      for (const file of sourceFiles(path.join(ROOT, dir))) {
        for (const pkg of importedPackages(file)) {
          if (!declared.has(pkg) && !pkg.startsWith('@types/'))
            missing.set(pkg, path.relative(ROOT, file));
        }
      }
      expect(Object.fromEntries(missing)).toEqual({});
    });
  }

  it('the plugin packages depend on nothing unpublished', () => {
    const privateNames = new Set(
      packages.filter(p => p.json.private).map(p => p.json.name),
    );
    for (const { json } of packages.filter(p =>
      PUBLISHED.includes(p.json.name),
    )) {
      const all = {
        ...json.dependencies,
        ...json.devDependencies,
        ...json.peerDependencies,
      };
      expect(
        Object.keys(all).filter(name => privateNames.has(name)),
        json.name,
      ).toEqual([]);
    }
  });
});
