/**
 * Tokens of the Monitoring filter language: quoted strings (double or single quotes, backslash
 * escapes), bare words (selectors, function names, unquoted values), numbers, operators, parentheses,
 * commas, and the upper-case keywords AND, OR, NOT.
 */
import { invalidArgument } from '../../googleError';

export type FilterToken =
  | { type: 'string'; value: string; at: number }
  | { type: 'word'; value: string; at: number }
  | {
      type: 'op';
      value: '=' | '!=' | ':' | '<' | '>' | '<=' | '>=';
      at: number;
    }
  | { type: 'keyword'; value: 'AND' | 'OR' | 'NOT'; at: number }
  | { type: '(' | ')' | ','; at: number };

/** A 400 INVALID_ARGUMENT for the `filter` field, with Google's "invalid value" wording. */
export function filterError(filter: string, reason: string): Error {
  return invalidArgument(
    `Field filter had an invalid value of "${filter}": ${reason}`,
    [{ field: 'filter', description: reason }],
  );
}

const WORD = /[A-Za-z0-9_.\-/]/;

/** Splits `filter` into tokens; throws 400 INVALID_ARGUMENT on an unterminated string or a stray character. */
export function tokenizeFilter(filter: string): FilterToken[] {
  const tokens: FilterToken[] = [];
  let i = 0;
  while (i < filter.length) {
    const ch = filter[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '"' || ch === "'") {
      const start = i;
      let value = '';
      i++;
      while (i < filter.length && filter[i] !== ch) {
        if (filter[i] === '\\' && i + 1 < filter.length) i++;
        value += filter[i];
        i++;
      }
      if (i >= filter.length)
        throw filterError(
          filter,
          `unterminated string starting at position ${start}`,
        );
      i++;
      tokens.push({ type: 'string', value, at: start });
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ type: ch, at: i });
      i++;
    } else if (ch === '!' && filter[i + 1] === '=') {
      tokens.push({ type: 'op', value: '!=', at: i });
      i += 2;
    } else if (ch === '<' || ch === '>') {
      const op = filter[i + 1] === '=' ? (`${ch}=` as '<=' | '>=') : ch;
      tokens.push({ type: 'op', value: op, at: i });
      i += op.length;
    } else if (ch === '=' || ch === ':') {
      tokens.push({ type: 'op', value: ch, at: i });
      i++;
    } else if (WORD.test(ch)) {
      const start = i;
      while (i < filter.length && WORD.test(filter[i]!)) i++;
      const word = filter.slice(start, i);
      if (word === 'AND' || word === 'OR' || word === 'NOT')
        tokens.push({ type: 'keyword', value: word, at: start });
      else tokens.push({ type: 'word', value: word, at: start });
    } else {
      throw filterError(
        filter,
        `unexpected character '${ch}' at position ${i}`,
      );
    }
  }
  return tokens;
}
