import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  cleanup,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import type { CdnBackend, CdnPolicyPreview } from '@gcp-serverless/common';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { renderWithProviders } from '../../__testUtils__/renderWithProviders';
import { CdnPolicyForm } from './CdnPolicyForm';

afterEach(cleanup);

const backend: CdnBackend = {
  kind: 'backendServices',
  name: 'gryd-storage-service',
  enableCdn: true,
  fingerprint: 'fp-1',
  origin: 'Cloud Storage',
  hitRatio: 0.8,
  requestsPerSecond: 100,
  consoleUrl: '',
  policy: {
    enableCdn: true,
    cacheMode: 'CACHE_ALL_STATIC',
    defaultTtl: 3600,
    maxTtl: 86400,
    clientTtl: 3600,
    negativeCaching: false,
    serveWhileStale: 0,
  },
};

function render(api = fakeApi()) {
  const onApplied = vi.fn();
  renderWithProviders(
    <CdnPolicyForm
      projectId="gryyd-web"
      backend={backend}
      onApplied={onApplied}
    />,
    { api },
  );
  return { api, onApplied };
}

describe('CdnPolicyForm', () => {
  it('names a TTL rule broken as the user types and blocks preview', () => {
    const { api } = render();
    fireEvent.change(screen.getByTestId('cdn-defaultTtl'), {
      target: { value: '90000' },
    });
    expect(
      screen.getByText(
        'Default TTL (90000 s) must not exceed max TTL (86400 s)',
      ),
    ).toBeTruthy();
    expect(
      (screen.getByTestId('cdn-preview') as HTMLButtonElement).disabled,
    ).toBe(true);
    expect(api.previewCdnPolicy).not.toHaveBeenCalled();
  });

  it('clears TTL overrides when switching to USE_ORIGIN_HEADERS', async () => {
    render();
    fireEvent.change(screen.getByTestId('cdn-cache-mode'), {
      target: { value: 'USE_ORIGIN_HEADERS' },
    });
    expect((screen.getByTestId('cdn-maxTtl') as HTMLInputElement).value).toBe(
      '',
    );
    expect(
      (screen.getByTestId('cdn-maxTtl') as HTMLInputElement).disabled,
    ).toBe(true);
    await waitFor(() =>
      expect(
        (screen.getByTestId('cdn-preview') as HTMLButtonElement).disabled,
      ).toBe(false),
    );
  });

  it('stays disabled, saying why, without the cdn change permission', async () => {
    const api = fakeApi({
      getAccess: async () =>
        ({
          user: 'u',
          mode: 'standalone',
          roles: [],
          changes: {
            cdn: { verdict: 'deny', reason: 'needs the cdn-editor role' },
          },
        } as never),
    });
    render(api);
    await screen.findByText(/needs the cdn-editor role/);
    expect(
      (screen.getByTestId('cdn-preview') as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('previews with warnings and applies with the fingerprint read', async () => {
    const change = { ...backend.policy, cacheMode: 'FORCE_CACHE_ALL' as const };
    const preview: CdnPolicyPreview = {
      backend,
      current: backend.policy,
      proposed: change,
      fingerprint: 'fp-1',
      diff: [
        {
          field: 'cacheMode',
          label: 'Cache mode',
          before: 'CACHE_ALL_STATIC',
          after: 'FORCE_CACHE_ALL',
        },
      ],
      warnings: [
        {
          code: 'FORCE_CACHE_ALL_PRIVATE',
          severity: 'warning',
          message: 'FORCE_CACHE_ALL caches private content',
          requiresAcknowledgement: false,
        },
      ],
      validation: { status: 'skipped', message: 'Google checks it on apply' },
    };
    const api = fakeApi({
      previewCdnPolicy: async () => preview,
      applyCdnPolicy: async () => ({
        backend,
        operation: 'operation-1',
        diff: preview.diff,
      }),
    });
    const { onApplied } = render(api);
    fireEvent.change(screen.getByTestId('cdn-cache-mode'), {
      target: { value: 'FORCE_CACHE_ALL' },
    });
    await waitFor(() =>
      expect(
        (screen.getByTestId('cdn-preview') as HTMLButtonElement).disabled,
      ).toBe(false),
    );
    fireEvent.click(screen.getByTestId('cdn-preview'));
    const dialog = await screen.findByTestId('cdn-preview-dialog');
    await within(dialog).findByText('FORCE_CACHE_ALL caches private content');
    fireEvent.click(within(dialog).getByTestId('cdn-apply'));
    await screen.findByTestId('cdn-applied');
    expect(api.applyCdnPolicy).toHaveBeenCalledWith(
      {
        projectId: 'gryyd-web',
        kind: 'backendServices',
        name: 'gryd-storage-service',
      },
      { change, fingerprint: 'fp-1' },
      expect.anything(),
    );
    expect(onApplied).toHaveBeenCalled();
  });
});
