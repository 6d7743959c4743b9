import { describe, expect, it } from 'vitest';
import { GoogleApiError } from '../../googleError';
import {
  evaluateFilter,
  seriesLookup,
  type SeriesIdentity,
} from './filterEval';
import { parseFilterExpression, parseTimeSeriesFilter } from './FilterParser';

const REQUESTS = 'run.googleapis.com/request_count';

const series = (
  resourceLabels: Record<string, string>,
  metricLabels: Record<string, string> = {},
): SeriesIdentity => ({
  projectId: 'p',
  metricType: REQUESTS,
  resourceType: 'cloud_run_revision',
  resourceLabels,
  metricLabels,
});

function accepts(filter: string, identity: SeriesIdentity): boolean | null {
  return evaluateFilter(parseFilterExpression(filter), seriesLookup(identity));
}

function filterErrorOf(filter: string): GoogleApiError {
  try {
    parseTimeSeriesFilter(filter);
  } catch (error) {
    expect(error).toBeInstanceOf(GoogleApiError);
    return error as GoogleApiError;
  }
  throw new Error(`no error for ${filter}`);
}

describe('parseTimeSeriesFilter', () => {
  it('extracts the metric type from a top-level AND, with Google spacing and quotes', () => {
    const parsed = parseTimeSeriesFilter(
      `metric.type = "${REQUESTS}" AND resource.type = "cloud_run_revision" AND resource.labels.service_name = one_of("a","b")`,
    );
    expect(parsed.metricType).toBe(REQUESTS);
    expect(parseTimeSeriesFilter(`metric.type="${REQUESTS}"`).metricType).toBe(
      REQUESTS,
    );
    expect(
      parseTimeSeriesFilter(`  metric.type  =  '${REQUESTS}'  `).metricType,
    ).toBe(REQUESTS);
  });

  it('requires exactly one metric.type equality outside OR and NOT', () => {
    for (const filter of [
      'resource.type = "cloud_run_revision"',
      `metric.type = "${REQUESTS}" AND metric.type = "x"`,
      `metric.type = "${REQUESTS}" OR resource.type = "x"`,
      `resource.type = "x" AND (metric.type = "${REQUESTS}" OR metric.type = "y")`,
      `metric.type != "${REQUESTS}"`,
      `metric.type = starts_with("run.googleapis.com/")`,
    ]) {
      const error = filterErrorOf(filter);
      expect(error.httpStatus).toBe(400);
      expect(error.message).toContain('exactly one metric type');
    }
  });

  it('reports syntax errors with a position, as 400 INVALID_ARGUMENT on the filter field', () => {
    const cases: Array<[string, string]> = [
      ['metric.type = ', 'ends too early'],
      [`metric.type = "${REQUESTS}`, 'unterminated string'],
      [`metric.type = "${REQUESTS}" AND (resource.type = "x"`, 'expected ")"'],
      [
        `metric.type = "${REQUESTS}" AND resource.labels.x = bogus("a")`,
        "unknown function 'bogus'",
      ],
      [
        `metric.type = "${REQUESTS}" AND metadata.user_labels.team = "a"`,
        "unsupported field 'metadata.user_labels.team'",
      ],
      [
        `metric.type = "${REQUESTS}" AND resource.labels.x > "a"`,
        "operator '>'",
      ],
      [
        `metric.type = "${REQUESTS}" AND resource.labels.x = starts_with("a", "b")`,
        'exactly one string',
      ],
      [`metric.type = "${REQUESTS}" # comment`, "unexpected character '#'"],
      ['', 'empty'],
    ];
    for (const [filter, reason] of cases) {
      const error = filterErrorOf(filter);
      expect(error.status).toBe('INVALID_ARGUMENT');
      expect(error.message).toContain(reason);
      expect(error.toJSON().error.details).toEqual([
        {
          '@type': 'type.googleapis.com/google.rpc.BadRequest',
          fieldViolations: [
            { field: 'filter', description: expect.any(String) },
          ],
        },
      ]);
    }
  });
});

describe('evaluateFilter', () => {
  const be = series(
    { service_name: 'gryd-be', location: 'asia-northeast3' },
    { response_code: '503', response_code_class: '5xx' },
  );

  it('compares with = and !=, on labels and label', () => {
    expect(accepts('resource.labels.service_name = "gryd-be"', be)).toBe(true);
    expect(accepts('resource.label.service_name = "gryd-be"', be)).toBe(true);
    expect(accepts('resource.labels.service_name != "gryd-be"', be)).toBe(
      false,
    );
    expect(accepts('metric.labels.response_code_class = "5xx"', be)).toBe(true);
    expect(accepts('metric.label.response_code = 503', be)).toBe(true);
    expect(accepts('resource.type = "cloud_run_revision"', be)).toBe(true);
    expect(accepts(`metric.type = "${REQUESTS}"`, be)).toBe(true);
    expect(accepts('project = "p"', be)).toBe(true);
  });

  it('treats a missing label as the empty string', () => {
    expect(accepts('resource.labels.nope = ""', be)).toBe(true);
    expect(accepts('resource.labels.nope != "x"', be)).toBe(true);
  });

  it('supports one_of, starts_with, ends_with, has_substring, regex and ":"', () => {
    expect(
      accepts(
        'resource.labels.service_name = one_of("gryd-fe", "gryd-be")',
        be,
      ),
    ).toBe(true);
    expect(
      accepts('resource.labels.service_name = one_of("gryd-fe")', be),
    ).toBe(false);
    expect(
      accepts('resource.labels.service_name = starts_with("gryd-")', be),
    ).toBe(true);
    expect(
      accepts('resource.labels.service_name != starts_with("gryd-")', be),
    ).toBe(false);
    expect(accepts('resource.labels.service_name = ends_with("-be")', be)).toBe(
      true,
    );
    expect(
      accepts('resource.labels.service_name = has_substring("yd-b")', be),
    ).toBe(true);
    expect(
      accepts(
        'resource.labels.service_name = monitoring.regex.full_match("gryd-(be|fe)")',
        be,
      ),
    ).toBe(true);
    expect(
      accepts(
        'resource.labels.service_name = monitoring.regex.full_match("gryd")',
        be,
      ),
    ).toBe(false);
    expect(accepts('resource.labels.location : "northeast"', be)).toBe(true);
    expect(accepts('resource.labels.location : "europe"', be)).toBe(false);
  });

  it('rejects a function after ":" with a 400 naming the operator, instead of testing its first value', () => {
    for (const fn of [
      'one_of("x", "gryd-be")',
      'starts_with("gryd")',
      'monitoring.regex.full_match("gryd-.*")',
    ]) {
      const error = filterErrorOf(
        `metric.type = "${REQUESTS}" AND resource.labels.service_name : ${fn}`,
      );
      expect(error.httpStatus).toBe(400);
      expect(error.message).toContain("the ':' (has) operator");
      expect(error.message).toContain(
        `use '=' with ${fn.slice(0, fn.indexOf('('))}()`,
      );
    }
  });

  it('combines with AND, OR, NOT and parentheses; AND binds tighter than OR', () => {
    expect(
      accepts(
        'resource.labels.service_name = "x" OR metric.labels.response_code_class = "5xx"',
        be,
      ),
    ).toBe(true);
    expect(accepts('NOT resource.labels.service_name = "gryd-be"', be)).toBe(
      false,
    );
    expect(
      accepts(
        'NOT (resource.labels.service_name = "x" OR resource.labels.location = "y")',
        be,
      ),
    ).toBe(true);
    // a OR b AND c  =  a OR (b AND c)
    expect(
      accepts(
        'resource.labels.service_name = "gryd-be" OR resource.labels.x = "1" AND resource.labels.y = "2"',
        be,
      ),
    ).toBe(true);
    expect(
      accepts(
        '(resource.labels.service_name = "gryd-be" OR resource.labels.x = "1") AND resource.labels.y = "2"',
        be,
      ),
    ).toBe(false);
    // Juxtaposition means AND.
    expect(
      accepts(
        'resource.labels.service_name = "gryd-be" resource.labels.location = "x"',
        be,
      ),
    ).toBe(false);
  });

  it('answers null while labels are unknown, and false as soon as known ones rule a series out', () => {
    const expr = parseFilterExpression(
      'resource.labels.service_name = "gryd-be" AND metric.labels.response_code_class = "5xx"',
    );
    const partial =
      (service: string) => (s: { scope: string; kind: string; key?: string }) =>
        s.scope === 'resource' && s.kind === 'label' && s.key === 'service_name'
          ? service
          : undefined;
    expect(evaluateFilter(expr, partial('gryd-be'))).toBeNull();
    expect(evaluateFilter(expr, partial('gryd-fe'))).toBe(false);
  });
});
