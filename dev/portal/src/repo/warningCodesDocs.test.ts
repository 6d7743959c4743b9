import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPACITY_WARNING_CODES } from '@gcp-serverless/common';
import {
  codeSpans,
  markdownSection,
  readRepoFile,
  REPO_ROOT,
  tableRows,
} from './repoFiles';

/**
 * The warnings apply refuses until acknowledged are those built with `requiresAcknowledgement:
 * true` in common and the backend; docs/api.md lists them. Read from the sources so that a new one
 * cannot be added without the docs (a computed flag would escape this check: write it literally).
 */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(entry => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) ? [full] : [];
  });
}

function resolveCode(expression: string): string {
  const literal = /^'([A-Z0-9_]+)'/.exec(expression);
  if (literal) return literal[1]!;
  const constant = /^CAPACITY_WARNING_CODES\.(\w+)/.exec(expression);
  if (constant)
    return CAPACITY_WARNING_CODES[
      constant[1] as keyof typeof CAPACITY_WARNING_CODES
    ];
  throw new Error(`cannot read the warning code ${expression}`);
}

function codesRequiringAcknowledgement(): string[] {
  const files = ['common/src', 'plugin-backend/src'].flatMap(dir =>
    sourceFiles(path.join(REPO_ROOT, dir)),
  );
  return files.flatMap(file => {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(/requiresAcknowledgement:\s*true/g)].map(m => {
      const before = text.slice(0, m.index);
      const code = [...before.matchAll(/\bcode:\s*([^,\n]+)/g)].at(-1);
      if (!code)
        throw new Error(`${file}: a warning with no code before ${m.index}`);
      return resolveCode(code[1]!.trim());
    });
  });
}

describe('warnings that need an acknowledgement', () => {
  it('docs/api.md lists exactly the codes apply refuses until acknowledged', () => {
    const section = markdownSection(
      readRepoFile('docs/api.md'),
      'Warnings that apply refuses until acknowledged',
    );
    const documented = tableRows(section).flatMap(cells =>
      codeSpans(cells[0]!),
    );
    expect([...documented].sort()).toEqual(
      [...new Set(codesRequiringAcknowledgement())].sort(),
    );
  });
});
