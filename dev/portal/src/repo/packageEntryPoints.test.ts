import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRepoFile, REPO_ROOT } from './repoFiles';

/**
 * Every file a workspace package.json points at exists: `main`, `types`, `exports`, `bin` and the
 * `configSchema` Backstage reads. Targets under `dist/` are built by `backstage-cli package build`
 * and left out (they exist only after a build).
 */
const workspaces = (
  JSON.parse(readRepoFile('package.json')) as { workspaces: string[] }
).workspaces;

function targets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object')
    return Object.values(value).flatMap(targets);
  return [];
}

describe('package.json entry points exist', () => {
  for (const dir of workspaces) {
    const json = JSON.parse(readRepoFile(`${dir}/package.json`)) as Record<
      string,
      unknown
    >;
    it(`${json.name} (${dir})`, () => {
      const pointed = [
        'main',
        'types',
        'module',
        'exports',
        'bin',
        'configSchema',
      ]
        .flatMap(key => targets(json[key]))
        .filter(target => !/^(\.\/)?dist\//.test(target));
      const missing = pointed.filter(
        target => !existsSync(path.join(REPO_ROOT, dir, target)),
      );
      expect(missing).toEqual([]);
    });
  }
});
