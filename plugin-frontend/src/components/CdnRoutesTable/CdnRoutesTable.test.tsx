import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import type { CdnRoute } from '@gcp-serverless/common';
import { CdnRoutesTable } from './CdnRoutesTable';

afterEach(cleanup);

const route = (pathRule: string, hitRatio: number | null): CdnRoute => ({
  urlMap: 'gryyd-web-url-map',
  pathRule,
  backend: 'gryd-storage-service',
  hitRatio,
  servedPerSecond: 3.5,
  fillPerSecond: 0.5,
  requestsPerSecond: 4,
});

describe('CdnRoutesTable', () => {
  it('answers "is /images/* served well?" with hit ratio, served and fill per path rule', () => {
    render(
      <CdnRoutesTable
        backend="gryd-storage-service"
        routes={[route('/images/*', 0.875), route('UNMATCHED', null)]}
      />,
    );
    const images = screen.getByTestId('cdn-route-/images/*');
    expect(within(images).getByTestId('cdn-route-hit').textContent).toBe(
      '87.50 %',
    );
    expect(images.textContent).toContain('3.50');
    expect(images.textContent).toContain('0.50');
    expect(screen.getByTestId('cdn-route-UNMATCHED').textContent).toContain(
      'default (no path rule matched)',
    );
    // One URL map: no URL map column.
    expect(screen.queryByText('URL map')).toBeNull();
  });

  it('says so when no rule sent traffic to the backend', () => {
    render(<CdnRoutesTable backend="gryd-be-service" routes={[]} />);
    expect(screen.getByTestId('cdn-routes-empty').textContent).toContain(
      'gryd-be-service',
    );
  });
});
