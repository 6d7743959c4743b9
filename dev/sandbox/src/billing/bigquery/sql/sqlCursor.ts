import type { ColumnSpec, SqlType } from './exportSchema';
import { position, SqlError, type Token } from './sqlLexer';

/** Token cursor and name scopes shared by the expression and query translators. */

/** The export tables a query may name, resolved by the caller from `project.dataset.table`. */
export type TableResolver = (
  name: string,
) => Record<string, ColumnSpec> | undefined;

/** An output column of a translated query. */
export interface OutputColumn {
  name: string;
  type: SqlType;
}

export interface TranslatedQuery {
  sql: string;
  columns: OutputColumn[];
}

export interface Source {
  alias: string;
  sqlAlias: string;
  columns: Record<string, ColumnSpec>;
  /** Repeated fields (credits, labels) of an export source, joinable with UNNEST. */
  repeated: boolean;
}

export interface Scope {
  sources: Source[];
  parent?: Scope;
  outputs?: OutputColumn[];
}

/** Words that end an expression or clause, so they are never taken as implicit aliases. */
export const KEYWORDS = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP',
  'HAVING',
  'ORDER',
  'LIMIT',
  'OFFSET',
  'AS',
  'ON',
  'JOIN',
  'LEFT',
  'INNER',
  'CROSS',
  'OUTER',
  'UNION',
  'AND',
  'OR',
  'NOT',
  'BY',
  'ASC',
  'DESC',
  'WITH',
  'NULLS',
  'FIRST',
  'LAST',
  'IN',
  'IS',
  'BETWEEN',
  'LIKE',
  'WINDOW',
  'QUALIFY',
  'DISTINCT',
  'END',
  'THEN',
  'WHEN',
  'ELSE',
]);

export abstract class SqlCursor {
  protected tokens: Token[] = [];
  protected i = 0;
  protected query = '';

  /** The token `offset` ahead (eof past the end). */
  protected peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)]!;
  }
  protected fail(message: string): never {
    throw new SqlError(`${message} at ${position(this.query, this.peek().at)}`);
  }
  protected isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'ident' && t.text.toUpperCase() === word;
  }
  protected acceptWord(word: string): boolean {
    if (this.isWord(word)) {
      this.i++;
      return true;
    }
    return false;
  }
  protected expectWord(word: string): void {
    if (!this.acceptWord(word))
      this.fail(
        `Syntax error: Expected keyword ${word} but got "${this.peek().text}"`,
      );
  }
  protected accept(op: string): boolean {
    const t = this.peek();
    if (t.kind === 'op' && t.text === op) {
      this.i++;
      return true;
    }
    return false;
  }
  protected expect(op: string): void {
    if (!this.accept(op))
      this.fail(
        `Syntax error: Expected "${op}" but got "${
          this.peek().text || 'end of input'
        }"`,
      );
  }

  protected identifier(): string {
    const t = this.peek();
    if (
      (t.kind === 'ident' && !KEYWORDS.has(t.text.toUpperCase())) ||
      t.kind === 'quoted'
    ) {
      this.i++;
      return t.text;
    }
    return this.fail(`Syntax error: Expected identifier but got "${t.text}"`);
  }
}
