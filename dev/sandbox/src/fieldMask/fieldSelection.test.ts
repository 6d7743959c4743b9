import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GoogleApiError } from '../googleError';
import { formatFieldSelection, parseFieldSelection } from './fieldSelection';
import { projectFields } from './projectFields';

const format = (text: string) =>
  formatFieldSelection(parseFieldSelection(text));

function parseError(text: string): GoogleApiError {
  try {
    parseFieldSelection(text);
  } catch (error) {
    return error as GoogleApiError;
  }
  throw new Error(`'${text}' parsed`);
}

describe('parseFieldSelection', () => {
  it('reads paths joined by . or /, sub-selections and merges paths that share a prefix', () => {
    expect(format('a,b.c,b/d')).toBe('a,b(c,d)');
    expect(format('services(name,template.scaling),nextPageToken')).toBe(
      'services(name,template(scaling)),nextPageToken',
    );
    expect(format('a(b(c,d),e)')).toBe('a(b(c,d),e)');
    expect(format(' a , b . c ')).toBe('a,b(c)');
  });

  it('lets a whole field absorb its sub-paths, in either order', () => {
    expect(format('a.b,a')).toBe('a');
    expect(format('a,a.b')).toBe('a');
    expect(format('a.b,a.*')).toBe('a');
    expect(format('a(b),a(c)')).toBe('a(b,c)');
  });

  it('treats blank text and * as everything', () => {
    expect(parseFieldSelection('')).toEqual({ kind: 'all' });
    expect(parseFieldSelection('*')).toEqual({ kind: 'all' });
    expect(parseFieldSelection('a,*')).toEqual({ kind: 'all' });
  });

  it('answers a syntax error with 400 INVALID_ARGUMENT naming the mask', () => {
    for (const text of [
      'a,',
      'a(b',
      'a)',
      'a..b',
      '(a)',
      'a b',
      'a(b)c',
      'a()',
      '1a',
    ]) {
      const error = parseError(text);
      expect({ text, status: error.httpStatus }).toEqual({ text, status: 400 });
      expect(error.status).toBe('INVALID_ARGUMENT');
      expect(error.message).toContain(`'${text}'`);
    }
  });

  it("refuses a sub-selection after '*', which the sandbox does not support", () => {
    expect(parseError('*.name').message).toContain("'*' only as the last name");
    expect(parseError('a(*(b))').message).toContain(
      "'*' only as the last name",
    );
  });
});

describe('projectFields', () => {
  const service = {
    name: 'projects/p/locations/l/services/s',
    labels: { team: 'web', cost_center: 'x' },
    template: {
      scaling: { minInstanceCount: 1, maxInstanceCount: 5 },
      containers: [
        { image: 'i', resources: { limits: { cpu: '1' } }, env: [] },
        { image: 'j', resources: { limits: { cpu: '2' } } },
      ],
    },
    updateTime: '2024-05-06T03:00:00Z',
  };

  it('keeps only the selected fields, applying a sub-selection to each element of a list', () => {
    expect(
      projectFields(
        { services: [service, service], nextPageToken: 't', unreachable: [] },
        parseFieldSelection(
          'services(name,template(scaling.minInstanceCount,containers.resources)),nextPageToken',
        ),
      ),
    ).toEqual({
      services: [1, 2].map(() => ({
        name: service.name,
        template: {
          scaling: { minInstanceCount: 1 },
          containers: [
            { resources: { limits: { cpu: '1' } } },
            { resources: { limits: { cpu: '2' } } },
          ],
        },
      })),
      nextPageToken: 't',
    });
  });

  it('leaves unset fields absent, keeps non-object values whole and accepts snake_case names', () => {
    expect(
      projectFields(
        service,
        parseFieldSelection(
          'uri,update_time.seconds,template.scaling.max_instance_count,labels.cost_center',
        ),
      ),
    ).toEqual({
      updateTime: service.updateTime,
      template: { scaling: { maxInstanceCount: 5 } },
      labels: { cost_center: 'x' },
    });
  });

  it('does not take inherited properties for fields', () => {
    expect(
      projectFields({ a: 1 }, parseFieldSelection('toString,constructor')),
    ).toEqual({});
  });

  const json = fc.jsonValue({ maxDepth: 4 });
  const object = fc.dictionary(
    fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,6}$/),
    json,
    { maxKeys: 6 },
  );

  it('gives the same object for * and for the list of all its top-level keys', () => {
    fc.assert(
      fc.property(object, value => {
        const keys = Object.keys(value);
        const everyKey = keys.length ? keys.join(',') : '*';
        expect(projectFields(value, parseFieldSelection('*'))).toEqual(value);
        expect(projectFields(value, parseFieldSelection(everyKey))).toEqual(
          value,
        );
      }),
    );
  });

  it('keeps exactly the selected top-level keys the object has, and projecting twice changes nothing', () => {
    fc.assert(
      fc.property(
        object,
        fc.array(fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,6}$/), {
          minLength: 1,
          maxLength: 4,
        }),
        (value, names) => {
          const selection = parseFieldSelection(names.join(','));
          const projected = projectFields(value, selection);
          expect(Object.keys(projected as object).sort()).toEqual(
            Object.keys(value)
              .filter(key => names.includes(key))
              .sort(),
          );
          expect(projectFields(projected, selection)).toEqual(projected);
        },
      ),
    );
  });

  it('formats a parsed selection into text that parses back to the same selection', () => {
    const name = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,5}$/);
    const path = fc
      .array(name, { minLength: 1, maxLength: 3 })
      .map(p => p.join('.'));
    fc.assert(
      fc.property(fc.array(path, { minLength: 1, maxLength: 5 }), paths => {
        const selection = parseFieldSelection(paths.join(','));
        expect(parseFieldSelection(formatFieldSelection(selection))).toEqual(
          selection,
        );
      }),
    );
  });
});
