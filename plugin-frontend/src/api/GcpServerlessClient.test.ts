import { describe, expect, it, vi } from 'vitest';
import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
  UpstreamError,
  type ScalingConflictDetails,
} from '@gcp-serverless/common';
import { serviceFixture } from '../__testUtils__/fixtures';
import { isComputingSnapshot } from '../queries/computingSnapshot';
import { GcpServerlessClient } from './GcpServerlessClient';
import { retryAfterSecondsOf } from './retryAfter';

const BASE = 'http://backstage.test/api/gcp-serverless';
const ref = {
  projectId: 'gryyd-web',
  region: 'asia-northeast3',
  service: 'gryd-be',
};
const change = { minInstances: 1, maxInstances: 50, concurrency: 80 };

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

function client(
  respond: (url: string, init: RequestInit) => Response | Promise<Response>,
) {
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) =>
    respond(String(input), init ?? {}),
  );
  const getBaseUrl = vi.fn(async () => BASE);
  return {
    api: new GcpServerlessClient({
      discoveryApi: { getBaseUrl },
      fetchApi: { fetch },
    }),
    fetch,
    getBaseUrl,
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the call to reject'),
    (error: unknown) => error,
  );
}

describe('GcpServerlessClient', () => {
  it('asks discovery for the plugin base URL and GETs the project list', async () => {
    const body = {
      mode: 'sandbox',
      projects: [
        {
          projectId: 'gryyd-web',
          displayName: 'gryyd-web',
          regions: ['asia-northeast3'],
        },
      ],
    };
    const { api, fetch, getBaseUrl } = client(() => json(200, body));
    await expect(api.listProjects()).resolves.toEqual(body);
    expect(getBaseUrl).toHaveBeenCalledWith('gcp-serverless');
    expect(fetch.mock.calls[0]![0]).toBe(`${BASE}/projects`);
    expect(fetch.mock.calls[0]![1]!.method).toBe('GET');
  });

  it('encodes path segments and passes the time window and abort signal', async () => {
    const { api, fetch } = client(() => json(200, {}));
    const controller = new AbortController();
    await api.listServices('gryyd-web', '6h', { signal: controller.signal });
    await api.getService({ ...ref, service: 'a/b' }, '7d');
    expect(fetch.mock.calls[0]![0]).toBe(
      `${BASE}/projects/gryyd-web/services?window=6h`,
    );
    expect(fetch.mock.calls[0]![1]!.signal).toBe(controller.signal);
    expect(fetch.mock.calls[1]![0]).toBe(
      `${BASE}/projects/gryyd-web/locations/asia-northeast3/services/a%2Fb?window=7d`,
    );
  });

  it('POSTs preview and apply bodies as JSON', async () => {
    const { api, fetch } = client(() => json(200, {}));
    await api.previewScaling(ref, change);
    await api.applyScaling(ref, {
      change,
      etag: '"e1"',
      acknowledgedWarnings: ['CAPACITY_BELOW_PEAK'],
    });
    const [previewUrl, previewInit] = fetch.mock.calls[0]!;
    expect(previewUrl).toBe(
      `${BASE}/projects/gryyd-web/locations/asia-northeast3/services/gryd-be/scaling/preview`,
    );
    expect(previewInit!.method).toBe('POST');
    expect(
      (previewInit!.headers as Record<string, string>)['content-type'],
    ).toBe('application/json');
    expect(JSON.parse(previewInit!.body as string)).toEqual({ change });
    const [applyUrl, applyInit] = fetch.mock.calls[1]!;
    expect(applyUrl).toMatch(/\/scaling\/apply$/);
    expect(JSON.parse(applyInit!.body as string)).toEqual({
      change,
      etag: '"e1"',
      acknowledgedWarnings: ['CAPACITY_BELOW_PEAK'],
    });
  });

  it('rebuilds a 409 into a ConflictError carrying the current state', async () => {
    const details: ScalingConflictDetails = {
      current: { minInstances: 2, maxInstances: 60, concurrency: 80 },
      etag: '"e2"',
      service: serviceFixture({ etag: '"e2"' }),
    };
    const { api } = client(() =>
      json(409, {
        error: {
          name: 'ConflictError',
          message: 'gryd-be changed since the preview',
          details,
        },
      }),
    );
    const error = await rejection(
      api.applyScaling(ref, { change, etag: '"e1"', acknowledgedWarnings: [] }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toBe(
      'gryd-be changed since the preview',
    );
    expect((error as ConflictError).details).toEqual(details);
    expect((error as ConflictError).status).toBe(409);
  });

  it('rebuilds a 400 into an InputError with its field errors', async () => {
    const fieldErrors = [
      {
        path: 'change.maxInstances',
        message: 'Max instances must be at most 1000',
      },
    ];
    const { api } = client(() =>
      json(400, {
        error: {
          name: 'InputError',
          message: 'Invalid scaling change',
          fieldErrors,
        },
      }),
    );
    const error = await rejection(
      api.previewScaling(ref, { ...change, maxInstances: 5000 }),
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).fieldErrors).toEqual(fieldErrors);
  });

  it('rebuilds 404 and 502 bodies into their typed errors', async () => {
    const { api } = client(url =>
      url.includes('nope')
        ? json(404, {
            error: { name: 'NotFoundError', message: 'service nope not found' },
          })
        : json(502, {
            error: { name: 'UpstreamError', message: 'Cloud Run said no' },
          }),
    );
    const notFound = await rejection(
      api.getService({ ...ref, service: 'nope' }, '1h'),
    );
    expect(notFound).toBeInstanceOf(NotFoundError);
    expect((notFound as Error).message).toBe('service nope not found');
    await expect(api.listServices('gryyd-web', '1h')).rejects.toBeInstanceOf(
      UpstreamError,
    );
  });

  it('falls back on the status when the body is not an API error', async () => {
    const { api } = client(
      () =>
        new Response('<html>Bad gateway</html>', {
          status: 503,
          statusText: 'Service Unavailable',
        }),
    );
    const error = await rejection(api.listProjects());
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as Error).message).toContain('503');
  });

  it('keeps the Retry-After of a "still being computed" 503 beside its typed error', async () => {
    const computing = {
      error: {
        name: 'ServiceUnavailableError',
        message: 'project-overview:gryyd-web:1h is still being computed',
        details: { computing: true },
      },
      response: { statusCode: 503 },
    };
    const { api } = client(
      () =>
        new Response(JSON.stringify(computing), {
          status: 503,
          headers: { 'content-type': 'application/json', 'retry-after': '7' },
        }),
    );
    const error = await rejection(api.getProjectOverview('gryyd-web', '1h'));
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(isComputingSnapshot(error)).toBe(true);
    expect(retryAfterSecondsOf(error)).toBe(7);

    // Without the header the error says nothing of when to ask again (the query client's default then applies).
    const { api: noHeader } = client(() => json(503, computing));
    const plain = await rejection(
      noHeader.getProjectOverview('gryyd-web', '1h'),
    );
    expect(isComputingSnapshot(plain)).toBe(true);
    expect(retryAfterSecondsOf(plain)).toBeUndefined();
  });

  it('turns a network failure into ServiceUnavailableError but lets an abort through', async () => {
    const { api } = client(() => {
      throw new TypeError('Failed to fetch');
    });
    const error = await rejection(api.listProjects());
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as Error).message).toContain('Failed to fetch');

    const abort = new DOMException('The operation was aborted.', 'AbortError');
    const aborted = client(() => {
      throw abort;
    });
    await expect(aborted.api.listProjects()).rejects.toBe(abort);
  });

  it('forBaseUrl uses a fixed base without a trailing slash', async () => {
    const fetch = vi.fn(async () => json(200, { mode: 'gcp', projects: [] }));
    await GcpServerlessClient.forBaseUrl(
      '/api/gcp-serverless/',
      fetch,
    ).listProjects();
    expect(fetch).toHaveBeenCalledWith(
      '/api/gcp-serverless/projects',
      expect.objectContaining({ method: 'GET' }),
    );
  });
});
