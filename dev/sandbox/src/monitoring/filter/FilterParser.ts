/**
 * Recursive-descent parser of Monitoring filters into a FilterExpr, plus the one rule
 * `timeSeries.list` adds: exactly one `metric.type = "…"` restriction, ANDed at the top level.
 * NOT binds tightest, then AND (also implied by juxtaposition), then OR. Google documents AND/OR/NOT
 * but not their relative precedence for Monitoring filters; we use the usual one (unverified).
 */
import {
  parseSelector,
  type FilterExpr,
  type FilterMatcher,
} from './filterAst';
import { filterError, tokenizeFilter, type FilterToken } from './filterLexer';

/** A filter split into the metric type it selects and the expression every series must satisfy. */
export interface ParsedFilter {
  /** The metric type, e.g. `run.googleapis.com/request_count`. */
  metricType: string;
  expr: FilterExpr;
}

const FUNCTIONS = new Set([
  'one_of',
  'starts_with',
  'ends_with',
  'has_substring',
  'monitoring.regex.full_match',
]);

/** The filter function each matcher kind comes from, for error messages. */
const FUNCTION_NAMES: Record<FilterMatcher['kind'], string> = {
  equals: '',
  oneOf: 'one_of',
  startsWith: 'starts_with',
  endsWith: 'ends_with',
  hasSubstring: 'has_substring',
  regex: 'monitoring.regex.full_match',
};

class Parser {
  private pos = 0;
  private readonly filter: string;
  private readonly tokens: FilterToken[];

  constructor(filter: string, tokens: FilterToken[]) {
    this.filter = filter;
    this.tokens = tokens;
  }

  parse(): FilterExpr {
    if (this.tokens.length === 0)
      throw filterError(this.filter, 'the filter is empty');
    const expr = this.parseOr();
    const extra = this.tokens[this.pos];
    if (extra) throw this.error(extra, 'unexpected');
    return expr;
  }

  private error(token: FilterToken | undefined, what: string): Error {
    if (!token)
      return filterError(this.filter, `${what}: the filter ends too early`);
    const text = 'value' in token ? token.value : token.type;
    return filterError(
      this.filter,
      `${what} '${text}' at position ${token.at}`,
    );
  }

  private peek(): FilterToken | undefined {
    return this.tokens[this.pos];
  }

  private isKeyword(value: string): boolean {
    const token = this.peek();
    return token?.type === 'keyword' && token.value === value;
  }

  private parseOr(): FilterExpr {
    const items = [this.parseAnd()];
    while (this.isKeyword('OR')) {
      this.pos++;
      items.push(this.parseAnd());
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  private parseAnd(): FilterExpr {
    const items = [this.parseUnary()];
    for (;;) {
      if (this.isKeyword('AND')) this.pos++;
      else if (!this.startsTerm()) break;
      items.push(this.parseUnary());
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  private startsTerm(): boolean {
    const token = this.peek();
    return (
      token?.type === 'word' ||
      token?.type === '(' ||
      (token?.type === 'keyword' && token.value === 'NOT')
    );
  }

  private parseUnary(): FilterExpr {
    const token = this.peek();
    if (token?.type === 'keyword' && token.value === 'NOT') {
      this.pos++;
      return { kind: 'not', item: this.parseUnary() };
    }
    if (token?.type === '(') {
      this.pos++;
      const expr = this.parseOr();
      if (this.peek()?.type !== ')')
        throw this.error(this.peek(), 'expected ")" instead of');
      this.pos++;
      return expr;
    }
    return this.parseComparison();
  }

  private parseComparison(): FilterExpr {
    const token = this.peek();
    if (token?.type !== 'word')
      throw this.error(
        token,
        'expected a field such as metric.type instead of',
      );
    const selector = parseSelector(token.value);
    if (!selector)
      throw filterError(
        this.filter,
        `unsupported field '${token.value}' at position ${token.at}`,
      );
    this.pos++;
    const op = this.peek();
    if (op?.type !== 'op')
      throw this.error(
        op,
        `expected an operator after '${token.value}' instead of`,
      );
    if (op.value !== '=' && op.value !== '!=' && op.value !== ':') {
      throw filterError(
        this.filter,
        `operator '${op.value}' is not supported on '${token.value}'`,
      );
    }
    this.pos++;
    const matcher = this.parseMatcher();
    // `:` (has) tests for a substring; Google documents it with a plain value only, so a function after
    // it (has one_of(…)? has a regex?) has no meaning the sandbox could emulate faithfully: reject it.
    if (op.value === ':' && matcher.kind !== 'equals') {
      throw filterError(
        this.filter,
        `the ':' (has) operator at position ${op.at} takes a plain string, not a function; ` +
          `use '=' with ${FUNCTION_NAMES[matcher.kind]}() instead`,
      );
    }
    return { kind: 'compare', selector, op: op.value, matcher };
  }

  private parseMatcher(): FilterMatcher {
    const token = this.peek();
    if (token?.type === 'string') {
      this.pos++;
      return { kind: 'equals', value: token.value };
    }
    if (token?.type !== 'word')
      throw this.error(token, 'expected a value instead of');
    this.pos++;
    if (this.peek()?.type !== '(')
      return { kind: 'equals', value: token.value };
    if (!FUNCTIONS.has(token.value))
      throw filterError(this.filter, `unknown function '${token.value}'`);
    const args = this.parseArguments();
    if (token.value === 'one_of') {
      if (args.length === 0)
        throw filterError(this.filter, 'one_of() needs at least one value');
      return { kind: 'oneOf', values: args };
    }
    if (args.length !== 1)
      throw filterError(
        this.filter,
        `${token.value}() takes exactly one string`,
      );
    const value = args[0]!;
    if (token.value === 'starts_with') return { kind: 'startsWith', value };
    if (token.value === 'ends_with') return { kind: 'endsWith', value };
    if (token.value === 'has_substring') return { kind: 'hasSubstring', value };
    try {
      return { kind: 'regex', pattern: new RegExp(`^(?:${value})$`) };
    } catch {
      throw filterError(this.filter, `invalid regular expression '${value}'`);
    }
  }

  private parseArguments(): string[] {
    this.pos++; // the "("
    const args: string[] = [];
    while (this.peek()?.type !== ')') {
      const token = this.peek();
      if (token?.type !== 'string' && token?.type !== 'word')
        throw this.error(token, 'expected a string instead of');
      args.push(token.value);
      this.pos++;
      if (this.peek()?.type === ',') this.pos++;
      else if (this.peek()?.type !== ')')
        throw this.error(this.peek(), 'expected "," or ")" instead of');
    }
    this.pos++; // the ")"
    return args;
  }
}

/** Parses a filter; throws 400 INVALID_ARGUMENT (field `filter`) with the position of a syntax error. */
export function parseFilterExpression(filter: string): FilterExpr {
  return new Parser(filter, tokenizeFilter(filter)).parse();
}

function mentionsMetricType(expr: FilterExpr): boolean {
  if (expr.kind === 'compare')
    return expr.selector.scope === 'metric' && expr.selector.kind === 'type';
  if (expr.kind === 'not') return mentionsMetricType(expr.item);
  return expr.items.some(mentionsMetricType);
}

/**
 * Parses a `timeSeries.list` filter and extracts its metric type. The request must name exactly one
 * metric type with `metric.type = "…"` in a top-level AND (not under OR or NOT), else 400.
 */
export function parseTimeSeriesFilter(filter: string): ParsedFilter {
  const expr = parseFilterExpression(filter);
  const conjuncts = expr.kind === 'and' ? expr.items : [expr];
  const types = conjuncts.filter(
    c =>
      c.kind === 'compare' &&
      c.selector.scope === 'metric' &&
      c.selector.kind === 'type',
  );
  const nested = conjuncts.filter(
    c => !types.includes(c) && mentionsMetricType(c),
  );
  const only = types[0];
  if (
    types.length !== 1 ||
    nested.length > 0 ||
    only?.kind !== 'compare' ||
    only.op !== '=' ||
    only.matcher.kind !== 'equals'
  ) {
    throw filterError(
      filter,
      'the filter must select exactly one metric type, as in metric.type = "run.googleapis.com/request_count"',
    );
  }
  return { metricType: only.matcher.value, expr };
}
