import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import { UpstreamError } from '@gcp-serverless/common';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { renderWithProviders } from '../../__testUtils__/renderWithProviders';
import { Route, Routes } from 'react-router-dom';
import { costReportFixture } from './costsFixture';
import { CostsPage } from './CostsPage';

afterEach(cleanup);

function render(
  api = fakeApi({ getCosts: async () => costReportFixture() }),
  query = '',
) {
  renderWithProviders(
    <Routes>
      <Route path="projects/:projectId/costs" element={<CostsPage />} />
    </Routes>,
    { api, path: `/projects/gryyd-web/costs${query}` },
  );
  return api;
}

describe('CostsPage', () => {
  it('shows month to date against the budget, the forecast and how it is made', async () => {
    const api = render(undefined, '?range=7d');
    expect((await screen.findByTestId('mtd-net')).textContent).toBe('$53.00');
    expect(api.getCosts).toHaveBeenCalledWith(
      'gryyd-web',
      '7d',
      expect.anything(),
    );
    expect(screen.getByTestId('mtd-budget').textContent).toBe('$500.00');
    expect(screen.getByTestId('mtd-used').textContent).toBe('10.6 %');
    expect(screen.getByTestId('mtd-credits').textContent).toBe('-$1.00');
    expect(screen.getByTestId('forecast-method').textContent).toContain(
      'mean of the last 7 complete day(s)',
    );
    expect(screen.getByTestId('cost-source').textContent).toContain(
      'Billed cost from the Cloud Billing export',
    );
    expect(
      within(screen.getByTestId('top-movers')).getByTestId('mover-gryd-be')
        .textContent,
    ).toContain('−$6.00');
    expect(
      within(screen.getByTestId('cost-per-requests')).getByTestId(
        'per-requests-gryd-be',
      ).textContent,
    ).toContain('$0.914');
  });

  it('labels an estimate as one', async () => {
    render(
      fakeApi({
        getCosts: async () =>
          costReportFixture({
            source: {
              kind: 'estimate',
              description: 'Estimate: usage × prices.',
            },
          }),
      }),
    );
    expect((await screen.findByTestId('cost-source')).textContent).toContain(
      'Estimated cost — Estimate: usage × prices.',
    );
  });

  it('keeps the page when the cost source fails, with the error in its panels', async () => {
    render(
      fakeApi({
        getCosts: async () =>
          costReportFixture({
            rows: [],
            errors: [
              { source: 'costs', message: 'BigQuery said no', status: 502 },
            ],
          }),
      }),
    );
    const panel = await screen.findByTestId('daily-cost-panel');
    expect(await within(panel).findByText(/BigQuery said no/)).toBeTruthy();
  });

  it('shows an error with retry when the request fails', async () => {
    render(
      fakeApi({
        getCosts: async () => Promise.reject(new UpstreamError('backend down')),
      }),
    );
    expect((await screen.findByTestId('error-panel')).textContent).toContain(
      'backend down',
    );
  });
});
