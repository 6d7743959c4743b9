import { describe, expect, it, vi } from 'vitest';
import { ConflictError } from '@gcp-serverless/common';
import { GcpServerlessClient } from './GcpServerlessClient';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

describe('GcpServerlessClient costs and budgets', () => {
  it('GETs costs with the range and budgets of the account', async () => {
    const fetch = vi.fn(async () => json(200, {}));
    const api = GcpServerlessClient.forBaseUrl('/api/gcp-serverless', fetch);
    await api.getCosts('gryyd-web', '90d');
    await api.listBudgets();
    expect(
      (fetch.mock.calls as unknown as [string, RequestInit][]).map(c => [
        c[0],
        c[1].method,
      ]),
    ).toEqual([
      ['/api/gcp-serverless/projects/gryyd-web/costs?range=90d', 'GET'],
      ['/api/gcp-serverless/billing/budgets', 'GET'],
    ]);
  });

  it('POSTs budget preview and apply, and rebuilds a 409 with the current budget', async () => {
    const change = { amount: 100, thresholds: [], period: 'MONTH' as const };
    const fetch = vi.fn(async (url: string | URL | Request) =>
      String(url).endsWith('/apply')
        ? json(409, {
            error: {
              name: 'ConflictError',
              message: 'changed',
              details: { current: { amount: 7 }, etag: '"e2"' },
            },
          })
        : json(200, {}),
    );
    const api = GcpServerlessClient.forBaseUrl(
      '/api/gcp-serverless',
      fetch as never,
    );
    await api.previewBudget('a/b', change);
    expect(fetch.mock.calls[0]![0]).toBe(
      '/api/gcp-serverless/billing/budgets/a%2Fb/preview',
    );
    const error = await api
      .applyBudget('b1', { change, etag: '"e1"', acknowledgedWarnings: [] })
      .catch(e => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.details.current.amount).toBe(7);
  });
});
