import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanup,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import {
  InputError,
  type ProjectListResponse,
  type RedisInstanceWithSummary,
  type RedisListResponse,
} from '@gcp-serverless/common';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { renderWithProviders } from '../../__testUtils__/renderWithProviders';
import { GcpServerlessRoutes } from '../GcpServerlessPage/GcpServerlessRoutes';

afterEach(cleanup);

const projects: ProjectListResponse = {
  mode: 'sandbox',
  projects: [
    {
      projectId: 'chat-realtime',
      displayName: 'chat-realtime',
      regions: ['asia-northeast3'],
    },
  ],
};
const instance: RedisInstanceWithSummary = {
  projectId: 'chat-realtime',
  region: 'asia-northeast3',
  name: 'chat-redis',
  resourceName:
    'projects/chat-realtime/locations/asia-northeast3/instances/chat-redis',
  displayName: 'chat',
  tier: 'BASIC',
  state: 'READY',
  memorySizeGb: 1,
  redisVersion: 'REDIS_7_0',
  host: '10.0.0.3',
  port: 6379,
  replicaCount: 0,
  redisConfigs: { 'maxmemory-policy': 'allkeys-lru' },
  labels: {},
  consoleUrl: 'https://console.cloud.google.com/memorystore',
  summary: {
    connectedClients: 1234,
    peakConnectedClients: 2345,
    memoryUsageRatio: 0.45,
    rejectedConnections: 0,
  },
  services: [{ service: 'chatservice', via: 'env REDISHOST=10.0.0.3' }],
  budget: {
    instance: 'chat-redis',
    worstCase: 82_000,
    limit: 65_000,
    exceedsLimit: true,
    terms: [
      {
        service: 'chat-history',
        maxInstances: 1000,
        connectionsPerInstance: 80,
        connectionsSource: 'label',
        connections: 80_000,
      },
      {
        service: 'chatservice',
        maxInstances: 1000,
        connectionsPerInstance: 2,
        connectionsSource: 'metrics',
        connections: 2000,
      },
    ],
  },
};
const list: RedisListResponse = {
  projectId: 'chat-realtime',
  window: '1h',
  asOf: '2026-03-03T12:00:00Z',
  stepSeconds: 60,
  instances: [instance],
  series: {},
  errors: [],
};

describe('RedisPage', () => {
  it('shows tier, memory, clients against 65,000, wiring and the worst-case budget', async () => {
    renderWithProviders(<GcpServerlessRoutes />, {
      api: fakeApi({
        listProjects: async () => projects,
        listRedis: async () => list,
      }),
      path: '/projects/chat-realtime/redis',
    });
    const card = await screen.findByTestId('redis-chat-redis');
    expect(within(card).getByTestId('redis-connected').textContent).toBe(
      '1,234 of 65,000 (peak 2,345)',
    );
    expect(card.textContent).toContain('BASIC');
    expect(card.textContent).toContain('1 GB, 45.00 % used');
    expect(card.textContent).toContain('chatservice');
    expect(within(card).getByTestId('redis-budget').textContent).toContain(
      '= 82,000 of 65,000',
    );
  });

  it('the editor validates with the shared schema and maps a 400 onto the field', async () => {
    const api = fakeApi({
      listProjects: async () => projects,
      listRedis: async () => list,
      previewRedis: async () => {
        throw new InputError('bad', [
          {
            path: 'change.redisConfigs.lfu-log-factor',
            message: 'lfu-log-factor rejected by Memorystore',
          },
        ]);
      },
    });
    renderWithProviders(<GcpServerlessRoutes />, {
      api,
      path: '/projects/chat-realtime/redis?instance=chat-redis',
    });
    const size = await screen.findByTestId('redis-memorySizeGb');
    fireEvent.change(size, { target: { value: '301' } });
    expect(
      await screen.findByText('Memory size must be at most 300 GB'),
    ).toBeTruthy();
    fireEvent.change(size, { target: { value: '2' } });
    fireEvent.change(screen.getByTestId('redis-redisConfigs.lfu-log-factor'), {
      target: { value: '10' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await waitFor(() =>
      expect(api.previewRedis).toHaveBeenCalledWith(
        {
          projectId: 'chat-realtime',
          region: 'asia-northeast3',
          instance: 'chat-redis',
        },
        {
          memorySizeGb: 2,
          redisConfigs: {
            'maxmemory-policy': 'allkeys-lru',
            'lfu-log-factor': '10',
          },
        },
        expect.anything(),
      ),
    );
    expect(
      await screen.findByText('lfu-log-factor rejected by Memorystore'),
    ).toBeTruthy();
  });
});
