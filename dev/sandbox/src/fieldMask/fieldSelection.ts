import { invalidArgument } from '../googleError';

/**
 * The response fields a caller selected with Google's `X-Goog-FieldMask` header or `$fields`/`fields`
 * query parameter (docs/google-apis.md, "Response field masks"): either a whole value, or some of an
 * object's fields, each with its own selection.
 */
export type FieldSelection =
  | { readonly kind: 'all' }
  | {
      readonly kind: 'fields';
      readonly fields: ReadonlyMap<string, FieldSelection>;
    };

export const ALL_FIELDS: FieldSelection = { kind: 'all' };

/** Names the mask in error messages. */
export const FIELD_MASK_NAME =
  'response field mask (X-Goog-FieldMask / $fields)';

/** A level while parsing: `all` once a whole-level path (`a`, `a.*`) was seen, sub-paths merge otherwise. */
interface Level {
  all: boolean;
  fields: Map<string, Level>;
}

const newLevel = (all = false): Level => ({ all, fields: new Map() });

function invalidMask(text: string, why: string) {
  return invalidArgument(`Invalid ${FIELD_MASK_NAME} '${text}': ${why}`, [
    { field: 'fields', description: why },
  ]);
}

/**
 * Parses Google's field mask syntax: comma-separated paths whose names are joined by `.` or `/`,
 * `a(b,c)` selecting `a.b` and `a.c`, `*` for every field of its level. Paths add up: `a.b,a.c` is
 * `a(b,c)`, and a whole `a` absorbs any `a.x`. Blank text selects everything. A syntax error is 400
 * INVALID_ARGUMENT. A sub-selection after `*` (`*.name`) is not supported by the sandbox: 400 too,
 * so its caller learns of it instead of getting another answer than Google's.
 */
export function parseFieldSelection(text: string): FieldSelection {
  if (text.trim() === '') return ALL_FIELDS;
  let at = 0;
  const fail = (why: string) => invalidMask(text, why);
  const skipSpaces = () => {
    while (text[at] === ' ') at++;
  };
  const unexpected = (expected: string) =>
    fail(
      at < text.length
        ? `unexpected '${text[at]}' at position ${at + 1}`
        : `${expected} missing at the end`,
    );

  const name = (): string => {
    skipSpaces();
    const match = /^(\*|[A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(at));
    if (!match) throw unexpected('a field name');
    at += match[0].length;
    skipSpaces();
    return match[0];
  };

  /** One path, optionally followed by a parenthesised list, merged into `level`. */
  const item = (level: Level): void => {
    const path = [name()];
    while (text[at] === '.' || text[at] === '/') {
      at++;
      path.push(name());
    }
    let leaf = newLevel(true);
    if (text[at] === '(') {
      at++;
      leaf = newLevel();
      list(leaf, ')');
      at++;
      skipSpaces();
    }
    const star = path.indexOf('*');
    if (star >= 0 && (star < path.length - 1 || !leaf.all))
      throw fail(
        "the sandbox supports '*' only as the last name of a path (every field of its level)",
      );
    merge(level, star >= 0 ? path.slice(0, star) : path, leaf);
  };

  const list = (level: Level, end: ')' | undefined): void => {
    for (;;) {
      item(level);
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (end === undefined ? at === text.length : text[at] === end) return;
      throw unexpected(end === undefined ? 'the end' : `'${end}'`);
    }
  };

  const root = newLevel();
  list(root, undefined);
  return freeze(root);
}

/** Adds `path`, selecting `leaf` at its end, to `level`. */
function merge(level: Level, path: readonly string[], leaf: Level): void {
  if (level.all) return; // a whole level absorbs its sub-paths
  if (path.length === 0) {
    if (leaf.all) {
      level.all = true;
      level.fields.clear();
    } else for (const [key, sub] of leaf.fields) merge(level, [key], sub);
    return;
  }
  const [head, ...rest] = path as [string, ...string[]];
  let next = level.fields.get(head);
  if (!next) {
    next = newLevel();
    level.fields.set(head, next);
  }
  merge(next, rest, leaf);
}

function freeze(level: Level): FieldSelection {
  if (level.all) return ALL_FIELDS;
  return {
    kind: 'fields',
    fields: new Map([...level.fields].map(([key, sub]) => [key, freeze(sub)])),
  };
}

/** The selection back as mask text (`a(b,c),d`), for messages and tests. */
export function formatFieldSelection(selection: FieldSelection): string {
  if (selection.kind === 'all') return '*';
  return [...selection.fields]
    .map(([key, sub]) =>
      sub.kind === 'all' ? key : `${key}(${formatFieldSelection(sub)})`,
    )
    .join(',');
}
