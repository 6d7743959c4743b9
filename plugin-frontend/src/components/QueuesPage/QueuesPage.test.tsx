import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanup,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import {
  ConflictError,
  UpstreamError,
  type ProjectListResponse,
  type QueueListResponse,
  type QueuePreview,
  type QueueWithSummary,
} from '@gcp-serverless/common';
import { fakeApi } from '../../__testUtils__/fakeApi';
import {
  currentLocation,
  renderWithProviders,
} from '../../__testUtils__/renderWithProviders';
import { GcpServerlessRoutes } from '../GcpServerlessPage/GcpServerlessRoutes';

afterEach(cleanup);

const projects: ProjectListResponse = {
  mode: 'sandbox',
  projects: [
    {
      projectId: 'gryyd-web',
      displayName: 'gryyd-web',
      regions: ['asia-northeast3'],
    },
  ],
};
const retryConfig = {
  maxAttempts: 10,
  maxRetryDurationSeconds: 0,
  minBackoffSeconds: 5,
  maxBackoffSeconds: 600,
  maxDoublings: 5,
};
const queue: QueueWithSummary = {
  projectId: 'gryyd-web',
  region: 'asia-northeast3',
  name: 'generation',
  resourceName:
    'projects/gryyd-web/locations/asia-northeast3/queues/generation',
  state: 'RUNNING',
  rateLimits: {
    maxDispatchesPerSecond: 5,
    maxConcurrentDispatches: 1000,
    maxBurstSize: 10,
  },
  retryConfig,
  purgeTime: null,
  consoleUrl: 'https://console.cloud.google.com/cloudtasks',
  summary: {
    depth: 42,
    dispatchesPerSecond: 0.1,
    failedAttemptsPerSecond: 0.01,
  },
  targets: [
    { service: 'gryd-worker', via: 'label tasks-queue-target=generation' },
  ],
  producers: [{ service: 'gryd-be', via: 'env TASKS_QUEUE=generation' }],
};
const list = (q: QueueWithSummary = queue): QueueListResponse => ({
  projectId: 'gryyd-web',
  window: '1h',
  asOf: '2026-03-03T12:00:00Z',
  stepSeconds: 60,
  queues: [q],
  series: {
    generation: [
      {
        key: 'depth',
        points: [
          { time: '2026-03-03T11:59:00Z', value: 40 },
          { time: '2026-03-03T12:00:00Z', value: 42 },
        ],
      },
    ],
  },
  errors: [],
});
const current = {
  rateLimits: { maxDispatchesPerSecond: 5, maxConcurrentDispatches: 1000 },
  retryConfig,
};

function render(
  api = fakeApi({
    listProjects: async () => projects,
    listQueues: async () => list(),
  }),
  path = '/projects/gryyd-web/queues',
) {
  return {
    api,
    view: renderWithProviders(<GcpServerlessRoutes />, { api, path }),
  };
}

describe('QueuesPage', () => {
  it('shows state, depth, the observed dispatch rate apart from the configured limit, and the wiring', async () => {
    render();
    const card = await screen.findByTestId('queue-generation');
    expect(within(card).getByTestId('queue-state').textContent).toBe('RUNNING');
    expect(within(card).getByTestId('queue-depth').textContent).toBe(
      '42 tasks',
    );
    expect(within(card).getByTestId('queue-observed-rate').textContent).toBe(
      '0.10 /s',
    );
    expect(within(card).getByTestId('queue-rate-limit').textContent).toBe(
      '5.00 /s',
    );
    expect(card.textContent).toContain('Dispatch limit (configured)');
    expect(card.textContent).toContain('gryd-worker');
    expect(card.textContent).toContain('gryd-be');
  });

  it('pauses the queue and reloads', async () => {
    const { api } = render(
      fakeApi({
        listProjects: async () => projects,
        listQueues: async () => list(),
        pauseQueue: async () => ({
          action: 'pause',
          queue: { ...queue, state: 'PAUSED' },
        }),
      }),
    );
    const pause = (await screen.findByRole('button', {
      name: 'Pause',
    })) as HTMLButtonElement;
    // Disabled until GET /me says queues may be changed.
    await waitFor(() => expect(pause.disabled).toBe(false));
    fireEvent.click(pause);
    await waitFor(() =>
      expect(api.pauseQueue).toHaveBeenCalledWith({
        projectId: 'gryyd-web',
        region: 'asia-northeast3',
        queue: 'generation',
      }),
    );
    await waitFor(() => expect(api.listQueues).toHaveBeenCalledTimes(2));
  });

  it('purge stays disabled until the queue name is typed exactly', async () => {
    const { api } = render(
      fakeApi({
        listProjects: async () => projects,
        listQueues: async () => list(),
        purgeQueue: async () => ({ action: 'purge', queue }),
      }),
    );
    const openPurge = (await screen.findByRole('button', {
      name: 'Purge',
    })) as HTMLButtonElement;
    await waitFor(() => expect(openPurge.disabled).toBe(false));
    fireEvent.click(openPurge);
    const dialog = await screen.findByTestId('purge-dialog');
    const purge = within(dialog).getByRole('button', { name: 'Purge' });
    fireEvent.change(within(dialog).getByTestId('purge-confirm-name'), {
      target: { value: 'generatio' },
    });
    expect((purge as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(dialog).getByTestId('purge-confirm-name'), {
      target: { value: 'generation' },
    });
    fireEvent.click(purge);
    await waitFor(() =>
      expect(api.purgeQueue).toHaveBeenCalledWith(
        expect.objectContaining({ queue: 'generation' }),
        'generation',
      ),
    );
  });

  it('the editor opens from the URL, validates with the shared schema, previews, needs acknowledgement and applies', async () => {
    const preview: QueuePreview = {
      queue,
      current,
      proposed: {
        ...current,
        rateLimits: {
          maxDispatchesPerSecond: 50,
          maxConcurrentDispatches: 100,
        },
      },
      diff: [
        {
          field: 'rateLimits.maxDispatchesPerSecond',
          label: 'Max dispatches per second',
          before: 5,
          after: 50,
        },
      ],
      warnings: [
        {
          code: 'QUEUE_DISPATCH_ABOVE_WORKER_CAPACITY',
          severity: 'warning',
          message:
            'generation → gryd-worker: up to 100 tasks in flight vs max 10 × 1 = 10',
          requiresAcknowledgement: true,
        },
      ],
      validation: { status: 'skipped', message: 'no validate-only mode' },
      etag: 'fp-1',
      impacts: [
        {
          kind: 'queue',
          resource: 'generation',
          before: 'b',
          after:
            'generation → gryd-worker: up to 100 tasks in flight vs max 10 × 1 = 10',
          exceedsLimit: true,
        },
      ],
    };
    const { api, view } = render(
      fakeApi({
        listProjects: async () => projects,
        listQueues: async () => list(),
        previewQueue: async () => preview,
        applyQueue: async () => ({ queue, diff: preview.diff }),
      }),
      '/projects/gryyd-web/queues?queue=generation',
    );
    const input = await screen.findByTestId(
      'queue-rateLimits.maxDispatchesPerSecond',
    );
    fireEvent.change(input, { target: { value: '501' } });
    expect(
      await screen.findByText('Max dispatches per second must be at most 500'),
    ).toBeTruthy();
    fireEvent.change(input, { target: { value: '50' } });
    fireEvent.change(
      screen.getByTestId('queue-rateLimits.maxConcurrentDispatches'),
      { target: { value: '100' } },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const dialog = await screen.findByTestId('queue-preview-dialog');
    expect(
      within(dialog).getByTestId('impact-generation').textContent,
    ).toContain('vs max 10 × 1 = 10');
    const apply = within(dialog).getByRole('button', {
      name: 'Apply',
    }) as HTMLButtonElement;
    expect(apply.disabled).toBe(true);
    fireEvent.click(
      within(dialog).getByTestId('ack-QUEUE_DISPATCH_ABOVE_WORKER_CAPACITY'),
    );
    fireEvent.click(apply);
    await waitFor(() =>
      expect(api.applyQueue).toHaveBeenCalledWith(
        expect.anything(),
        {
          change: preview.proposed,
          etag: 'fp-1',
          acknowledgedWarnings: ['QUEUE_DISPATCH_ABOVE_WORKER_CAPACITY'],
        },
        expect.anything(),
      ),
    );
    expect(currentLocation(view.container)).toContain('queue=generation');
  });

  it("a 409 shows the values now next to the user's", async () => {
    const preview: QueuePreview = {
      queue,
      current,
      proposed: current,
      diff: [
        {
          field: 'retryConfig.maxAttempts',
          label: 'Max attempts',
          before: 10,
          after: 20,
        },
      ],
      warnings: [],
      validation: { status: 'skipped' },
      etag: 'fp-1',
      impacts: [],
    };
    render(
      fakeApi({
        listProjects: async () => projects,
        listQueues: async () => list(),
        previewQueue: async () => preview,
        applyQueue: async () => {
          throw new ConflictError('changed', {
            details: {
              current: {
                ...current,
                retryConfig: { ...retryConfig, maxAttempts: 7 },
              },
              etag: 'fp-2',
              queue,
            },
          });
        },
      }),
      '/projects/gryyd-web/queues?queue=generation',
    );
    fireEvent.change(
      await screen.findByTestId('queue-retryConfig.maxAttempts'),
      { target: { value: '20' } },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    fireEvent.click(
      within(await screen.findByTestId('queue-preview-dialog')).getByRole(
        'button',
        { name: 'Apply' },
      ),
    );
    const row = await screen.findByTestId(
      'conflict-row-retryConfig.maxAttempts',
    );
    expect(row.textContent).toContain('7');
    expect(row.textContent).toContain('20');
  });

  it('a failing list is an error with retry', async () => {
    render(
      fakeApi({
        listProjects: async () => projects,
        listQueues: async () => {
          throw new UpstreamError('listing Cloud Tasks queues failed');
        },
      }),
    );
    expect((await screen.findByTestId('queues-error')).textContent).toContain(
      'listing Cloud Tasks queues failed',
    );
  });
});
