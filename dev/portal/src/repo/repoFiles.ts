import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root directory (for the docs-vs-code checks in this folder). */
export const REPO_ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../..',
);

/** A repository file as text, by its path from the root (`docs/api.md`). */
export function readRepoFile(relativePath: string): string {
  return readFileSync(path.join(REPO_ROOT, relativePath), 'utf8');
}

/**
 * The text of a Markdown section: from the heading whose text is `heading` (any level) to the next
 * heading of the same or a higher level. Throws when the heading is missing, so a renamed section
 * fails the check that reads it instead of passing on an empty text.
 */
export function markdownSection(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  let inFence = false;
  let start = -1;
  let level = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('```')) inFence = !inFence;
    if (inFence) continue;
    const match = /^(#+)\s+(.*)$/.exec(line);
    if (!match) continue;
    if (start < 0) {
      if (match[2]!.trim() === heading) {
        start = i + 1;
        level = match[1]!.length;
      }
    } else if (match[1]!.length <= level) {
      return lines.slice(start, i).join('\n');
    }
  }
  if (start < 0) throw new Error(`no section "${heading}"`);
  return lines.slice(start).join('\n');
}

/**
 * The body rows of the Markdown tables in `markdown`, each as its cells (trimmed; an escaped `\|`
 * stays inside its cell as `|`). Header and separator rows are left out.
 */
export function tableRows(markdown: string): string[][] {
  const rows: string[][] = [];
  let previousWasTable = false;
  // Tables indented inside a list item count too.
  for (const line of markdown.split('\n').map(l => l.trimStart())) {
    if (!line.startsWith('|')) {
      previousWasTable = false;
      continue;
    }
    const cells = line
      .replace(/\\\|/g, '\u0000')
      .split('|')
      .slice(1, -1)
      .map(c => c.replace(/\u0000/g, '|').trim());
    const isSeparator = cells.every(c => /^:?-+:?$/.test(c));
    // The first line of a table is its header; the second, its separator.
    if (previousWasTable && !isSeparator) rows.push(cells);
    previousWasTable = true;
  }
  return rows;
}

/** The backticked spans of a text (`a`, `b` → ['a', 'b']), fenced code blocks left out. */
export function codeSpans(text: string): string[] {
  const withoutFences = text.replace(/```[\s\S]*?```/g, '');
  return [...withoutFences.matchAll(/`([^`]+)`/g)].map(m => m[1]!);
}
