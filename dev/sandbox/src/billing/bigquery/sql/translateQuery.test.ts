import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlJs, type SqlJsDatabase } from '../exportEngine';
import { readQueryParameters } from '../queryParameters';
import {
  CREATE_TABLES,
  RESOURCE_COLUMNS,
  ROWS_TABLE,
  STANDARD_COLUMNS,
} from './exportSchema';
import { SqlError } from './sqlLexer';
import { QueryTranslator } from './translateQuery';

/** Unit tests of the BigQuery → SQLite translation, run on sql.js over a hand-made export of four rows. */

const NOW_US = Date.parse('2026-03-03T12:00:00Z') * 1000;
const T = '`p.d.export`';
const us = (iso: string) => Date.parse(iso) * 1000;

let db: SqlJsDatabase;

beforeAll(async () => {
  const SQL = await loadSqlJs();
  db = new SQL.Database();
  db.run(CREATE_TABLES);
  const row = (
    id: number,
    project: string,
    sku: string,
    day: string,
    cost: number,
  ) =>
    db.run(
      `INSERT INTO ${ROWS_TABLE} (row_id, project_id, service_description, sku_description, usage_start_time, usage_end_time, cost, currency, resource_name)
     VALUES (?, ?, 'Cloud Run', ?, ?, ?, ?, 'USD', ?)`,
      [
        id,
        project,
        sku,
        us(`${day}T00:00:00Z`),
        us(`${day}T00:00:00Z`) + 86_400_000_000,
        cost,
        `${project}-svc`,
      ],
    );
  row(1, 'a', 'CPU', '2026-02-27', 10);
  row(2, 'a', 'Memory', '2026-02-27', 2);
  row(3, 'a', 'CPU', '2026-03-01', 12);
  row(4, 'b', 'CPU', '2026-03-01', 5);
  db.run(
    "INSERT INTO export_credits VALUES (1, 'Free tier', -4, 'FREE_TIER', 'x', 'x'), (3, 'Free tier', -1, 'FREE_TIER', 'x', 'x'), (3, 'Promo', -0.5, 'PROMOTION', 'y', 'y')",
  );
  db.run(
    "INSERT INTO export_labels VALUES (1, 'team', 'web'), (4, 'team', 'ml')",
  );
});

function run(
  query: string,
  params: Record<string, [string, unknown]> = {},
  resource = false,
) {
  const raw = Object.entries(params).map(([name, [type, value]]) =>
    Array.isArray(value)
      ? {
          name,
          parameterType: { type: 'ARRAY', arrayType: { type } },
          parameterValue: { arrayValues: value.map(v => ({ value: v })) },
        }
      : { name, parameterType: { type }, parameterValue: { value } },
  );
  const translator = new QueryTranslator(
    name =>
      name === 'p.d.export'
        ? resource
          ? RESOURCE_COLUMNS
          : STANDARD_COLUMNS
        : undefined,
    readQueryParameters(raw, 'NAMED'),
    NOW_US,
  );
  const translated = translator.translate(query);
  const result = db.exec(translated.sql)[0];
  return { columns: translated.columns, rows: result?.values ?? [] };
}

describe('QueryTranslator', () => {
  it('groups by DATE() of a TIMESTAMP and sums a correlated UNNEST(credits) subquery', () => {
    const { columns, rows } =
      run(`SELECT DATE(usage_start_time) AS day, SUM(cost) AS cost,
      SUM(IFNULL((SELECT SUM(c.amount) FROM UNNEST(credits) c), 0)) AS credits FROM ${T} GROUP BY day ORDER BY day`);
    expect(columns).toEqual([
      { name: 'day', type: 'DATE' },
      { name: 'cost', type: 'FLOAT64' },
      { name: 'credits', type: 'FLOAT64' },
    ]);
    expect(rows).toEqual([
      ['2026-02-27', 12, -4],
      ['2026-03-01', 17, -1.5],
    ]);
  });

  it('joins UNNEST(credits) in FROM (inner) and LEFT JOIN keeps rows without credits', () => {
    expect(
      run(
        `SELECT SUM(c.amount) AS total, COUNT(*) AS n FROM ${T} AS t, UNNEST(t.credits) AS c WHERE c.type = 'FREE_TIER'`,
      ).rows,
    ).toEqual([[-5, 2]]);
    expect(
      run(`SELECT COUNT(*) AS n FROM ${T} LEFT JOIN UNNEST(credits) AS c`).rows,
    ).toEqual([[5]]);
    expect(
      run(
        `SELECT l.value AS team, SUM(cost) AS cost FROM ${T} JOIN UNNEST(labels) AS l WHERE l.key = 'team' GROUP BY team ORDER BY team`,
      ).rows,
    ).toEqual([
      ['ml', 5],
      ['web', 10],
    ]);
  });

  it('coerces timestamp literals and parameters, truncates to MONTH, filters with IN UNNEST(@array)', () => {
    const { columns, rows } = run(
      `SELECT TIMESTAMP_TRUNC(usage_start_time, MONTH) AS month, project.id, SUM(cost) AS cost FROM ${T}
      WHERE usage_start_time >= @from AND usage_start_time < '2026-03-02' AND project.id IN UNNEST(@projects) GROUP BY 1, 2 ORDER BY 1`,
      {
        from: ['TIMESTAMP', '2026-02-01 00:00:00+00:00'],
        projects: ['STRING', ['a']],
      },
    );
    expect(columns.map(c => [c.name, c.type])).toEqual([
      ['month', 'TIMESTAMP'],
      ['id', 'STRING'],
      ['cost', 'FLOAT64'],
    ]);
    expect(rows).toEqual([
      [us('2026-02-01T00:00:00Z'), 'a', 12],
      [us('2026-03-01T00:00:00Z'), 'a', 12],
    ]);
  });

  it('divides as FLOAT64, names anonymous columns f0_, supports CASE, WITH, SAFE_DIVIDE, TIMESTAMP_SUB and CURRENT_TIMESTAMP', () => {
    const { columns, rows } =
      run(`WITH per AS (SELECT project.id AS project, SUM(cost) AS cost FROM ${T}
        WHERE usage_start_time >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 3 DAY) GROUP BY project)
      SELECT project, CASE WHEN cost > 10 THEN 'big' ELSE 'small' END AS size, 7 / 2, SAFE_DIVIDE(cost, 0) AS none FROM per ORDER BY project`);
    expect(columns.map(c => c.name)).toEqual([
      'project',
      'size',
      'f0_',
      'none',
    ]);
    expect(rows).toEqual([
      ['a', 'big', 3.5, null],
      ['b', 'small', 3.5, null],
    ]);
  });

  it('hides resource.name in the standard table and shows it in the resource table', () => {
    expect(() => run(`SELECT resource.name FROM ${T}`)).toThrow(
      /Unrecognized name: resource.name/,
    );
    expect(
      run(`SELECT DISTINCT resource.name AS r FROM ${T} ORDER BY r`, {}, true)
        .rows,
    ).toEqual([['a-svc'], ['b-svc']]);
  });

  it('ENDS_WITH compares a suffix literally, where LIKE reads _ and % as wildcards', () => {
    const names = (where: string, suffix: string) =>
      run(
        `SELECT DISTINCT resource.name AS r FROM ${T} WHERE ${where} ORDER BY r`,
        { suffix: ['STRING', suffix] },
        true,
      ).rows.map(r => r[0]);
    expect(names('ENDS_WITH(resource.name, @suffix)', '-svc')).toEqual([
      'a-svc',
      'b-svc',
    ]);
    expect(names('ENDS_WITH(resource.name, @suffix)', 'a-svc')).toEqual([
      'a-svc',
    ]);
    expect(names('ENDS_WITH(resource.name, @suffix)', 'a_svc')).toEqual([]);
    expect(names('ENDS_WITH(resource.name, @suffix)', 'xa-svc')).toEqual([]);
    expect(names('ENDS_WITH(resource.name, @suffix)', '')).toEqual([
      'a-svc',
      'b-svc',
    ]);
    expect(names('resource.name LIKE CONCAT("%", @suffix)', 'a_svc')).toEqual([
      'a-svc',
    ]);
  });

  it('rejects what it cannot translate with an SqlError naming the problem and its position', () => {
    const fails = (query: string, message: RegExp) => {
      expect(() => run(query)).toThrow(SqlError);
      expect(() => run(query)).toThrow(message);
    };
    fails(`SELECT * FROM ${T}`, /SELECT \* over the billing export/);
    fails(`SELECT MEDIAN(cost) FROM ${T}`, /Function not found: MEDIAN/);
    fails(`SELECT cost FROM \`p.d.other\``, /Not found: Table p\.d\.other/);
    fails(`SELECT cost FROM ${T} WHERE`, /Syntax error.*\[1:\d+\]/);
    fails(
      `SELECT SUM(sku.description) FROM ${T}`,
      /No matching signature for aggregate function SUM/,
    );
    fails(
      `SELECT cost FROM ${T} WHERE project.id = @missing`,
      /Query parameter 'missing' not found/,
    );
    fails(
      `SELECT RANK() OVER (ORDER BY cost) FROM ${T}`,
      /Window functions|Function not found/,
    );
    fails(
      `SELECT cost FROM ${T} UNION ALL SELECT cost FROM ${T}`,
      /Syntax error|UNION/,
    );
  });
});
