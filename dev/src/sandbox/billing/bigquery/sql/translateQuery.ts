import { REPEATED, ROWS_TABLE, type ColumnSpec, type SqlType } from './exportSchema';
import { callFunction, cast, extract, isAggregate, quote, toTimestamp, type Expr } from './sqlExpr';
import { position, SqlError, tokenize, type Token } from './sqlLexer';

/**
 * Translates the BigQuery Standard SQL the portal sends against the billing export into SQLite SQL over
 * the flattened tables (exportSchema.ts): SELECT [DISTINCT] … FROM `project.dataset.table` [AS t]
 * [, | [LEFT] JOIN UNNEST(credits|labels) AS c] WHERE … GROUP BY … HAVING … ORDER BY … LIMIT, WITH
 * clauses, subqueries (scalar ones over UNNEST(credits) included), STRUCT paths a.b, named parameters
 * @x (inlined as typed literals) and the functions of sqlExpr.ts. Anything else throws SqlError,
 * answered 400 invalidQuery: the translation never guesses.
 */

/** The export tables a query may name, resolved by the caller from `project.dataset.table`. */
export type TableResolver = (name: string) => Record<string, ColumnSpec> | undefined;

/** An output column of a translated query. */
export interface OutputColumn {
  name: string;
  type: SqlType;
}

export interface TranslatedQuery {
  sql: string;
  columns: OutputColumn[];
}

interface Source {
  alias: string;
  sqlAlias: string;
  columns: Record<string, ColumnSpec>;
  /** Repeated fields (credits, labels) of an export source, joinable with UNNEST. */
  repeated: boolean;
}

interface Scope {
  sources: Source[];
  parent?: Scope;
  outputs?: OutputColumn[];
}

const KEYWORDS = new Set(['SELECT', 'FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'AS', 'ON', 'JOIN', 'LEFT', 'INNER', 'CROSS',
  'OUTER', 'UNION', 'AND', 'OR', 'NOT', 'BY', 'ASC', 'DESC', 'WITH', 'NULLS', 'FIRST', 'LAST', 'IN', 'IS', 'BETWEEN', 'LIKE', 'WINDOW', 'QUALIFY', 'DISTINCT', 'END', 'THEN', 'WHEN', 'ELSE']);
const DATE_PART_ARG: Record<string, number> = { TIMESTAMP_TRUNC: 1, DATE_TRUNC: 1, TIMESTAMP_DIFF: 2, DATE_DIFF: 2 };

export class QueryTranslator {
  private tokens: Token[] = [];
  private i = 0;
  private aliasCount = 0;
  private readonly ctes = new Map<string, Record<string, ColumnSpec>>();

  constructor(
    private readonly resolveTable: TableResolver,
    private readonly params: Map<string, Expr>,
    private readonly nowUs: number,
  ) {}

  /** Translates one query (a trailing `;` allowed). */
  translate(query: string): TranslatedQuery {
    this.tokens = tokenize(query);
    this.query = query;
    const result = this.parseQuery(undefined);
    this.accept(';');
    if (this.peek().kind !== 'eof') this.fail(`Syntax error: Unexpected "${this.peek().text}"`);
    return result;
  }

  private query = '';

  private peek(offset = 0): Token { return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)]!; }
  private fail(message: string): never { throw new SqlError(`${message} at ${position(this.query, this.peek().at)}`); }
  private isWord(word: string, offset = 0): boolean { const t = this.peek(offset); return t.kind === 'ident' && t.text.toUpperCase() === word; }
  private acceptWord(word: string): boolean { if (this.isWord(word)) { this.i++; return true; } return false; }
  private expectWord(word: string): void { if (!this.acceptWord(word)) this.fail(`Syntax error: Expected keyword ${word} but got "${this.peek().text}"`); }
  private accept(op: string): boolean { const t = this.peek(); if (t.kind === 'op' && t.text === op) { this.i++; return true; } return false; }
  private expect(op: string): void { if (!this.accept(op)) this.fail(`Syntax error: Expected "${op}" but got "${this.peek().text || 'end of input'}"`); }
  private newAlias(): string { return `t${this.aliasCount++}`; }

  private identifier(): string {
    const t = this.peek();
    if ((t.kind === 'ident' && !KEYWORDS.has(t.text.toUpperCase())) || t.kind === 'quoted') { this.i++; return t.text; }
    return this.fail(`Syntax error: Expected identifier but got "${t.text}"`);
  }

  private parseQuery(outer: Scope | undefined): TranslatedQuery {
    let withSql = '';
    if (this.acceptWord('WITH')) {
      const parts: string[] = [];
      do {
        const name = this.identifier();
        this.expectWord('AS');
        this.expect('(');
        const inner = this.parseQuery(outer);
        this.expect(')');
        this.ctes.set(name, Object.fromEntries(inner.columns.map((c) => [c.name, { sql: `"${c.name}"`, type: c.type }])));
        parts.push(`"${name}" AS (${inner.sql})`);
      } while (this.accept(','));
      withSql = `WITH ${parts.join(', ')} `;
    }
    if (this.isWord('UNION')) this.fail('UNION is not supported by the sandbox');
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
    let sql = `SELECT ${distinct ? 'DISTINCT ' : ''}${items.sql}${from ? ` FROM ${from}` : ''}${where.length ? ` WHERE ${where.map((w) => `(${w})`).join(' AND ')}` : ''}`;
    if (this.acceptWord('GROUP')) { this.expectWord('BY'); sql += ` GROUP BY ${this.exprList(scope).join(', ')}`; }
    if (this.acceptWord('HAVING')) sql += ` HAVING ${this.parseExpr(scope).sql}`;
    if (this.acceptWord('ORDER')) { this.expectWord('BY'); sql += ` ORDER BY ${this.orderList(scope)}`; }
    if (this.acceptWord('LIMIT')) {
      sql += ` LIMIT ${this.integer()}`;
      if (this.acceptWord('OFFSET')) sql += ` OFFSET ${this.integer()}`;
    }
    return { sql, columns: items.columns };
  }

  private integer(): number {
    const t = this.peek();
    if (t.kind === 'number' && /^\d+$/.test(t.text)) { this.i++; return Number(t.text); }
    if (t.kind === 'param' && typeof this.params.get(t.text)?.constant === 'number') { this.i++; return this.params.get(t.text)!.constant as number; }
    return this.fail('Syntax error: Expected an integer literal');
  }

  /** Moves past the select list (balanced parentheses) to FROM or the end of the SELECT. */
  private skipSelectList(): void {
    let depth = 0;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') return;
      if (t.kind === 'op' && t.text === '(') depth++;
      if (t.kind === 'op' && t.text === ')') { if (depth === 0) return; depth--; }
      if (depth === 0 && (this.isWord('FROM') || this.isWord('WHERE') || this.isWord('GROUP') || this.isWord('ORDER') || this.isWord('LIMIT') || (t.kind === 'op' && t.text === ';'))) return;
      this.i++;
    }
  }

  private parseSelectList(scope: Scope): { sql: string; columns: OutputColumn[] } {
    const parts: string[] = [];
    const columns: OutputColumn[] = [];
    let anonymous = 0;
    do {
      if (this.accept('*')) {
        const derived = scope.sources.filter((s) => !s.repeated);
        if (scope.sources.some((s) => s.repeated) || derived.length === 0) this.fail('SELECT * over the billing export is not supported by the sandbox; name the columns');
        for (const source of derived) for (const [name, spec] of Object.entries(source.columns)) {
          parts.push(`${source.sqlAlias}.${spec.sql} AS "${name}"`);
          columns.push({ name, type: spec.type });
        }
        continue;
      }
      const start = this.i;
      const expr = this.parseExpr(scope);
      let name: string;
      if (this.acceptWord('AS') || (this.peek().kind === 'ident' && !KEYWORDS.has(this.peek().text.toUpperCase())) || this.peek().kind === 'quoted') name = this.identifier();
      else if (this.i === start + 1 || this.tokens.slice(start, this.i).every((t) => t.kind === 'ident' || t.kind === 'quoted' || t.text === '.')) name = this.tokens[this.i - 1]!.text;
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
      else if (this.acceptWord('CROSS')) { this.expectWord('JOIN'); join = 'JOIN'; }
      else if (this.acceptWord('INNER')) { this.expectWord('JOIN'); join = 'JOIN'; }
      else if (this.acceptWord('LEFT')) { this.acceptWord('OUTER'); this.expectWord('JOIN'); join = 'LEFT JOIN'; }
      else if (this.acceptWord('JOIN')) join = 'JOIN';
      if (!join) return sql;
      sql += ` ${this.fromItem(scope, where, false, join)}`;
    }
  }

  private optionalAlias(): string | undefined {
    if (this.acceptWord('AS')) return this.identifier();
    const t = this.peek();
    if ((t.kind === 'ident' && !KEYWORDS.has(t.text.toUpperCase())) || t.kind === 'quoted') return this.identifier();
    return undefined;
  }

  private fromItem(scope: Scope, where: string[], first: boolean, join: string): string {
    if (this.acceptWord('UNNEST')) return this.unnestItem(scope, where, first, join);
    let sqlFrom: string;
    let columns: Record<string, ColumnSpec>;
    let repeated = false;
    let defaultAlias: string;
    if (this.accept('(')) {
      const inner = this.parseQuery(scope.parent);
      this.expect(')');
      columns = Object.fromEntries(inner.columns.map((c) => [c.name, { sql: `"${c.name}"`, type: c.type }]));
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
    const source: Source = { alias, sqlAlias: this.newAlias(), columns, repeated };
    scope.sources.push(source);
    let sql = `${first ? '' : `${join} `}${sqlFrom} AS ${source.sqlAlias}`;
    if (!first) sql += ` ON ${this.acceptWord('ON') ? this.parseExpr(scope).sql : '1'}`;
    return sql;
  }

  /** A table name: one backtick-quoted `a.b.c` or dotted identifiers. */
  private tableName(): string {
    const parts = [this.identifier()];
    while (this.accept('.')) parts.push(this.identifier());
    return parts.join('.');
  }

  /** UNNEST(credits|labels) [AS a]: the child table joined on the owning row. */
  private unnestItem(scope: Scope, where: string[], first: boolean, join: string): string {
    this.expect('(');
    const path = this.tableName().split('.');
    this.expect(')');
    const field = path[path.length - 1]!;
    const prefix = path.slice(0, -1);
    let owner: Source | undefined;
    for (let s: Scope | undefined = scope; s && !owner; s = s.parent) {
      owner = s.sources.find((src) => src.repeated && (prefix.length === 0 || (prefix.length === 1 && src.alias === prefix[0])));
    }
    const child = REPEATED[field];
    if (!owner || !child) this.fail(`UNNEST of ${path.join('.')} is not supported; only credits and labels of the billing export`);
    const alias = this.optionalAlias() ?? field;
    const source: Source = { alias, sqlAlias: this.newAlias(), columns: child.columns, repeated: false };
    scope.sources.push(source);
    const on = `${source.sqlAlias}.row_id = ${owner.sqlAlias}.row_id`;
    if (first) { where.push(on); return `${child.table} AS ${source.sqlAlias}`; }
    const extra = this.acceptWord('ON') ? ` AND (${this.parseExpr(scope).sql})` : '';
    return `${join} ${child.table} AS ${source.sqlAlias} ON ${on}${extra}`;
  }

  private exprList(scope: Scope): string[] {
    const list: string[] = [];
    do list.push(this.parseExpr(scope).sql); while (this.accept(','));
    return list;
  }

  private orderList(scope: Scope): string {
    const list: string[] = [];
    do {
      let item = this.parseExpr(scope).sql;
      if (this.acceptWord('DESC')) item += ' DESC'; else if (this.acceptWord('ASC')) item += ' ASC';
      if (this.acceptWord('NULLS')) item += this.acceptWord('FIRST') ? ' NULLS FIRST' : (this.expectWord('LAST'), ' NULLS LAST');
      list.push(item);
    } while (this.accept(','));
    return list.join(', ');
  }

  // ---- expressions, lowest precedence first ----

  parseExpr(scope: Scope): Expr {
    let left = this.parseAnd(scope);
    while (this.acceptWord('OR')) left = { sql: `(${left.sql} OR ${this.parseAnd(scope).sql})`, type: 'BOOL' };
    return left;
  }

  private parseAnd(scope: Scope): Expr {
    let left = this.parseNot(scope);
    while (this.acceptWord('AND')) left = { sql: `(${left.sql} AND ${this.parseNot(scope).sql})`, type: 'BOOL' };
    return left;
  }

  private parseNot(scope: Scope): Expr {
    if (this.acceptWord('NOT')) return { sql: `(NOT ${this.parseNot(scope).sql})`, type: 'BOOL' };
    return this.parseComparison(scope);
  }

  private parseComparison(scope: Scope): Expr {
    const left = this.parseAdditive(scope);
    const t = this.peek();
    if (t.kind === 'op' && ['=', '!=', '<>', '<', '<=', '>', '>='].includes(t.text)) {
      this.i++;
      const [l, r] = coerce(left, this.parseAdditive(scope));
      return { sql: `(${l.sql} ${t.text === '<>' ? '!=' : t.text} ${r.sql})`, type: 'BOOL' };
    }
    if (this.acceptWord('IS')) {
      const not = this.acceptWord('NOT');
      const value = this.acceptWord('NULL') ? 'NULL' : this.acceptWord('TRUE') ? '1' : (this.expectWord('FALSE'), '0');
      return { sql: `(${left.sql} IS ${not ? 'NOT ' : ''}${value})`, type: 'BOOL' };
    }
    const not = this.acceptWord('NOT');
    if (this.acceptWord('IN')) return { sql: `(${left.sql} ${not ? 'NOT ' : ''}IN (${this.inList(scope, left).join(', ')}))`, type: 'BOOL' };
    if (this.acceptWord('BETWEEN')) {
      const [, low] = coerce(left, this.parseAdditive(scope));
      this.expectWord('AND');
      const [, high] = coerce(left, this.parseAdditive(scope));
      return { sql: `(${left.sql} ${not ? 'NOT ' : ''}BETWEEN ${low.sql} AND ${high.sql})`, type: 'BOOL' };
    }
    if (this.acceptWord('LIKE')) return { sql: `(${left.sql} ${not ? 'NOT ' : ''}LIKE ${this.parseAdditive(scope).sql})`, type: 'BOOL' };
    if (not) this.fail('Syntax error: Expected IN, BETWEEN or LIKE after NOT');
    return left;
  }

  private inList(scope: Scope, left: Expr): string[] {
    if (this.acceptWord('UNNEST')) {
      this.expect('(');
      const list = this.parseExpr(scope);
      this.expect(')');
      if (!list.list) this.fail('IN UNNEST() needs an ARRAY query parameter');
      return list.list.length ? list.list : ['NULL'];
    }
    this.expect('(');
    if (this.isWord('SELECT')) { const sub = this.parseQuery(scope); this.expect(')'); return [sub.sql]; }
    const items: string[] = [];
    do items.push(coerce(left, this.parseExpr(scope))[1].sql); while (this.accept(','));
    this.expect(')');
    return items;
  }

  private parseAdditive(scope: Scope): Expr {
    let left = this.parseMultiplicative(scope);
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || !['+', '-', '||'].includes(t.text)) return left;
      this.i++;
      const right = this.parseMultiplicative(scope);
      if (t.text === '||') left = { sql: `(${left.sql} || ${right.sql})`, type: 'STRING' };
      else left = { sql: `(${left.sql} ${t.text} ${right.sql})`, type: left.type === 'INT64' && right.type === 'INT64' ? 'INT64' : 'FLOAT64' };
    }
  }

  private parseMultiplicative(scope: Scope): Expr {
    let left = this.parseUnary(scope);
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || !['*', '/'].includes(t.text)) return left;
      this.i++;
      const right = this.parseUnary(scope);
      // BigQuery's `/` always returns FLOAT64 (SQLite would divide integers).
      left = t.text === '/'
        ? { sql: `(CAST(${left.sql} AS REAL) / ${right.sql})`, type: 'FLOAT64' }
        : { sql: `(${left.sql} * ${right.sql})`, type: left.type === 'INT64' && right.type === 'INT64' ? 'INT64' : 'FLOAT64' };
    }
  }

  private parseUnary(scope: Scope): Expr {
    if (this.accept('-')) { const e = this.parseUnary(scope); return { sql: `(-${e.sql})`, type: e.type, constant: typeof e.constant === 'number' ? -e.constant : undefined }; }
    return this.parsePrimary(scope);
  }

  private parsePrimary(scope: Scope): Expr {
    const t = this.peek();
    if (t.kind === 'number') { this.i++; const n = Number(t.text); return { sql: t.text, type: /^\d+$/.test(t.text) ? 'INT64' : 'FLOAT64', constant: n }; }
    if (t.kind === 'string') { this.i++; return { sql: quote(t.text), type: 'STRING', constant: t.text }; }
    if (t.kind === 'param') {
      this.i++;
      const param = this.params.get(t.text);
      if (!param) this.fail(`Query parameter '${t.text}' not found`);
      return param;
    }
    if (t.kind === 'op' && t.text === '(') {
      this.i++;
      if (this.isWord('SELECT') || this.isWord('WITH')) {
        const sub = this.parseQuery(scope);
        this.expect(')');
        if (sub.columns.length !== 1) this.fail('Scalar subquery cannot have more than one column');
        return { sql: `(${sub.sql})`, type: sub.columns[0]!.type };
      }
      const inner = this.parseExpr(scope);
      this.expect(')');
      return { ...inner, sql: `(${inner.sql})` };
    }
    if (t.kind !== 'ident' && t.kind !== 'quoted') this.fail(`Syntax error: Unexpected "${t.text || 'end of input'}"`);
    const word = t.text.toUpperCase();
    if (t.kind === 'ident') {
      if (word === 'NULL') { this.i++; return { sql: 'NULL', type: 'NULL', constant: null }; }
      if (word === 'TRUE' || word === 'FALSE') { this.i++; return { sql: word === 'TRUE' ? '1' : '0', type: 'BOOL', constant: word === 'TRUE' }; }
      if (word === 'CASE') return this.parseCase(scope);
      if (word === 'INTERVAL') { this.i++; const n = this.parseAdditive(scope); return { ...n, intervalUnit: this.identifier().toUpperCase() }; }
      if ((word === 'TIMESTAMP' || word === 'DATE') && this.peek(1).kind === 'string') {
        this.i++;
        const literal = this.parsePrimary(scope);
        return word === 'TIMESTAMP' ? toTimestamp(literal) : { sql: `date(${literal.sql})`, type: 'DATE' };
      }
      if (this.peek(1).kind === 'op' && this.peek(1).text === '(') return this.parseCall(scope, word);
    }
    return this.parsePath(scope);
  }

  private parseCase(scope: Scope): Expr {
    this.i++;
    const subject = this.isWord('WHEN') ? undefined : this.parseExpr(scope);
    let sql = `CASE${subject ? ` ${subject.sql}` : ''}`;
    let type: SqlType = 'NULL';
    while (this.acceptWord('WHEN')) {
      sql += ` WHEN ${this.parseExpr(scope).sql}`;
      this.expectWord('THEN');
      const value = this.parseExpr(scope);
      if (type === 'NULL') type = value.type;
      sql += ` THEN ${value.sql}`;
    }
    if (this.acceptWord('ELSE')) { const value = this.parseExpr(scope); if (type === 'NULL') type = value.type; sql += ` ELSE ${value.sql}`; }
    this.expectWord('END');
    return { sql: `(${sql} END)`, type };
  }

  private parseCall(scope: Scope, name: string): Expr {
    this.i += 2;
    if (name === 'CAST' || name === 'SAFE_CAST') {
      const value = this.parseExpr(scope);
      this.expectWord('AS');
      const type = this.identifier().toUpperCase();
      this.expect(')');
      return cast(value, type);
    }
    if (name === 'EXTRACT') {
      const part = this.identifier().toUpperCase();
      this.expectWord('FROM');
      const value = this.parseExpr(scope);
      this.expect(')');
      return extract(part, value);
    }
    const distinct = this.acceptWord('DISTINCT');
    const args: Expr[] = [];
    let part: string | undefined;
    if (name === 'COUNT' && this.accept('*')) { this.expect(')'); return callFunction('COUNT', [], undefined, this.nowUs, false); }
    if (!this.accept(')')) {
      do {
        if (DATE_PART_ARG[name] === args.length && this.peek().kind === 'ident') { part = this.identifier().toUpperCase(); continue; }
        args.push(this.parseExpr(scope));
      } while (this.accept(','));
      this.expect(')');
    }
    if (this.isWord('OVER')) this.fail('Window functions are not supported by the sandbox');
    if (isAggregate(name) || DATE_PART_ARG[name] === undefined || part) return callFunction(name, args, part, this.nowUs, distinct);
    return this.fail(`A valid date part name is required for ${name}`);
  }

  /** A column path: [alias.]a.b, resolved in this scope, outer scopes, then select-list aliases. */
  private parsePath(scope: Scope): Expr {
    const parts = [this.identifier()];
    while (this.peek().kind === 'op' && this.peek().text === '.' && (this.peek(1).kind === 'ident' || this.peek(1).kind === 'quoted')) { this.i++; parts.push(this.identifier()); }
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const byAlias = s.sources.find((src) => src.alias === parts[0] && parts.length > 1);
      if (byAlias) {
        const spec = byAlias.columns[parts.slice(1).join('.')];
        if (!spec) this.fail(`Field name ${parts.slice(1).join('.')} does not exist in ${parts[0]}`);
        return { sql: `${byAlias.sqlAlias}.${spec.sql}`, type: spec.type };
      }
      for (const src of s.sources) {
        const spec = src.columns[parts.join('.')];
        if (spec) return { sql: `${src.sqlAlias}.${spec.sql}`, type: spec.type };
      }
      const output = parts.length === 1 ? s.outputs?.find((o) => o.name === parts[0]) : undefined;
      if (output) return { sql: `"${output.name}"`, type: output.type };
    }
    return this.fail(`Unrecognized name: ${parts.join('.')}`);
  }
}

/** Coerces a string constant compared with a TIMESTAMP into microseconds, as BigQuery coerces literals. */
function coerce(left: Expr, right: Expr): [Expr, Expr] {
  if (left.type === 'TIMESTAMP' && typeof right.constant === 'string') return [left, toTimestamp(right)];
  if (right.type === 'TIMESTAMP' && typeof left.constant === 'string') return [toTimestamp(left), right];
  return [left, right];
}
