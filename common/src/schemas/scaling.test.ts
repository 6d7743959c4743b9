import { describe, expect, it } from 'vitest';
import { scalingApplyRequestSchema, scalingChangeSchema } from './scaling';
import { zodFieldErrors } from './fieldErrors';

function errorsOf(input: unknown, schema = scalingChangeSchema) {
  const r = schema.safeParse(input);
  return r.success ? [] : zodFieldErrors(r.error);
}

describe('scalingChangeSchema', () => {
  it('accepts a valid change', () => {
    expect(
      scalingChangeSchema.parse({
        minInstances: 0,
        maxInstances: 1000,
        concurrency: 1000,
      }),
    ).toEqual({
      minInstances: 0,
      maxInstances: 1000,
      concurrency: 1000,
    });
  });

  it('refuses min above max on the minInstances field', () => {
    expect(
      errorsOf({ minInstances: 5, maxInstances: 3, concurrency: 80 }),
    ).toEqual([
      {
        path: 'minInstances',
        message: 'Min instances (5) must not exceed max instances (3)',
      },
    ]);
  });

  it.each([
    [
      { minInstances: 0, maxInstances: 10, concurrency: 0 },
      'concurrency',
      'Concurrency must be at least 1',
    ],
    [
      { minInstances: 0, maxInstances: 10, concurrency: 1001 },
      'concurrency',
      'Concurrency must be at most 1000',
    ],
    [
      { minInstances: 0, maxInstances: 0, concurrency: 80 },
      'maxInstances',
      'Max instances must be at least 1',
    ],
    [
      { minInstances: -1, maxInstances: 10, concurrency: 80 },
      'minInstances',
      'Min instances must be at least 0',
    ],
    [
      { minInstances: 1.5, maxInstances: 10, concurrency: 80 },
      'minInstances',
      'Min instances must be a whole number',
    ],
    [
      { minInstances: '1', maxInstances: 10, concurrency: 80 },
      'minInstances',
      'Min instances must be a number',
    ],
    [
      { maxInstances: 10, concurrency: 80 },
      'minInstances',
      'Min instances is required',
    ],
  ])('names the field of %j', (input, path, message) => {
    expect(errorsOf(input)).toContainEqual({ path, message });
  });

  it('refuses unknown fields by name', () => {
    expect(
      errorsOf({ minInstances: 0, maxInstances: 10, concurrency: 80, cpu: 4 }),
    ).toEqual([{ path: '(body)', message: 'Unknown field(s): cpu' }]);
  });
});

describe('scalingApplyRequestSchema', () => {
  it('requires the etag read at preview', () => {
    const errors = errorsOf(
      { change: { minInstances: 0, maxInstances: 10, concurrency: 80 } },
      scalingApplyRequestSchema as never,
    );
    expect(errors).toEqual([
      { path: 'etag', message: 'etag is required: preview the change first' },
    ]);
  });

  it('defaults acknowledged warnings to none', () => {
    const parsed = scalingApplyRequestSchema.parse({
      change: { minInstances: 0, maxInstances: 10, concurrency: 80 },
      etag: 'abc',
    });
    expect(parsed.acknowledgedWarnings).toEqual([]);
  });
});
