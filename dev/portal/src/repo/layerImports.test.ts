import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './repoFiles';

/**
 * The layering rules of docs/architecture.md ("Import rules"), checked on the sources (tests left
 * out, they may read files): what `common` and the frontend may not import, and the backend's
 * layers (gateways never reach services or the router; services never touch express).
 */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap(entry => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) ? [full] : [];
  });
}

/** Module specifiers of static imports, re-exports and dynamic imports. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...text.matchAll(
      /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)|(?:^|\n)import\s+'([^']+)'/g,
    ),
  ].map(m => m[1] ?? m[2] ?? m[3] ?? '');
}

const isNodeBuiltin = (s: string) =>
  s.startsWith('node:') || builtinModules.includes(s.split('/')[0]!);

/** Imports of files under `dir` that break `forbidden`, as `file: specifier`. */
function violations(
  dir: string,
  forbidden: (specifier: string, file: string) => boolean,
): string[] {
  return sources(path.join(REPO_ROOT, dir)).flatMap(file =>
    specifiers(file)
      .filter(s => forbidden(s, file))
      .map(s => `${path.relative(REPO_ROOT, file)}: ${s}`),
  );
}

/** Where a relative specifier of `file` points, from the repository root. */
const target = (specifier: string, file: string) =>
  path.relative(REPO_ROOT, path.resolve(path.dirname(file), specifier));

describe('layering', () => {
  it('common runs in browsers and Node: no Node built-ins, React, express or Google clients', () => {
    expect(
      violations(
        'common/src',
        s =>
          isNodeBuiltin(s) ||
          /^(react|react-dom|express|@mui\/|@google-cloud\/|google-)/.test(s),
      ),
    ).toEqual([]);
  });

  it('the frontend imports no Node built-ins, backend, sandbox or Google client', () => {
    expect(
      violations(
        'plugin-frontend/src',
        s =>
          isNodeBuiltin(s) ||
          /^(express|@google-cloud\/|google-|@gcp-serverless\/(plugin-backend|sandbox|dev))/.test(
            s,
          ),
      ),
    ).toEqual([]);
  });

  it('gateways never import services, the router or the wiring', () => {
    expect(
      violations(
        'plugin-backend/src/gateways',
        (s, file) =>
          s.startsWith('.') &&
          /^plugin-backend\/src\/(services|router|wiring|readModel)(\/|$)/.test(
            target(s, file),
          ),
      ),
    ).toEqual([]);
  });

  it('services never import express or the router', () => {
    expect(
      violations(
        'plugin-backend/src/services',
        (s, file) =>
          s === 'express' ||
          (s.startsWith('.') &&
            /^plugin-backend\/src\/router(\/|$)/.test(target(s, file))),
      ),
    ).toEqual([]);
  });
});
