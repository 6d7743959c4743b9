import { describe, expect, it, vi } from 'vitest';
import {
  ConflictError,
  InputError,
  UpstreamError,
  type ApplyAnswer,
  type ChangeWarning,
} from '@gcp-serverless/common';
import { deferred } from '../__testUtils__/fakeApi';
import { EditMachine, type EditTransport } from './EditMachine';
import { canApply, type EditPreviewBase } from './editState';

interface Change {
  max: number;
}
interface Preview extends EditPreviewBase {
  etag: string;
}
interface Result {
  max: number;
}
interface Details {
  current: Change;
}

const preview = (overrides: Partial<Preview> = {}): Preview => ({
  diff: [{ field: 'max', label: 'Max', before: 1, after: 2 }],
  warnings: [],
  validation: { status: 'passed' },
  etag: 'e1',
  ...overrides,
});
const mustAck: ChangeWarning = {
  code: 'BELOW_PEAK',
  severity: 'warning',
  message: 'below the peak',
  requiresAcknowledgement: true,
};

function transport(
  overrides: Partial<EditTransport<Change, Preview, Result, Details>> = {},
) {
  return {
    preview: vi.fn(overrides.preview ?? (async () => preview())),
    apply: vi.fn(
      overrides.apply ??
        (async ({
          change,
        }: {
          change: Change;
        }): Promise<ApplyAnswer<Result>> => ({
          outcome: 'succeeded' as const,
          max: change.max,
        })),
    ),
    isConflictDetails: (d: unknown): d is Details =>
      typeof (d as Details | undefined)?.current?.max === 'number',
  };
}

/** Lets pending promise callbacks run. */
const settle = () => new Promise(resolve => setTimeout(resolve, 0));

async function previewed(t = transport(), callbacks = {}) {
  const machine = new EditMachine(t, callbacks);
  machine.preview({ max: 2 });
  await settle();
  return machine;
}

describe('EditMachine', () => {
  it('goes idle → previewing → previewed → applying → succeeded, sending the preview to apply', async () => {
    const onSucceeded = vi.fn();
    const t = transport();
    const machine = new EditMachine(t, { onSucceeded });
    const seen: string[] = [];
    machine.subscribe(() => seen.push(machine.getState().status));
    expect(machine.getState()).toEqual({ status: 'idle', fieldErrors: [] });
    machine.preview({ max: 2 });
    expect(machine.getState().status).toBe('previewing');
    await settle();
    expect(machine.getState()).toMatchObject({
      status: 'previewed',
      change: { max: 2 },
      acknowledged: [],
    });
    machine.apply();
    expect(machine.getState().status).toBe('applying');
    await settle();
    expect(t.apply).toHaveBeenCalledWith(
      { change: { max: 2 }, preview: preview(), acknowledgedWarnings: [] },
      expect.any(AbortSignal),
    );
    expect(machine.getState()).toMatchObject({
      status: 'succeeded',
      result: { max: 2 },
    });
    expect(onSucceeded).toHaveBeenCalledWith({ outcome: 'succeeded', max: 2 });
    expect(seen).toEqual(['previewing', 'previewed', 'applying', 'succeeded']);
  });

  it('reads an answer without `outcome` (a backend that predates it) as succeeded', async () => {
    const onSucceeded = vi.fn();
    const machine = await previewed(
      transport({ apply: async () => ({ max: 2 }) }),
      { onSucceeded },
    );
    machine.apply();
    await settle();
    expect(machine.getState().status).toBe('succeeded');
    expect(onSucceeded).toHaveBeenCalledWith({ max: 2 });
  });

  it('a 202 is pending, not succeeded and not failed, with the change id to look up', async () => {
    const onSucceeded = vi.fn();
    const onPending = vi.fn();
    const pending = {
      outcome: 'pending' as const,
      changeId: 'c-42',
      message: 'Cloud Run has not confirmed the change within 30 s.',
    };
    const machine = await previewed(transport({ apply: async () => pending }), {
      onSucceeded,
      onPending,
    });
    machine.apply();
    await settle();
    expect(machine.getState()).toMatchObject({
      status: 'pending',
      changeId: 'c-42',
      message: pending.message,
      change: { max: 2 },
    });
    expect(onPending).toHaveBeenCalledWith(pending);
    expect(onSucceeded).not.toHaveBeenCalled();
  });

  it('a 202 approval-requested is a change request, neither applied nor pending (docs/approvals.md)', async () => {
    const onSucceeded = vi.fn();
    const onRequested = vi.fn();
    const requested = {
      outcome: 'approval-requested' as const,
      changeRequest: { id: 'r-1', status: 'open' },
      message: 'Approval requested: every scaling change needs approval.',
    };
    const machine = await previewed(
      transport({
        apply: async () => requested as unknown as ApplyAnswer<Result>,
      }),
      { onSucceeded, onRequested },
    );
    machine.apply();
    await settle();
    expect(machine.getState()).toMatchObject({
      status: 'requested',
      request: { id: 'r-1' },
      message: requested.message,
      change: { max: 2 },
    });
    expect(onRequested).toHaveBeenCalledWith(requested);
    expect(onSucceeded).not.toHaveBeenCalled();
  });

  it('keeps Apply closed until every warning that needs it is acknowledged', async () => {
    const t = transport({
      preview: async () =>
        preview({
          warnings: [
            mustAck,
            { ...mustAck, code: 'INFO', requiresAcknowledgement: false },
          ],
        }),
    });
    const machine = await previewed(t);
    expect(canApply(machine.getState())).toBe(false);
    machine.apply();
    expect(t.apply).not.toHaveBeenCalled();
    machine.acknowledge('BELOW_PEAK', true);
    expect(canApply(machine.getState())).toBe(true);
    machine.acknowledge('BELOW_PEAK', false);
    expect(canApply(machine.getState())).toBe(false);
    machine.acknowledge('BELOW_PEAK', true);
    machine.apply();
    expect(t.apply.mock.calls[0]![0].acknowledgedWarnings).toEqual([
      'BELOW_PEAK',
    ]);
  });

  it('offers no Apply for an empty diff or a change Google rejected', async () => {
    expect(
      canApply(
        (
          await previewed(
            transport({ preview: async () => preview({ diff: [] }) }),
          )
        ).getState(),
      ),
    ).toBe(false);
    expect(
      canApply(
        (
          await previewed(
            transport({
              preview: async () =>
                preview({ validation: { status: 'failed', message: 'no' } }),
            }),
          )
        ).getState(),
      ),
    ).toBe(false);
    // Kinds without warnings or validation (URL maps have findings) can still apply.
    expect(
      canApply(
        (
          await previewed(
            transport({
              preview: async () =>
                preview({ warnings: undefined, validation: undefined }),
            }),
          )
        ).getState(),
      ),
    ).toBe(true);
  });

  it('turns a 409 with this kind’s details into conflict, and any other 409 into failed', async () => {
    const conflict = new ConflictError('changed meanwhile', {
      details: { current: { max: 7 } },
    });
    const machine = await previewed(
      transport({ apply: async () => Promise.reject(conflict) }),
    );
    machine.apply();
    await settle();
    expect(machine.getState()).toMatchObject({
      status: 'conflict',
      change: { max: 2 },
      details: { current: { max: 7 } },
    });

    const other = await previewed(
      transport({
        apply: async () => Promise.reject(new ConflictError('queue is paused')),
      }),
    );
    other.apply();
    await settle();
    expect(other.getState()).toMatchObject({
      status: 'failed',
      error: { message: 'queue is paused' },
    });
  });

  it('returns a 400 with field messages to idle, where the form shows them until the field is edited', async () => {
    const error = new InputError('bad', [
      { path: 'change.max', message: 'over quota' },
      { path: 'change.min', message: 'too low' },
    ]);
    const machine = await previewed(
      transport({ preview: async () => Promise.reject(error) }),
    );
    expect(machine.getState()).toEqual({
      status: 'idle',
      fieldErrors: error.fieldErrors,
    });
    machine.clearFieldErrors('change.max');
    expect(machine.getState()).toEqual({
      status: 'idle',
      fieldErrors: [{ path: 'change.min', message: 'too low' }],
    });
    machine.clearFieldErrors();
    expect(machine.getState()).toEqual({ status: 'idle', fieldErrors: [] });
  });

  it('keeps the preview of a failed apply so that Apply can be retried; a failed preview has none', async () => {
    const apply = vi
      .fn()
      .mockRejectedValueOnce(new UpstreamError('operation failed'))
      .mockResolvedValueOnce({ max: 2 });
    const machine = await previewed(transport({ apply }));
    machine.apply();
    await settle();
    expect(machine.getState()).toMatchObject({
      status: 'failed',
      preview: preview(),
      error: { message: 'operation failed' },
    });
    expect(canApply(machine.getState())).toBe(true);
    machine.apply();
    await settle();
    expect(machine.getState().status).toBe('succeeded');

    const failedPreview = await previewed(
      transport({
        preview: async () => Promise.reject(new Error('network down')),
      }),
    );
    expect(failedPreview.getState()).toMatchObject({
      status: 'failed',
      preview: undefined,
    });
    expect(canApply(failedPreview.getState())).toBe(false);
  });

  it('drops the answer of a superseded preview and aborts its request', async () => {
    const first = deferred<Preview>();
    const signals: AbortSignal[] = [];
    const answers = [first.promise, Promise.resolve(preview({ etag: 'e2' }))];
    const machine = new EditMachine(
      transport({
        preview: (_change, signal) => {
          signals.push(signal);
          return answers.shift()!;
        },
      }),
    );
    machine.preview({ max: 2 });
    machine.preview({ max: 3 });
    expect(signals[0]!.aborted).toBe(true);
    await settle();
    first.resolve(preview({ etag: 'stale' }));
    await settle();
    expect(machine.getState()).toMatchObject({
      status: 'previewed',
      change: { max: 3 },
      preview: { etag: 'e2' },
    });
  });

  it('cancels a preview on reset, but never forgets an apply in flight', async () => {
    const slowPreview = deferred<Preview>();
    const machine = new EditMachine(
      transport({ preview: () => slowPreview.promise }),
    );
    machine.preview({ max: 2 });
    machine.reset();
    slowPreview.resolve(preview());
    await settle();
    expect(machine.getState().status).toBe('idle');

    const apply = deferred<ApplyAnswer<Result>>();
    const applying = await previewed(transport({ apply: () => apply.promise }));
    applying.apply();
    applying.reset();
    applying.preview({ max: 9 });
    expect(applying.getState().status).toBe('applying');
    apply.resolve({ max: 2 });
    await settle();
    expect(applying.getState().status).toBe('succeeded');
  });

  it('after dispose, drops every answer and calls no callback', async () => {
    const apply = deferred<ApplyAnswer<Result>>();
    const onSucceeded = vi.fn();
    const machine = await previewed(transport({ apply: () => apply.promise }), {
      onSucceeded,
    });
    const listener = vi.fn();
    machine.subscribe(listener);
    machine.apply();
    machine.dispose();
    apply.resolve({ max: 2 });
    await settle();
    expect(machine.getState().status).toBe('applying');
    expect(onSucceeded).not.toHaveBeenCalled();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('stops telling a listener that unsubscribed', async () => {
    const machine = new EditMachine(transport());
    const listener = vi.fn();
    const unsubscribe = machine.subscribe(listener);
    machine.preview({ max: 2 });
    unsubscribe();
    await settle();
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
