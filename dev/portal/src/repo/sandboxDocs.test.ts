import { describe, expect, it } from 'vitest';
import {
  SANDBOX_API_NAMES,
  SANDBOX_CONTROL_ROUTES,
} from '@gcp-serverless/sandbox';
import {
  codeSpans,
  markdownSection,
  readRepoFile,
  tableRows,
} from './repoFiles';

/** docs/sandbox.md against the sandbox: the APIs it serves and its control surface. */
const sandboxDoc = readRepoFile('docs/sandbox.md');

describe('docs/sandbox.md', () => {
  it('lists every API the sandbox serves with its fault/counter name, and no other', () => {
    const intro = sandboxDoc.slice(0, sandboxDoc.indexOf('\n## '));
    const names = tableRows(intro).flatMap(cells => codeSpans(cells[1]!));
    expect([...names].sort()).toEqual([...SANDBOX_API_NAMES].sort());
  });

  it('documents exactly the routes of the control surface', () => {
    const rows = tableRows(markdownSection(sandboxDoc, 'Control surface'))
      .filter(cells => /^(GET|POST|PUT|PATCH|DELETE)$/.test(cells[0]!))
      .map(cells => {
        const route = codeSpans(cells[1]!)[0]!
          .replace(/^\/_sandbox\//, '')
          .replace(/\{(\w+)\}/g, ':$1');
        return `${cells[0]} ${route}`;
      });
    expect([...rows].sort()).toEqual([...SANDBOX_CONTROL_ROUTES].sort());
  });
});
