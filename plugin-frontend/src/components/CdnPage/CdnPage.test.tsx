import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import type { CdnBackend, CdnOverviewResponse } from '@gcp-serverless/common';
import { fakeApi } from '../../__testUtils__/fakeApi';
import {
  currentLocation,
  renderWithProviders,
} from '../../__testUtils__/renderWithProviders';
import { CdnPage } from './CdnPage';

afterEach(cleanup);

const policy = {
  enableCdn: true,
  cacheMode: 'CACHE_ALL_STATIC' as const,
  defaultTtl: 3600,
  maxTtl: 86400,
  clientTtl: 3600,
  negativeCaching: false,
  serveWhileStale: 0,
};
const backend = (name: string): CdnBackend => ({
  kind: 'backendServices',
  name,
  enableCdn: true,
  fingerprint: 'fp',
  origin: 'Cloud Storage',
  hitRatio: 0.8,
  requestsPerSecond: 100,
  consoleUrl: '',
  policy,
});
const cdn: CdnOverviewResponse = {
  projectId: 'gryyd-web',
  window: '1h',
  asOf: '2026-12-01T12:00:00Z',
  stepSeconds: 60,
  backends: [backend('gryd-storage-service'), backend('gryd-be-service')],
  series: {},
  routes: [],
  errors: [],
};

describe('CdnPage by keyboard', () => {
  it('each backend row has a focusable Details button that selects the backend', async () => {
    const api = fakeApi({ getCdn: async () => cdn });
    const { container } = renderWithProviders(
      <Routes>
        <Route path="projects/:projectId/cdn" element={<CdnPage />} />
      </Routes>,
      { api, path: '/projects/gryyd-web/cdn' },
    );
    const details = await screen.findByRole('button', {
      name: 'Details of gryd-be-service',
    });
    // A native button: in the Tab order, and Enter or Space activates it.
    expect(details.tagName).toBe('BUTTON');
    expect(details.getAttribute('tabindex')).not.toBe('-1');
    expect(details.getAttribute('aria-pressed')).toBe('false');
    details.focus();
    expect(document.activeElement).toBe(details);
    fireEvent.click(details);
    await waitFor(() =>
      expect(currentLocation(container)).toContain(
        'backend=backendServices%2Fgryd-be-service',
      ),
    );
    await waitFor(() =>
      expect(
        screen
          .getByRole('button', { name: 'Details of gryd-be-service' })
          .getAttribute('aria-pressed'),
      ).toBe('true'),
    );
  });
});
