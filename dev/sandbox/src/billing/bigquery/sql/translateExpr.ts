import type { SqlType } from './exportSchema';
import {
  callFunction,
  cast,
  extract,
  isAggregate,
  quote,
  toTimestamp,
  type Expr,
} from './sqlExpr';
import { SqlCursor, type Scope, type TranslatedQuery } from './sqlCursor';

/**
 * Expressions of the BigQuery → SQLite translation, lowest precedence first: OR, AND, NOT,
 * comparisons (IN, BETWEEN, LIKE, IS), + - ||, * /, unary minus, primaries (literals, @params,
 * CASE, INTERVAL, calls, scalar subqueries, column paths).
 */

const DATE_PART_ARG: Record<string, number> = {
  TIMESTAMP_TRUNC: 1,
  DATE_TRUNC: 1,
  TIMESTAMP_DIFF: 2,
  DATE_DIFF: 2,
};

export abstract class ExprTranslator extends SqlCursor {
  protected readonly params: Map<string, Expr>;
  protected readonly nowUs: number;

  constructor(params: Map<string, Expr>, nowUs: number) {
    super();
    this.params = params;
    this.nowUs = nowUs;
  }

  /** A full query (subqueries in expressions); the query translator implements it. */
  protected abstract parseQuery(outer: Scope | undefined): TranslatedQuery;

  parseExpr(scope: Scope): Expr {
    let left = this.parseAnd(scope);
    while (this.acceptWord('OR'))
      left = {
        sql: `(${left.sql} OR ${this.parseAnd(scope).sql})`,
        type: 'BOOL',
      };
    return left;
  }

  protected parseAnd(scope: Scope): Expr {
    let left = this.parseNot(scope);
    while (this.acceptWord('AND'))
      left = {
        sql: `(${left.sql} AND ${this.parseNot(scope).sql})`,
        type: 'BOOL',
      };
    return left;
  }

  protected parseNot(scope: Scope): Expr {
    if (this.acceptWord('NOT'))
      return { sql: `(NOT ${this.parseNot(scope).sql})`, type: 'BOOL' };
    return this.parseComparison(scope);
  }

  protected parseComparison(scope: Scope): Expr {
    const left = this.parseAdditive(scope);
    const t = this.peek();
    if (
      t.kind === 'op' &&
      ['=', '!=', '<>', '<', '<=', '>', '>='].includes(t.text)
    ) {
      this.i++;
      const [l, r] = coerce(left, this.parseAdditive(scope));
      return {
        sql: `(${l.sql} ${t.text === '<>' ? '!=' : t.text} ${r.sql})`,
        type: 'BOOL',
      };
    }
    if (this.acceptWord('IS')) {
      const not = this.acceptWord('NOT');
      const value = this.acceptWord('NULL')
        ? 'NULL'
        : this.acceptWord('TRUE')
        ? '1'
        : (this.expectWord('FALSE'), '0');
      return {
        sql: `(${left.sql} IS ${not ? 'NOT ' : ''}${value})`,
        type: 'BOOL',
      };
    }
    const not = this.acceptWord('NOT');
    if (this.acceptWord('IN'))
      return {
        sql: `(${left.sql} ${not ? 'NOT ' : ''}IN (${this.inList(
          scope,
          left,
        ).join(', ')}))`,
        type: 'BOOL',
      };
    if (this.acceptWord('BETWEEN')) {
      const [, low] = coerce(left, this.parseAdditive(scope));
      this.expectWord('AND');
      const [, high] = coerce(left, this.parseAdditive(scope));
      return {
        sql: `(${left.sql} ${not ? 'NOT ' : ''}BETWEEN ${low.sql} AND ${
          high.sql
        })`,
        type: 'BOOL',
      };
    }
    if (this.acceptWord('LIKE'))
      return {
        sql: `(${left.sql} ${not ? 'NOT ' : ''}LIKE ${
          this.parseAdditive(scope).sql
        })`,
        type: 'BOOL',
      };
    if (not) this.fail('Syntax error: Expected IN, BETWEEN or LIKE after NOT');
    return left;
  }

  protected inList(scope: Scope, left: Expr): string[] {
    if (this.acceptWord('UNNEST')) {
      this.expect('(');
      const list = this.parseExpr(scope);
      this.expect(')');
      if (!list.list) this.fail('IN UNNEST() needs an ARRAY query parameter');
      return list.list.length ? list.list : ['NULL'];
    }
    this.expect('(');
    if (this.isWord('SELECT')) {
      const sub = this.parseQuery(scope);
      this.expect(')');
      return [sub.sql];
    }
    const items: string[] = [];
    do items.push(coerce(left, this.parseExpr(scope))[1].sql);
    while (this.accept(','));
    this.expect(')');
    return items;
  }

  protected parseAdditive(scope: Scope): Expr {
    let left = this.parseMultiplicative(scope);
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || !['+', '-', '||'].includes(t.text)) return left;
      this.i++;
      const right = this.parseMultiplicative(scope);
      if (t.text === '||')
        left = { sql: `(${left.sql} || ${right.sql})`, type: 'STRING' };
      else
        left = {
          sql: `(${left.sql} ${t.text} ${right.sql})`,
          type:
            left.type === 'INT64' && right.type === 'INT64'
              ? 'INT64'
              : 'FLOAT64',
        };
    }
  }

  protected parseMultiplicative(scope: Scope): Expr {
    let left = this.parseUnary(scope);
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || !['*', '/'].includes(t.text)) return left;
      this.i++;
      const right = this.parseUnary(scope);
      // BigQuery's `/` always returns FLOAT64 (SQLite would divide integers).
      left =
        t.text === '/'
          ? {
              sql: `(CAST(${left.sql} AS REAL) / ${right.sql})`,
              type: 'FLOAT64',
            }
          : {
              sql: `(${left.sql} * ${right.sql})`,
              type:
                left.type === 'INT64' && right.type === 'INT64'
                  ? 'INT64'
                  : 'FLOAT64',
            };
    }
  }

  protected parseUnary(scope: Scope): Expr {
    if (this.accept('-')) {
      const e = this.parseUnary(scope);
      return {
        sql: `(-${e.sql})`,
        type: e.type,
        constant: typeof e.constant === 'number' ? -e.constant : undefined,
      };
    }
    return this.parsePrimary(scope);
  }

  protected parsePrimary(scope: Scope): Expr {
    const t = this.peek();
    if (t.kind === 'number') {
      this.i++;
      const n = Number(t.text);
      return {
        sql: t.text,
        type: /^\d+$/.test(t.text) ? 'INT64' : 'FLOAT64',
        constant: n,
      };
    }
    if (t.kind === 'string') {
      this.i++;
      return { sql: quote(t.text), type: 'STRING', constant: t.text };
    }
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
        if (sub.columns.length !== 1)
          this.fail('Scalar subquery cannot have more than one column');
        return { sql: `(${sub.sql})`, type: sub.columns[0]!.type };
      }
      const inner = this.parseExpr(scope);
      this.expect(')');
      return { ...inner, sql: `(${inner.sql})` };
    }
    if (t.kind !== 'ident' && t.kind !== 'quoted')
      this.fail(`Syntax error: Unexpected "${t.text || 'end of input'}"`);
    const word = t.text.toUpperCase();
    if (t.kind === 'ident') {
      if (word === 'NULL') {
        this.i++;
        return { sql: 'NULL', type: 'NULL', constant: null };
      }
      if (word === 'TRUE' || word === 'FALSE') {
        this.i++;
        return {
          sql: word === 'TRUE' ? '1' : '0',
          type: 'BOOL',
          constant: word === 'TRUE',
        };
      }
      if (word === 'CASE') return this.parseCase(scope);
      if (word === 'INTERVAL') {
        this.i++;
        const n = this.parseAdditive(scope);
        return { ...n, intervalUnit: this.identifier().toUpperCase() };
      }
      if (
        (word === 'TIMESTAMP' || word === 'DATE') &&
        this.peek(1).kind === 'string'
      ) {
        this.i++;
        const literal = this.parsePrimary(scope);
        return word === 'TIMESTAMP'
          ? toTimestamp(literal)
          : { sql: `date(${literal.sql})`, type: 'DATE' };
      }
      if (this.peek(1).kind === 'op' && this.peek(1).text === '(')
        return this.parseCall(scope, word);
    }
    return this.parsePath(scope);
  }

  protected parseCase(scope: Scope): Expr {
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
    if (this.acceptWord('ELSE')) {
      const value = this.parseExpr(scope);
      if (type === 'NULL') type = value.type;
      sql += ` ELSE ${value.sql}`;
    }
    this.expectWord('END');
    return { sql: `(${sql} END)`, type };
  }

  protected parseCall(scope: Scope, name: string): Expr {
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
    if (name === 'COUNT' && this.accept('*')) {
      this.expect(')');
      return callFunction('COUNT', [], undefined, this.nowUs, false);
    }
    if (!this.accept(')')) {
      do {
        if (
          DATE_PART_ARG[name] === args.length &&
          this.peek().kind === 'ident'
        ) {
          part = this.identifier().toUpperCase();
          continue;
        }
        args.push(this.parseExpr(scope));
      } while (this.accept(','));
      this.expect(')');
    }
    if (this.isWord('OVER'))
      this.fail('Window functions are not supported by the sandbox');
    if (isAggregate(name) || DATE_PART_ARG[name] === undefined || part)
      return callFunction(name, args, part, this.nowUs, distinct);
    return this.fail(`A valid date part name is required for ${name}`);
  }

  /** A column path: [alias.]a.b, resolved in this scope, outer scopes, then select-list aliases. */
  protected parsePath(scope: Scope): Expr {
    const parts = [this.identifier()];
    while (
      this.peek().kind === 'op' &&
      this.peek().text === '.' &&
      (this.peek(1).kind === 'ident' || this.peek(1).kind === 'quoted')
    ) {
      this.i++;
      parts.push(this.identifier());
    }
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const byAlias = s.sources.find(
        src => src.alias === parts[0] && parts.length > 1,
      );
      if (byAlias) {
        const spec = byAlias.columns[parts.slice(1).join('.')];
        if (!spec)
          this.fail(
            `Field name ${parts.slice(1).join('.')} does not exist in ${
              parts[0]
            }`,
          );
        return { sql: `${byAlias.sqlAlias}.${spec.sql}`, type: spec.type };
      }
      for (const src of s.sources) {
        const spec = src.columns[parts.join('.')];
        if (spec)
          return { sql: `${src.sqlAlias}.${spec.sql}`, type: spec.type };
      }
      const output =
        parts.length === 1
          ? s.outputs?.find(o => o.name === parts[0])
          : undefined;
      if (output) return { sql: `"${output.name}"`, type: output.type };
    }
    return this.fail(`Unrecognized name: ${parts.join('.')}`);
  }
}

/** Coerces a string constant compared with a TIMESTAMP into microseconds, as BigQuery coerces literals. */
function coerce(left: Expr, right: Expr): [Expr, Expr] {
  if (left.type === 'TIMESTAMP' && typeof right.constant === 'string')
    return [left, toTimestamp(right)];
  if (right.type === 'TIMESTAMP' && typeof left.constant === 'string')
    return [toTimestamp(left), right];
  return [left, right];
}
