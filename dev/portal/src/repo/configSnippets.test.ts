import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGcpServerlessConfig } from '@gcp-serverless/plugin-backend';
import { readRepoFile, REPO_ROOT } from './repoFiles';

/**
 * Every whole configuration in README.md and docs/ (a JSON block with a `gcpServerless` key) is one
 * the backend accepts: copied as it is, it starts the portal.
 */
const files = [
  'README.md',
  ...readdirSync(path.join(REPO_ROOT, 'docs'))
    .filter(f => f.endsWith('.md'))
    .map(f => `docs/${f}`),
];

const snippets = files.flatMap(file =>
  [...readRepoFile(file).matchAll(/```json\n([\s\S]*?)```/g)]
    .map(m => m[1]!.replace(/^ {3}/gm, ''))
    .filter(text => text.includes('"gcpServerless"'))
    .map((text, i) => ({ name: `${file} #${i + 1}`, text })),
);

describe('configuration examples in the docs validate', () => {
  it('finds the examples', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(4);
  });

  for (const { name, text } of snippets) {
    it(name, () => {
      const parsed = JSON.parse(text) as { gcpServerless: unknown };
      expect(() => readGcpServerlessConfig(parsed.gcpServerless)).not.toThrow();
    });
  }
});
