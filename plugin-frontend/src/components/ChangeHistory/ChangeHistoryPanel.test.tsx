import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanup,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import type { ChangeRecord } from '@gcp-serverless/common';
import { allowAllAccess, fakeApi } from '../../__testUtils__/fakeApi';
import { historyOf } from '../../__testUtils__/fakeHistory';
import {
  previewFixture,
  serviceDetailFixture,
  serviceFixture,
} from '../../__testUtils__/fixtures';
import { renderWithProviders } from '../../__testUtils__/renderWithProviders';

const bs = (name: string) =>
  `https://www.googleapis.com/compute/v1/projects/gryyd-web/global/backendServices/${name}`;

/** A small gryyd-web URL map: www.gryyd.ai → path-matcher-2 with `/api/*` → be. */
function urlMap(extraRules: { paths: string[]; service: string }[] = []) {
  return {
    name: 'gryyd-web-url-map',
    defaultService: bs('gryd-fe-service'),
    hostRules: [{ hosts: ['www.gryyd.ai'], pathMatcher: 'path-matcher-2' }],
    pathMatchers: [
      {
        name: 'path-matcher-2',
        defaultService: bs('gryd-fe-service'),
        pathRules: [
          ...extraRules,
          { paths: ['/api/*'], service: bs('gryd-be-service') },
        ],
      },
    ],
  };
}
import { ScalingForm } from '../ScalingForm/ScalingForm';
import { ChangeHistoryPanel } from './ChangeHistoryPanel';

afterEach(cleanup);

const RESOURCE =
  'projects/gryyd-web/locations/asia-northeast3/services/gryd-be';

function entry(overrides: Partial<ChangeRecord> = {}): ChangeRecord {
  return {
    id: 'e1',
    time: '2026-11-20T10:00:00.000Z',
    actor: 'lead@example.com',
    kind: 'scaling',
    action: 'scaling.apply',
    projectId: 'gryyd-web',
    resource: RESOURCE,
    before: { minInstances: 1, maxInstances: 40, concurrency: 80 },
    after: { minInstances: 1, maxInstances: 60, concurrency: 80 },
    result: 'succeeded',
    operation: 'projects/gryyd-web/locations/asia-northeast3/operations/op-1',
    error: null,
    ...overrides,
  };
}

const viewerAccess = () => ({
  ...allowAllAccess(),
  roles: ['viewer' as const],
  changes: {
    ...allowAllAccess().changes,
    scaling: {
      verdict: 'deny' as const,
      reason: 'needs the editor role (gcp-serverless.scaling.update)',
    },
  },
});

describe('ChangeHistoryPanel', () => {
  it('lists who changed what, before and after, and the result', async () => {
    const api = fakeApi({
      listHistory: historyOf([
        entry(),
        entry({ id: 'e2', result: 'conflict', error: 'changed meanwhile' }),
      ]),
    });
    renderWithProviders(
      <ChangeHistoryPanel projectId="gryyd-web" resource={RESOURCE} />,
      { api },
    );
    const rows = await screen.findAllByTestId('history-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('lead@example.com');
    expect(
      within(rows[0]!)
        .getAllByTestId('history-diff-line')
        .map(l => l.textContent),
    ).toEqual(['changed: ~Max instances: 40 → 60']);
    expect(within(rows[1]!).getByTestId('history-error').textContent).toBe(
      'changed meanwhile',
    );
    expect(
      within(rows[1]!).queryByRole('button', { name: /Revert/ }),
    ).toBeNull();
    expect(api.listHistory).toHaveBeenCalledWith(
      'gryyd-web',
      { resource: RESOURCE },
      expect.anything(),
    );
  });

  it('reads a URL map change as routing lines, not JSON; filters by kind and person in the URL', async () => {
    const before = urlMap();
    const after = urlMap([
      { paths: ['/api/v2/*'], service: bs('gryd-be-service') },
    ]);
    const api = fakeApi({
      listHistory: historyOf([
        entry({
          id: 'u1',
          kind: 'routing',
          action: 'urlMap.apply',
          actor: 'lead@example.com',
          resource: 'projects/gryyd-web/global/urlMaps/gryyd-web-url-map',
          before,
          after,
        }),
        entry({ id: 'e2', actor: 'oncall@example.com' }),
      ]),
    });
    renderWithProviders(<ChangeHistoryPanel projectId="gryyd-web" />, {
      api,
      path: '/history?changeKind=routing',
    });
    const rows = await screen.findAllByTestId('history-row');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).not.toContain('{');
    expect(
      within(rows[0]!)
        .getAllByTestId('history-diff-line')
        .map(l => l.textContent),
    ).toEqual(['added: +path-matcher-2: /api/v2/*: gryd-be-service']);
    // Kind "All", then person: only oncall's scaling change.
    fireEvent.mouseDown(
      screen.getByRole('combobox', { name: 'Kind of change' }),
    );
    // The server filters (over the whole history, not a page): the panel asks it with the kind.
    expect(api.listHistory).toHaveBeenCalledWith(
      'gryyd-web',
      { kind: 'routing' },
      expect.anything(),
    );
    fireEvent.click(await screen.findByRole('option', { name: 'All' }));
    await waitFor(() =>
      expect(screen.getAllByTestId('history-row')).toHaveLength(2),
    );
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Changed by' }));
    fireEvent.click(
      await screen.findByRole('option', { name: 'oncall@example.com' }),
    );
    await waitFor(() =>
      expect(screen.getAllByTestId('history-row')).toHaveLength(1),
    );
    expect(screen.getByTestId('history-row').dataset.kind).toBe('scaling');
    expect(api.listHistory).toHaveBeenCalledWith(
      'gryyd-web',
      { actor: 'oncall@example.com' },
      expect.anything(),
    );
  });

  it('shows an empty state and an error with retry', async () => {
    let fail = true;
    const api = fakeApi({
      listHistory: async () => {
        if (fail) throw new Error('database locked');
        return historyOf([])('gryyd-web');
      },
    });
    renderWithProviders(<ChangeHistoryPanel projectId="gryyd-web" />, { api });
    expect(await screen.findByText(/database locked/)).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('No changes recorded yet.')).toBeTruthy();
  });

  it('reverts through the scaling form: starts from the before values and previews them', async () => {
    const api = fakeApi({
      listHistory: historyOf([entry()]),
      getService: async () =>
        serviceDetailFixture({
          service: serviceFixture({
            scaling: { minInstances: 1, maxInstances: 60, concurrency: 80 },
          }),
        }),
      previewScaling: async () => previewFixture(),
    });
    renderWithProviders(
      <ChangeHistoryPanel projectId="gryyd-web" resource={RESOURCE} />,
      { api },
    );
    fireEvent.click(
      await screen.findByRole('button', {
        name: /Revert to this: .* as before this change/,
      }),
    );
    const dialog = await screen.findByRole('dialog');
    const max = (await within(dialog).findByLabelText(
      'Max instances',
    )) as HTMLInputElement;
    expect(max.value).toBe('40');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Preview' }));
    await waitFor(() =>
      expect(api.previewScaling).toHaveBeenCalledWith(
        {
          projectId: 'gryyd-web',
          region: 'asia-northeast3',
          service: 'gryd-be',
        },
        { minInstances: 1, maxInstances: 40, concurrency: 80 },
        expect.anything(),
      ),
    );
  });

  it('offers no revert to a user who may not change scaling', async () => {
    const api = fakeApi({
      getAccess: async () => viewerAccess(),
      listHistory: historyOf([entry()]),
    });
    renderWithProviders(
      <ChangeHistoryPanel projectId="gryyd-web" resource={RESOURCE} />,
      { api },
    );
    await screen.findAllByTestId('history-row');
    await waitFor(() => expect(api.getAccess).toHaveBeenCalled());
    await new Promise(r => setTimeout(r, 0));
    expect(screen.queryByRole('button', { name: /Revert/ })).toBeNull();
  });
});

describe('ScalingForm without the scaling permission', () => {
  it('is disabled and says why', async () => {
    const api = fakeApi({ getAccess: async () => viewerAccess() });
    renderWithProviders(
      <ScalingForm service={serviceFixture()} onChanged={() => undefined} />,
      { api },
    );
    expect(
      (await screen.findByTestId('change-permission-notice')).textContent,
    ).toBe(
      'You cannot change scaling: needs the editor role (gcp-serverless.scaling.update).',
    );
    expect(
      (screen.getByLabelText('Max instances') as HTMLInputElement).disabled,
    ).toBe(true);
    expect(
      (screen.getByRole('button', { name: 'Preview' }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);
  });
});
