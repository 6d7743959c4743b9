import { describe, expect, it, vi } from 'vitest';
import { ConflictError } from '@gcp-serverless/common';
import { GcpServerlessClient } from './GcpServerlessClient';

function client(status = 200, body: unknown = {}) {
  const fetchFn = vi.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
  );
  return {
    fetchFn,
    api: GcpServerlessClient.forBaseUrl(
      'http://x/api/gcp-serverless/',
      fetchFn as unknown as typeof fetch,
    ),
  };
}

describe('load balancing client methods', () => {
  it('calls the routing and CDN routes with the window and the bodies', async () => {
    const { api, fetchFn } = client();
    await api.getRouting('gryyd-web', '6h');
    await api.previewUrlMap(
      { projectId: 'gryyd-web', urlMap: 'gryyd-web-url-map' },
      {
        hostRules: [],
        pathMatchers: [],
        defaultService: 'global/backendServices/a',
      },
    );
    await api.getCdn('gryyd-web', '24h');
    await api.applyCdnPolicy(
      { projectId: 'gryyd-web', kind: 'backendBuckets', name: 'assets' },
      {
        change: {
          enableCdn: true,
          cacheMode: 'CACHE_ALL_STATIC',
          defaultTtl: null,
          maxTtl: null,
          clientTtl: null,
          negativeCaching: false,
          serveWhileStale: null,
        },
        fingerprint: 'fp',
      },
    );
    expect(
      fetchFn.mock.calls.map(([url, init]) => `${init?.method} ${url}`),
    ).toEqual([
      'GET http://x/api/gcp-serverless/projects/gryyd-web/routing?window=6h',
      'POST http://x/api/gcp-serverless/projects/gryyd-web/url-maps/gryyd-web-url-map/preview',
      'GET http://x/api/gcp-serverless/projects/gryyd-web/cdn?window=24h',
      'POST http://x/api/gcp-serverless/projects/gryyd-web/cdn/backendBuckets/assets/apply',
    ]);
    expect(JSON.parse(String(fetchFn.mock.calls[1]![1]!.body))).toEqual({
      change: {
        hostRules: [],
        pathMatchers: [],
        defaultService: 'global/backendServices/a',
      },
    });
  });

  it('rebuilds a stale-fingerprint 409 as ConflictError with its details', async () => {
    const details = { current: { name: 'm' }, fingerprint: 'fp-2' };
    const { api } = client(409, {
      error: { name: 'ConflictError', message: 'changed', details },
    });
    const error = await api
      .applyUrlMap(
        { projectId: 'gryyd-web', urlMap: 'm' },
        { change: { hostRules: [], pathMatchers: [] }, fingerprint: 'fp-1' },
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.details).toEqual(details);
  });
});
