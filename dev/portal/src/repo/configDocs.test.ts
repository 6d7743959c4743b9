import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gcpServerlessConfigSchema } from '@gcp-serverless/plugin-backend';
import { DEFAULT_PROBLEM_THRESHOLDS } from '@gcp-serverless/common';
import {
  declaredConfigKeys,
  zodConfigKeys,
  type ConfigKey,
} from './configKeys';
import {
  codeSpans,
  markdownSection,
  readRepoFile,
  REPO_ROOT,
  tableRows,
} from './repoFiles';

/**
 * The configuration has three descriptions that must agree: the zod schema the backend validates
 * with at start-up (the authority), `plugin-backend/config.d.ts` (what Backstage validates app-config
 * with) and the key table of docs/configuration.md (what operators read).
 */
const schemaKeys = zodConfigKeys(gcpServerlessConfigSchema);
const declared = declaredConfigKeys(
  path.join(REPO_ROOT, 'plugin-backend/config.d.ts'),
);

interface DocumentedKey {
  /** `billing.export.table`, or `problems.thresholds.*` for every key under it. */
  path: string;
  /** The whole row, where keys under a documented object may be named. */
  row: string;
  defaultCell: string;
}

/**
 * The key column of docs/configuration.md's table: backticked keys, a leading dot naming a sibling
 * of the key before it (`cloudLogging.projectId`, `.logName`).
 */
function documentedKeys(): DocumentedKey[] {
  const table = markdownSection(readRepoFile('docs/configuration.md'), 'Keys');
  return tableRows(table).flatMap(cells => {
    let previous = '';
    return codeSpans(cells[0]!).map(span => {
      const keyPath = span.startsWith('.')
        ? previous.replace(/\.[^.]+$/, '') + span
        : span;
      previous = keyPath;
      return { path: keyPath, row: cells.join(' | '), defaultCell: cells[2]! };
    });
  });
}

const documented = documentedKeys();

function segmentsAfter(prefix: string, keyPath: string): string[] {
  return keyPath
    .slice(prefix.length + 1)
    .split('.')
    .map(s => s.replace(/\[\]$/, ''));
}

/** The documented row that covers a key: its own, a `.*` above it, or an object row naming it. */
function documentationOf(key: ConfigKey): DocumentedKey | undefined {
  return documented.find(d => {
    if (d.path === key.path) return true;
    if (d.path.endsWith('.*')) return key.path.startsWith(d.path.slice(0, -1));
    if (!key.path.startsWith(`${d.path}.`)) return false;
    const words = new Set(d.row.match(/[A-Za-z0-9]+/g) ?? []);
    return segmentsAfter(d.path, key.path).every(s => words.has(s));
  });
}

const describeKeys = (keys: Map<string, ConfigKey>) =>
  [...keys.values()].map(k => `${k.path}${k.optional ? '?' : ''}`).sort();

describe('configuration: schema, config.d.ts and docs/configuration.md agree', () => {
  it('config.d.ts declares every key of the zod schema, no other, with the same optionality', () => {
    expect(describeKeys(declared)).toEqual(describeKeys(schemaKeys));
  });

  it('docs/configuration.md documents every key of the schema', () => {
    const undocumented = [...schemaKeys.values()]
      .filter(k => k.leaf && !documentationOf(k))
      .map(k => k.path);
    expect(undocumented).toEqual([]);
  });

  it('docs/configuration.md documents no key the schema does not have', () => {
    const unknown = documented
      .filter(d =>
        d.path.endsWith('.*')
          ? ![...schemaKeys.keys()].some(p => p.startsWith(d.path.slice(0, -1)))
          : !schemaKeys.has(d.path),
      )
      .map(d => d.path);
    expect(unknown).toEqual([]);
  });

  it('states the default the schema applies for each simple value', () => {
    const wrong = [...schemaKeys.values()]
      .filter(
        k =>
          k.defaultValue !== undefined &&
          (typeof k.defaultValue !== 'object' || Array.isArray(k.defaultValue)),
      )
      .flatMap(k => {
        const doc = documented.find(d => d.path === k.path);
        if (!doc) return [];
        const expected = Array.isArray(k.defaultValue)
          ? JSON.stringify(k.defaultValue)
          : String(k.defaultValue);
        return doc.defaultCell.replace(/,(?=\d{3})/g, '').includes(expected)
          ? []
          : [`${k.path}: default ${expected}, documented "${doc.defaultCell}"`];
      });
    expect(wrong).toEqual([]);
  });

  it('docs/problems.md names every threshold with its default', () => {
    const problemsDoc = readRepoFile('docs/problems.md').replace(/\n/g, ' ');
    const thresholdKeys = [...schemaKeys.keys()]
      .filter(p => p.startsWith('problems.thresholds.'))
      .map(p => p.slice('problems.thresholds.'.length))
      .sort();
    expect(thresholdKeys).toEqual(
      Object.keys(DEFAULT_PROBLEM_THRESHOLDS).sort(),
    );
    const wrong = Object.entries(DEFAULT_PROBLEM_THRESHOLDS)
      .filter(([key, value]) => !problemsDoc.includes(`\`${key}\` ${value}`))
      .map(([key, value]) => `${key} ${value}`);
    expect(wrong).toEqual([]);
  });
});
