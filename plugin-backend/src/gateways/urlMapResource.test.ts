import { describe, expect, it } from 'vitest';
import { mergeIntoCurrentResource } from './urlMapResource';

describe('mergeIntoCurrentResource', () => {
  it('keeps fields the editor does not model and swaps one-of defaults cleanly', () => {
    const raw = {
      id: '1',
      kind: 'compute#urlMap',
      selfLink: 'x',
      name: 'm',
      fingerprint: 'f',
      defaultService: 'global/backendServices/a',
      headerAction: {
        requestHeadersToAdd: [{ headerName: 'x-a', headerValue: '1' }],
      },
      pathMatchers: [
        {
          name: 'pm',
          defaultService: 'global/backendServices/a',
          headerAction: { responseHeadersToRemove: ['server'] },
          pathRules: [{ paths: ['/old'], service: 'global/backendServices/a' }],
        },
      ],
    };
    const merged = mergeIntoCurrentResource(raw, {
      name: 'm',
      defaultUrlRedirect: { httpsRedirect: true },
      pathMatchers: [
        {
          name: 'pm',
          defaultService: 'global/backendServices/b',
          pathRules: [{ paths: ['/new'], service: 'global/backendServices/b' }],
        },
      ],
    });
    expect(merged).toEqual({
      name: 'm',
      fingerprint: 'f',
      defaultUrlRedirect: { httpsRedirect: true },
      headerAction: {
        requestHeadersToAdd: [{ headerName: 'x-a', headerValue: '1' }],
      },
      pathMatchers: [
        {
          name: 'pm',
          headerAction: { responseHeadersToRemove: ['server'] },
          defaultService: 'global/backendServices/b',
          pathRules: [{ paths: ['/new'], service: 'global/backendServices/b' }],
        },
      ],
    });
  });
});
