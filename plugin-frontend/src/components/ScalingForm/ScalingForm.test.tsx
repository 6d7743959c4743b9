import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  cleanup,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import {
  ConflictError,
  InputError,
  UpstreamError,
  type ScalingApplyResult,
} from '@gcp-serverless/common';
import { deferred, fakeApi } from '../../__testUtils__/fakeApi';
import { previewFixture, serviceFixture } from '../../__testUtils__/fixtures';
import { renderWithProviders } from '../../__testUtils__/renderWithProviders';
import { ScalingForm } from './ScalingForm';

afterEach(cleanup);

const service = serviceFixture();

function setup(api = fakeApi(), onChanged = vi.fn()) {
  renderWithProviders(<ScalingForm service={service} onChanged={onChanged} />, {
    api,
    path: '/projects/gryyd-web/locations/asia-northeast3/services/gryd-be',
  });
  return { api, onChanged };
}

function field(
  label: 'Min instances' | 'Max instances' | 'Concurrency',
): HTMLInputElement {
  return screen.getByLabelText(label) as HTMLInputElement;
}

function type(
  label: 'Min instances' | 'Max instances' | 'Concurrency',
  value: string,
) {
  fireEvent.change(field(label), { target: { value } });
}

/** A button by name, also while a dialog hides the rest of the page from the accessibility tree. */
function button(name: string): HTMLButtonElement {
  return screen.getByRole('button', {
    name,
    hidden: true,
  }) as HTMLButtonElement;
}

function applied(maxInstances: number): ScalingApplyResult {
  return {
    service: serviceFixture({
      etag: '"etag-2"',
      scaling: { ...service.scaling, maxInstances },
    }),
    operation: 'projects/gryyd-web/locations/asia-northeast3/operations/op-1',
    diff: [
      {
        field: 'maxInstances',
        label: 'Max instances',
        before: 40,
        after: maxInstances,
      },
    ],
  };
}

describe('ScalingForm', () => {
  it('starts from the service scaling', () => {
    setup();
    expect(field('Min instances').value).toBe('1');
    expect(field('Max instances').value).toBe('40');
    expect(field('Concurrency').value).toBe('80');
  });

  it('shows the schema messages under the fields as the user types', () => {
    setup();
    type('Max instances', '');
    expect(screen.getByText('Max instances is required')).toBeTruthy();
    type('Max instances', '2.5');
    expect(
      screen.getByText('Max instances must be a whole number'),
    ).toBeTruthy();
    type('Concurrency', '2000');
    expect(screen.getByText('Concurrency must be at most 1000')).toBeTruthy();
    type('Concurrency', '80');
    type('Max instances', '40');
    expect(screen.queryByText(/must/)).toBeNull();
  });

  it('blocks min > max without calling the API', () => {
    const { api } = setup();
    type('Min instances', '5');
    type('Max instances', '3');
    expect(
      screen.getByText('Min instances (5) must not exceed max instances (3)'),
    ).toBeTruthy();
    fireEvent.click(button('Preview'));
    expect(api.previewScaling).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('previews, applies with the preview etag, reports success and asks the page to refresh', async () => {
    const apply = deferred<ScalingApplyResult>();
    const api = fakeApi({
      previewScaling: async () => previewFixture(),
      applyScaling: () => apply.promise,
    });
    const { onChanged } = setup(api);
    type('Max instances', '50');
    fireEvent.click(button('Preview'));

    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByTestId('edit-diff');
    expect(api.previewScaling).toHaveBeenCalledWith(
      { projectId: 'gryyd-web', region: 'asia-northeast3', service: 'gryd-be' },
      { minInstances: 1, maxInstances: 50, concurrency: 80 },
      expect.anything(),
    );
    const row = within(dialog).getByTestId('diff-row-maxInstances');
    expect(row.textContent).toContain('40');
    expect(row.textContent).toContain('50');
    expect(
      within(dialog).getByTestId('scaling-validation').textContent,
    ).toContain('Cloud Run validation passed');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply' }));
    expect(api.applyScaling).toHaveBeenCalledWith(
      { projectId: 'gryyd-web', region: 'asia-northeast3', service: 'gryd-be' },
      {
        change: { minInstances: 1, maxInstances: 50, concurrency: 80 },
        etag: '"etag-1"',
        acknowledgedWarnings: [],
      },
      expect.anything(),
    );
    expect(
      within(dialog).getByText('Applying… waiting for Cloud Run'),
    ).toBeTruthy();
    expect(
      (
        within(dialog).getByRole('button', {
          name: 'Apply',
        }) as HTMLButtonElement
      ).disabled,
    ).toBe(true);
    expect(
      (
        within(dialog).getByRole('button', {
          name: 'Cancel',
        }) as HTMLButtonElement
      ).disabled,
    ).toBe(true);

    apply.resolve(applied(50));
    expect(
      (await screen.findByTestId('scaling-applied')).textContent,
    ).toContain('Scaling of gryd-be updated: min 1, max 50, concurrency 80.');
    expect(onChanged).toHaveBeenCalledTimes(1);
    await waitFor(() =>
      expect(screen.queryByTestId('scaling-preview-dialog')).toBeNull(),
    );
    expect(field('Max instances').value).toBe('50');
  });

  it('says "Request approval" when the policy applies, with why, and links the request once made (docs/approvals.md)', async () => {
    const reason =
      'worst-case cost up $1.20/hour, over the $0.50/hour that needs approval';
    const api = fakeApi({
      previewScaling: async () => ({
        ...previewFixture(),
        approval: { required: true, reasons: [reason] },
      }),
      applyScaling: async () =>
        ({
          outcome: 'approval-requested',
          changeRequest: { id: 'r-1', status: 'open' },
          message: `Approval requested: ${reason}.`,
        } as never),
    });
    const { onChanged } = setup(api);
    type('Max instances', '50');
    fireEvent.click(button('Preview'));
    const dialog = await screen.findByRole('dialog');
    expect(
      (await within(dialog).findByTestId('scaling-approval-required'))
        .textContent,
    ).toContain(reason);
    expect(within(dialog).queryByRole('button', { name: 'Apply' })).toBeNull();
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Request approval' }),
    );
    await within(dialog).findByTestId('scaling-approval-requested');
    expect(
      within(dialog)
        .getByTestId('scaling-approval-request-link')
        .getAttribute('href'),
    ).toMatch(/\/projects\/gryyd-web\/approvals\/r-1$/);
    expect(screen.queryByTestId('scaling-applied')).toBeNull();
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('keeps Apply disabled until warnings that need it are acknowledged', async () => {
    const preview = previewFixture({
      proposed: { minInstances: 1, maxInstances: 1, concurrency: 80 },
      diff: [
        { field: 'maxInstances', label: 'Max instances', before: 40, after: 1 },
      ],
      warnings: [
        {
          code: 'CAPACITY_BELOW_PEAK',
          severity: 'warning',
          message: 'Capacity 80 is below the peak of 120.',
          requiresAcknowledgement: true,
        },
        {
          code: 'SOMETHING_INFO',
          severity: 'info',
          message: 'Just so you know.',
          requiresAcknowledgement: false,
        },
      ],
    });
    const api = fakeApi({
      previewScaling: async () => preview,
      applyScaling: async () => applied(1),
    });
    setup(api);
    type('Max instances', '1');
    fireEvent.click(button('Preview'));
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText('Capacity 80 is below the peak of 120.');
    expect(within(dialog).getByText('Just so you know.')).toBeTruthy();

    const applyButton = within(dialog).getByRole('button', {
      name: 'Apply',
    }) as HTMLButtonElement;
    expect(applyButton.disabled).toBe(true);
    expect(within(dialog).getAllByRole('checkbox')).toHaveLength(1);
    fireEvent.click(
      within(dialog).getByRole('checkbox', { name: 'I understand the risk' }),
    );
    expect(applyButton.disabled).toBe(false);
    fireEvent.click(applyButton);
    expect(api.applyScaling.mock.calls[0]![1].acknowledgedWarnings).toEqual([
      'CAPACITY_BELOW_PEAK',
    ]);
    await screen.findByTestId('scaling-applied');
  });

  it('shows the newer values on 409 and reloads them with "Use current values"', async () => {
    const current = { minInstances: 2, maxInstances: 60, concurrency: 100 };
    const conflict = new ConflictError('gryd-be changed since the preview', {
      details: {
        current,
        etag: '"etag-9"',
        service: serviceFixture({ etag: '"etag-9"', scaling: current }),
      },
    });
    const api = fakeApi({
      previewScaling: async () => previewFixture(),
      applyScaling: async () => Promise.reject(conflict),
    });
    const { onChanged } = setup(api);
    type('Max instances', '50');
    fireEvent.click(button('Preview'));
    fireEvent.click(
      await within(await screen.findByRole('dialog')).findByRole('button', {
        name: 'Apply',
      }),
    );

    const conflictDialog = await screen.findByTestId('scaling-conflict-dialog');
    const maxRow = within(conflictDialog).getByTestId(
      'conflict-row-maxInstances',
    );
    expect(maxRow.textContent).toContain('60');
    expect(maxRow.textContent).toContain('50');
    expect(
      within(conflictDialog).getByTestId('conflict-row-concurrency')
        .textContent,
    ).toContain('100');

    fireEvent.click(
      within(conflictDialog).getByRole('button', {
        name: 'Use current values',
      }),
    );
    await waitFor(() =>
      expect(screen.queryByTestId('scaling-conflict-dialog')).toBeNull(),
    );
    expect(field('Min instances').value).toBe('2');
    expect(field('Max instances').value).toBe('60');
    expect(field('Concurrency').value).toBe('100');
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('puts a 400 field error under its field and closes the dialog', async () => {
    const error = new InputError('Invalid scaling change', [
      {
        path: 'change.maxInstances',
        message: 'Max instances exceeds the regional quota',
      },
    ]);
    const api = fakeApi({ previewScaling: async () => Promise.reject(error) });
    setup(api);
    type('Max instances', '900');
    fireEvent.click(button('Preview'));
    expect(
      await screen.findByText('Max instances exceeds the regional quota'),
    ).toBeTruthy();
    await waitFor(() =>
      expect(screen.queryByTestId('scaling-preview-dialog')).toBeNull(),
    );
    type('Max instances', '901');
    expect(
      screen.queryByText('Max instances exceeds the regional quota'),
    ).toBeNull();
  });

  it('shows other errors in the dialog and lets Apply be retried', async () => {
    const api = fakeApi({
      previewScaling: async () => previewFixture(),
      applyScaling: vi
        .fn()
        .mockRejectedValueOnce(
          new UpstreamError('Cloud Run operation failed: quota'),
        )
        .mockResolvedValueOnce(applied(50)),
    });
    setup(api);
    type('Max instances', '50');
    fireEvent.click(button('Preview'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(
      await within(dialog).findByRole('button', { name: 'Apply' }),
    );
    expect(
      (await within(dialog).findByTestId('scaling-error')).textContent,
    ).toContain('Cloud Run operation failed: quota');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply' }));
    await screen.findByTestId('scaling-applied');
    expect(api.applyScaling).toHaveBeenCalledTimes(2);
  });

  it('says "Nothing to change" for an empty diff and offers no Apply', async () => {
    const api = fakeApi({
      previewScaling: async () =>
        previewFixture({
          proposed: service.scaling,
          diff: [],
          validation: { status: 'skipped' },
        }),
    });
    setup(api);
    fireEvent.click(button('Preview'));
    const dialog = await screen.findByRole('dialog');
    expect(
      (await within(dialog).findByTestId('scaling-no-change')).textContent,
    ).toContain('Nothing to change');
    expect(
      (
        within(dialog).getByRole('button', {
          name: 'Apply',
        }) as HTMLButtonElement
      ).disabled,
    ).toBe(true);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.queryByTestId('scaling-preview-dialog')).toBeNull(),
    );
  });

  it('disables Apply when Google rejects the change', async () => {
    const api = fakeApi({
      previewScaling: async () =>
        previewFixture({
          validation: {
            status: 'failed',
            message: 'concurrency must be 1 with < 1 vCPU',
          },
        }),
    });
    setup(api);
    type('Max instances', '50');
    fireEvent.click(button('Preview'));
    const dialog = await screen.findByRole('dialog');
    expect(
      (await within(dialog).findByTestId('scaling-validation')).textContent,
    ).toContain('concurrency must be 1 with < 1 vCPU');
    expect(
      (
        within(dialog).getByRole('button', {
          name: 'Apply',
        }) as HTMLButtonElement
      ).disabled,
    ).toBe(true);
  });

  it('says a 202 was submitted and is being confirmed, not failed, and points to the change history', async () => {
    const api = fakeApi({
      previewScaling: async () => previewFixture(),
      applyScaling: async () => ({
        outcome: 'pending',
        changeId: 'change-7',
        message: 'Cloud Run did not confirm the change within 30 s.',
      }),
    });
    const { onChanged } = setup(api);
    type('Max instances', '50');
    fireEvent.click(button('Preview'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(
      await within(dialog).findByRole('button', { name: 'Apply' }),
    );

    const pending = await within(dialog).findByTestId('scaling-pending');
    expect(pending.textContent).toContain('Submitted, being confirmed');
    expect(pending.textContent).toContain(
      'Cloud Run did not confirm the change within 30 s.',
    );
    expect(pending.textContent).toContain('change-7');
    expect(pending.textContent).not.toMatch(/failed/i);
    expect(
      within(dialog)
        .getByTestId('scaling-pending-history')
        .getAttribute('href'),
    ).toBe('/gcp-serverless/projects/gryyd-web/history');
    expect(within(dialog).queryByTestId('scaling-error')).toBeNull();
    expect(within(dialog).queryByRole('button', { name: 'Apply' })).toBeNull();
    expect(screen.queryByTestId('scaling-applied')).toBeNull();
    expect(onChanged).not.toHaveBeenCalled();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(screen.queryByTestId('scaling-preview-dialog')).toBeNull(),
    );
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('reads a 200 with outcome "succeeded" as success', async () => {
    const api = fakeApi({
      previewScaling: async () => previewFixture(),
      applyScaling: async () => ({ outcome: 'succeeded', ...applied(50) }),
    });
    setup(api);
    type('Max instances', '50');
    fireEvent.click(button('Preview'));
    fireEvent.click(
      await within(await screen.findByRole('dialog')).findByRole('button', {
        name: 'Apply',
      }),
    );
    expect(
      (await screen.findByTestId('scaling-applied')).textContent,
    ).toContain('max 50');
  });

  it('returns the focus to Preview when the dialog closes with Escape and after an apply', async () => {
    const api = fakeApi({
      previewScaling: async () => previewFixture(),
      applyScaling: async () => applied(50),
    });
    setup(api);
    type('Max instances', '50');
    button('Preview').focus();
    fireEvent.click(button('Preview'));
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByTestId('edit-diff');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() =>
      expect(screen.queryByTestId('scaling-preview-dialog')).toBeNull(),
    );
    expect(document.activeElement).toBe(button('Preview'));

    fireEvent.click(button('Preview'));
    fireEvent.click(
      await within(await screen.findByRole('dialog')).findByRole('button', {
        name: 'Apply',
      }),
    );
    await screen.findByTestId('scaling-applied');
    await waitFor(() => expect(document.activeElement).toBe(button('Preview')));
  });

  it('returns the focus to Preview after the conflict dialog', async () => {
    const current = { minInstances: 2, maxInstances: 60, concurrency: 100 };
    const conflict = new ConflictError('changed', {
      details: {
        current,
        etag: '"etag-9"',
        service: serviceFixture({ scaling: current }),
      },
    });
    const api = fakeApi({
      previewScaling: async () => previewFixture(),
      applyScaling: async () => Promise.reject(conflict),
    });
    setup(api);
    type('Max instances', '50');
    fireEvent.click(button('Preview'));
    fireEvent.click(
      await within(await screen.findByRole('dialog')).findByRole('button', {
        name: 'Apply',
      }),
    );
    const conflictDialog = await screen.findByTestId('scaling-conflict-dialog');
    fireEvent.keyDown(conflictDialog, { key: 'Escape' });
    await waitFor(() =>
      expect(screen.queryByTestId('scaling-conflict-dialog')).toBeNull(),
    );
    expect(document.activeElement).toBe(button('Preview'));
    expect(field('Max instances').value).toBe('50');
  });

  it('opens the preview of suggested values at once with autoPreview (a recommendation), in StrictMode too', async () => {
    const api = fakeApi({ previewScaling: async () => previewFixture() });
    renderWithProviders(
      <StrictMode>
        <ScalingForm
          service={service}
          onChanged={vi.fn()}
          initialValues={{ minInstances: 0, maxInstances: 2, concurrency: 80 }}
          autoPreview
        />
      </StrictMode>,
      {
        api,
        path: '/projects/gryyd-web/locations/asia-northeast3/services/gryd-be',
      },
    );
    // StrictMode's rehearsal unmount aborts the first preview; the remount asks again.
    await screen.findByTestId('edit-diff');
    expect(api.previewScaling.mock.calls.at(-1)![1]).toEqual({
      minInstances: 0,
      maxInstances: 2,
      concurrency: 80,
    });
    expect(field('Max instances').value).toBe('2');
  });
});
