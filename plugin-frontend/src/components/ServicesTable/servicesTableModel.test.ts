import { describe, expect, it } from 'vitest';
import { serviceWithSummary } from '../../__testUtils__/fixtures';
import {
  filterServices,
  nextSort,
  parseServiceSort,
  sortServices,
} from './servicesTableModel';

const be = serviceWithSummary(
  'gryd-be',
  { maxInstances: 40 },
  { errorRatio5xx: 0.02, latencyP95Ms: 300 },
);
const fe = serviceWithSummary(
  'gryd-fe',
  { maxInstances: 20 },
  { errorRatio5xx: null, latencyP95Ms: 90 },
);
const api = serviceWithSummary(
  'avocano-api',
  { maxInstances: 100 },
  { errorRatio5xx: 0.001, latencyP95Ms: null },
  'us-central1',
);
const names = (list: { name: string }[]) => list.map(s => s.name);

describe('servicesTableModel', () => {
  it('sorts text and numbers both ways', () => {
    expect(
      names(sortServices([be, fe, api], { key: 'name', direction: 'asc' })),
    ).toEqual(['avocano-api', 'gryd-be', 'gryd-fe']);
    expect(
      names(
        sortServices([be, fe, api], { key: 'maxInstances', direction: 'desc' }),
      ),
    ).toEqual(['avocano-api', 'gryd-be', 'gryd-fe']);
    expect(
      names(sortServices([be, fe, api], { key: 'region', direction: 'desc' })),
    ).toEqual(['avocano-api', 'gryd-be', 'gryd-fe']);
  });

  it('puts unknown figures last in either direction', () => {
    expect(
      names(
        sortServices([fe, be, api], {
          key: 'errorRatio5xx',
          direction: 'desc',
        }),
      ),
    ).toEqual(['gryd-be', 'avocano-api', 'gryd-fe']);
    expect(
      names(
        sortServices([fe, be, api], { key: 'errorRatio5xx', direction: 'asc' }),
      ),
    ).toEqual(['avocano-api', 'gryd-be', 'gryd-fe']);
    expect(
      names(
        sortServices([api, be, fe], { key: 'latencyP95Ms', direction: 'asc' }),
      ),
    ).toEqual(['gryd-fe', 'gryd-be', 'avocano-api']);
  });

  it('filters on every word in name or region, case-insensitively', () => {
    expect(names(filterServices([be, fe, api], 'GRYD'))).toEqual([
      'gryd-be',
      'gryd-fe',
    ]);
    expect(names(filterServices([be, fe, api], 'us-central1'))).toEqual([
      'avocano-api',
    ]);
    expect(names(filterServices([be, fe, api], 'gryd be'))).toEqual([
      'gryd-be',
    ]);
    expect(names(filterServices([be, fe, api], '  '))).toHaveLength(3);
  });

  it('parses the URL sort with a safe default and flips on a second click', () => {
    expect(parseServiceSort(null, null)).toEqual({
      key: 'name',
      direction: 'asc',
    });
    expect(parseServiceSort('latencyP95Ms', 'desc')).toEqual({
      key: 'latencyP95Ms',
      direction: 'desc',
    });
    expect(parseServiceSort('bogus', 'sideways')).toEqual({
      key: 'name',
      direction: 'asc',
    });
    expect(nextSort({ key: 'name', direction: 'asc' }, 'name')).toEqual({
      key: 'name',
      direction: 'desc',
    });
    expect(nextSort({ key: 'name', direction: 'desc' }, 'concurrency')).toEqual(
      { key: 'concurrency', direction: 'asc' },
    );
  });
});
