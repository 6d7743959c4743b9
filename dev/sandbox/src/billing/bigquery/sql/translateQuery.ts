import { REPEATED, ROWS_TABLE, type ColumnSpec } from './exportSchema';
import type { Expr } from './sqlExpr';
import { tokenize } from './sqlLexer';
import {
  KEYWORDS,
  type OutputColumn,
  type Scope,
  type Source,
  type TableResolver,
  type TranslatedQuery,
} from './sqlCursor';
import { ExprTranslator } from './translateExpr';

/**
 * Translates the BigQuery Standard SQL the portal sends against the billing export into SQLite SQL over
 * the flattened tables (exportSchema.ts): SELECT [DISTINCT] … FROM `project.dataset.table` [AS t]
 * [, | [LEFT] JOIN UNNEST(credits|labels) AS c] WHERE … GROUP BY … HAVING … ORDER BY … LIMIT, WITH
 * clauses, subqueries (scalar ones over UNNEST(credits) included), STRUCT paths a.b, named parameters
 * @x (inlined as typed literals) and the functions of sqlExpr.ts. Anything else throws SqlError,
 * answered 400 invalidQuery: the translation never guesses.
 */
export type { OutputColumn, TableResolver, TranslatedQuery } from './sqlCursor';

export class QueryTranslator extends ExprTranslator {
  private aliasCount = 0;
  private readonly ctes = new Map<string, Record<string, ColumnSpec>>();
  private readonly resolveTable: TableResolver;

  constructor(
    resolveTable: TableResolver,
    params: Map<string, Expr>,
    nowUs: number,
  ) {
    super(params, nowUs);
    this.resolveTable = resolveTable;
  }

  translate(query: string): TranslatedQuery {
    this.tokens = tokenize(query);
    this.query = query;
    this.i = 0;
    const result = this.parseQuery(undefined);
    this.accept(';');
    if (this.peek().kind !== 'eof')
      this.fail(`Syntax error: Unexpected "${this.peek().text}"`);
    return result;
  }

  private newAlias(): string {
    return `t${this.aliasCount++}`;
  }

  protected override parseQuery(outer: Scope | undefined): TranslatedQuery {
    let withSql = '';
    if (this.acceptWord('WITH')) {
      const parts: string[] = [];
      do {
        const name = this.identifier();
        this.expectWord('AS');
        this.expect('(');
        const inner = this.parseQuery(outer);
        this.expect(')');
        this.ctes.set(
          name,
          Object.fromEntries(
            inner.columns.map(c => [
              c.name,
              { sql: `"${c.name}"`, type: c.type },
            ]),
          ),
        );
        parts.push(`"${name}" AS (${inner.sql})`);
      } while (this.accept(','));
      withSql = `WITH ${parts.join(', ')} `;
    }
    if (this.isWord('UNION'))
      this.fail('UNION is not supported by the sandbox');
    const select = this.parseSelect(outer);
    return { sql: withSql + select.sql, columns: select.columns };
  }

  private parseSelect(outer: Scope | undefined): TranslatedQuery {
    this.expectWord('SELECT');
    const distinct = this.acceptWord('DISTINCT');
    const itemsStart = this.i;
    // FROM comes first in meaning: skip the select list, read FROM, then come back for the items.
    this.skipSelectList();
    const scope: Scope = { sources: [], parent: outer };
    const where: string[] = [];
    const from = this.acceptWord('FROM') ? this.parseFrom(scope, where) : '';
    const afterFrom = this.i;
    this.i = itemsStart;
    const items = this.parseSelectList(scope);
    this.i = afterFrom;
    scope.outputs = items.columns;
    if (this.acceptWord('WHERE')) where.push(this.parseExpr(scope).sql);
    let sql = `SELECT ${distinct ? 'DISTINCT ' : ''}${items.sql}${
      from ? ` FROM ${from}` : ''
    }${where.length ? ` WHERE ${where.map(w => `(${w})`).join(' AND ')}` : ''}`;
    if (this.acceptWord('GROUP')) {
      this.expectWord('BY');
      sql += ` GROUP BY ${this.exprList(scope).join(', ')}`;
    }
    if (this.acceptWord('HAVING'))
      sql += ` HAVING ${this.parseExpr(scope).sql}`;
    if (this.acceptWord('ORDER')) {
      this.expectWord('BY');
      sql += ` ORDER BY ${this.orderList(scope)}`;
    }
    if (this.acceptWord('LIMIT')) {
      sql += ` LIMIT ${this.integer()}`;
      if (this.acceptWord('OFFSET')) sql += ` OFFSET ${this.integer()}`;
    }
    return { sql, columns: items.columns };
  }

  private integer(): number {
    const t = this.peek();
    if (t.kind === 'number' && /^\d+$/.test(t.text)) {
      this.i++;
      return Number(t.text);
    }
    if (
      t.kind === 'param' &&
      typeof this.params.get(t.text)?.constant === 'number'
    ) {
      this.i++;
      return this.params.get(t.text)!.constant as number;
    }
    return this.fail('Syntax error: Expected an integer literal');
  }

  /** Moves past the select list (balanced parentheses) to FROM or the end of the SELECT. */
  private skipSelectList(): void {
    let depth = 0;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') return;
      if (t.kind === 'op' && t.text === '(') depth++;
      if (t.kind === 'op' && t.text === ')') {
        if (depth === 0) return;
        depth--;
      }
      if (
        depth === 0 &&
        (this.isWord('FROM') ||
          this.isWord('WHERE') ||
          this.isWord('GROUP') ||
          this.isWord('ORDER') ||
          this.isWord('LIMIT') ||
          (t.kind === 'op' && t.text === ';'))
      )
        return;
      this.i++;
    }
  }

  private parseSelectList(scope: Scope): {
    sql: string;
    columns: OutputColumn[];
  } {
    const parts: string[] = [];
    const columns: OutputColumn[] = [];
    let anonymous = 0;
    do {
      if (this.accept('*')) {
        const derived = scope.sources.filter(s => !s.repeated);
        if (scope.sources.some(s => s.repeated) || derived.length === 0)
          this.fail(
            'SELECT * over the billing export is not supported by the sandbox; name the columns',
          );
        for (const source of derived)
          for (const [name, spec] of Object.entries(source.columns)) {
            parts.push(`${source.sqlAlias}.${spec.sql} AS "${name}"`);
            columns.push({ name, type: spec.type });
          }
        continue;
      }
      const start = this.i;
      const expr = this.parseExpr(scope);
      let name: string;
      if (
        this.acceptWord('AS') ||
        (this.peek().kind === 'ident' &&
          !KEYWORDS.has(this.peek().text.toUpperCase())) ||
        this.peek().kind === 'quoted'
      )
        name = this.identifier();
      else if (
        this.i === start + 1 ||
        this.tokens
          .slice(start, this.i)
          .every(
            t => t.kind === 'ident' || t.kind === 'quoted' || t.text === '.',
          )
      )
        name = this.tokens[this.i - 1]!.text;
      else name = `f${anonymous++}_`;
      parts.push(`${expr.sql} AS "${name}"`);
      columns.push({ name, type: expr.type });
    } while (this.accept(','));
    return { sql: parts.join(', '), columns };
  }

  private parseFrom(scope: Scope, where: string[]): string {
    let sql = this.fromItem(scope, where, true, 'JOIN');
    for (;;) {
      let join: string | undefined;
      if (this.accept(',')) join = 'JOIN';
      else if (this.acceptWord('CROSS')) {
        this.expectWord('JOIN');
        join = 'JOIN';
      } else if (this.acceptWord('INNER')) {
        this.expectWord('JOIN');
        join = 'JOIN';
      } else if (this.acceptWord('LEFT')) {
        this.acceptWord('OUTER');
        this.expectWord('JOIN');
        join = 'LEFT JOIN';
      } else if (this.acceptWord('JOIN')) join = 'JOIN';
      if (!join) return sql;
      sql += ` ${this.fromItem(scope, where, false, join)}`;
    }
  }

  private optionalAlias(): string | undefined {
    if (this.acceptWord('AS')) return this.identifier();
    const t = this.peek();
    if (
      (t.kind === 'ident' && !KEYWORDS.has(t.text.toUpperCase())) ||
      t.kind === 'quoted'
    )
      return this.identifier();
    return undefined;
  }

  private fromItem(
    scope: Scope,
    where: string[],
    first: boolean,
    join: string,
  ): string {
    if (this.acceptWord('UNNEST'))
      return this.unnestItem(scope, where, first, join);
    let sqlFrom: string;
    let columns: Record<string, ColumnSpec>;
    let repeated = false;
    let defaultAlias: string;
    if (this.accept('(')) {
      const inner = this.parseQuery(scope.parent);
      this.expect(')');
      columns = Object.fromEntries(
        inner.columns.map(c => [c.name, { sql: `"${c.name}"`, type: c.type }]),
      );
      sqlFrom = `(${inner.sql})`;
      defaultAlias = '';
    } else {
      const name = this.tableName();
      const cte = this.ctes.get(name);
      const table = cte ? undefined : this.resolveTable(name);
      if (!cte && !table) this.fail(`Not found: Table ${name} was not found`);
      columns = cte ?? table!;
      repeated = !cte;
      sqlFrom = cte ? `"${name}"` : ROWS_TABLE;
      defaultAlias = name.split('.').pop()!;
    }
    const alias = this.optionalAlias() ?? defaultAlias;
    const source: Source = {
      alias,
      sqlAlias: this.newAlias(),
      columns,
      repeated,
    };
    scope.sources.push(source);
    let sql = `${first ? '' : `${join} `}${sqlFrom} AS ${source.sqlAlias}`;
    if (!first)
      sql += ` ON ${this.acceptWord('ON') ? this.parseExpr(scope).sql : '1'}`;
    return sql;
  }

  /** A table name: one backtick-quoted `a.b.c` or dotted identifiers. */
  private tableName(): string {
    const parts = [this.identifier()];
    while (this.accept('.')) parts.push(this.identifier());
    return parts.join('.');
  }

  /** UNNEST(credits|labels) [AS a]: the child table joined on the owning row. */
  private unnestItem(
    scope: Scope,
    where: string[],
    first: boolean,
    join: string,
  ): string {
    this.expect('(');
    const path = this.tableName().split('.');
    this.expect(')');
    const field = path[path.length - 1]!;
    const prefix = path.slice(0, -1);
    let owner: Source | undefined;
    for (let s: Scope | undefined = scope; s && !owner; s = s.parent) {
      owner = s.sources.find(
        src =>
          src.repeated &&
          (prefix.length === 0 ||
            (prefix.length === 1 && src.alias === prefix[0])),
      );
    }
    const child = REPEATED[field];
    if (!owner || !child)
      this.fail(
        `UNNEST of ${path.join(
          '.',
        )} is not supported; only credits and labels of the billing export`,
      );
    const alias = this.optionalAlias() ?? field;
    const source: Source = {
      alias,
      sqlAlias: this.newAlias(),
      columns: child.columns,
      repeated: false,
    };
    scope.sources.push(source);
    const on = `${source.sqlAlias}.row_id = ${owner.sqlAlias}.row_id`;
    if (first) {
      where.push(on);
      return `${child.table} AS ${source.sqlAlias}`;
    }
    const extra = this.acceptWord('ON')
      ? ` AND (${this.parseExpr(scope).sql})`
      : '';
    return `${join} ${child.table} AS ${source.sqlAlias} ON ${on}${extra}`;
  }

  private exprList(scope: Scope): string[] {
    const list: string[] = [];
    do list.push(this.parseExpr(scope).sql);
    while (this.accept(','));
    return list;
  }

  private orderList(scope: Scope): string {
    const list: string[] = [];
    do {
      let item = this.parseExpr(scope).sql;
      if (this.acceptWord('DESC')) item += ' DESC';
      else if (this.acceptWord('ASC')) item += ' ASC';
      if (this.acceptWord('NULLS'))
        item += this.acceptWord('FIRST')
          ? ' NULLS FIRST'
          : (this.expectWord('LAST'), ' NULLS LAST');
      list.push(item);
    } while (this.accept(','));
    return list.join(', ');
  }
}
