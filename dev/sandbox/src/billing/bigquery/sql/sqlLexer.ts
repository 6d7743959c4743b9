/**
 * Tokens of BigQuery Standard SQL, the subset the billing-export emulation translates: identifiers
 * (plain or `backtick quoted`, which may hold dots and dashes), string and number literals, named
 * parameters `@name`, operators and punctuation. Keywords are identifiers compared case-insensitively.
 */

export type TokenKind =
  | 'ident'
  | 'quoted'
  | 'string'
  | 'number'
  | 'param'
  | 'op'
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** Identifier or keyword as written; string contents unescaped; operator text. */
  text: string;
  /** Offset in the query, for error messages (BigQuery reports [line:column]). */
  at: number;
}

/** A query BigQuery would reject or the sandbox cannot translate: answered 400 invalidQuery. */
export class SqlError extends Error {}

const OPERATORS = [
  '<=',
  '>=',
  '<>',
  '!=',
  '||',
  '(',
  ')',
  ',',
  '.',
  '*',
  '+',
  '-',
  '/',
  '=',
  '<',
  '>',
  ';',
  '[',
  ']',
];

/** Line and column (1-based) of an offset, as BigQuery's error messages show them. */
export function position(query: string, at: number): string {
  const before = query.slice(0, at).split('\n');
  return `[${before.length}:${before[before.length - 1]!.length + 1}]`;
}

function readQuoted(
  query: string,
  start: number,
  quote: string,
): { text: string; end: number } {
  let text = '';
  let i = start + 1;
  while (i < query.length && query[i] !== quote) {
    if (query[i] === '\\' && i + 1 < query.length) {
      const next = query[i + 1]!;
      text += next === 'n' ? '\n' : next === 't' ? '\t' : next;
      i += 2;
    } else {
      text += query[i++];
    }
  }
  if (i >= query.length)
    throw new SqlError(
      `Syntax error: Unclosed string literal at ${position(query, start)}`,
    );
  return { text, end: i + 1 };
}

/** The tokens of `query`, ending with an `eof` token. Comments (`--`, `#`, `/* *\/`) are skipped. */
export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if ((c === '-' && query[i + 1] === '-') || c === '#') {
      while (i < query.length && query[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && query[i + 1] === '*') {
      const end = query.indexOf('*/', i + 2);
      i = end < 0 ? query.length : end + 2;
      continue;
    }
    if (c === "'" || c === '"') {
      const { text, end } = readQuoted(query, i, c);
      tokens.push({ kind: 'string', text, at: i });
      i = end;
      continue;
    }
    if (c === '`') {
      const end = query.indexOf('`', i + 1);
      if (end < 0)
        throw new SqlError(
          `Syntax error: Unclosed identifier literal at ${position(query, i)}`,
        );
      tokens.push({ kind: 'quoted', text: query.slice(i + 1, end), at: i });
      i = end + 1;
      continue;
    }
    if (c === '@') {
      const m = /^@@?[A-Za-z_][A-Za-z0-9_]*/.exec(query.slice(i));
      if (!m)
        throw new SqlError(
          `Syntax error: Unexpected "@" at ${position(query, i)}`,
        );
      tokens.push({ kind: 'param', text: m[0].slice(1), at: i });
      i += m[0].length;
      continue;
    }
    const number = /^(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)/.exec(
      query.slice(i),
    );
    if (number) {
      tokens.push({ kind: 'number', text: number[0], at: i });
      i += number[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(query.slice(i));
    if (ident) {
      tokens.push({ kind: 'ident', text: ident[0], at: i });
      i += ident[0].length;
      continue;
    }
    const op = OPERATORS.find(o => query.startsWith(o, i));
    if (!op)
      throw new SqlError(
        `Syntax error: Illegal input character "${c}" at ${position(query, i)}`,
      );
    tokens.push({ kind: 'op', text: op, at: i });
    i += op.length;
  }
  tokens.push({ kind: 'eof', text: '', at: query.length });
  return tokens;
}
