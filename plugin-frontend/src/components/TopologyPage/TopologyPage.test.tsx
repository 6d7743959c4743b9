import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import type { TopologyResponse } from '@gcp-serverless/common';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { serviceDetailFixture } from '../../__testUtils__/fixtures';
import {
  currentLocation,
  renderWithProviders,
  TEST_BASE,
} from '../../__testUtils__/renderWithProviders';
import { GcpServerlessPage } from '../GcpServerlessPage/GcpServerlessPage';
import { layoutTopology } from './topologyLayout';

afterEach(cleanup);

const topology: TopologyResponse = {
  projectId: 'gryyd-web',
  window: '1h',
  errors: [],
  nodes: [
    {
      id: 'host:www.gryyd.ai',
      kind: 'host',
      label: 'www.gryyd.ai',
      health: 'ok',
      problems: [],
      link: { page: 'routing', projectId: 'gryyd-web', resource: 'lb' },
    },
    {
      id: 'backend:gryd-be-service',
      kind: 'backend',
      label: 'gryd-be-service',
      health: 'ok',
      problems: [],
      link: {
        page: 'routing',
        projectId: 'gryyd-web',
        resource: 'gryd-be-service',
      },
    },
    {
      id: 'service:gryd-be',
      kind: 'service',
      label: 'gryd-be',
      health: 'critical',
      problems: ['SERVICE_5XX_RATIO'],
      link: {
        page: 'service',
        projectId: 'gryyd-web',
        region: 'asia-northeast3',
        resource: 'gryd-be',
      },
    },
  ],
  edges: [
    { from: 'host:www.gryyd.ai', to: 'backend:gryd-be-service' },
    { from: 'backend:gryd-be-service', to: 'service:gryd-be' },
  ],
};
const projects = {
  mode: 'sandbox' as const,
  projects: [
    {
      projectId: 'gryyd-web',
      displayName: 'gryyd-web',
      regions: ['asia-northeast3'],
    },
  ],
};

describe('TopologyPage', () => {
  it('draws nodes coloured by health; a node opens its page', async () => {
    const api = fakeApi({
      listProjects: async () => projects,
      getTopology: async () => topology,
      getService: async () => serviceDetailFixture(),
    });
    const { container } = renderWithProviders(<GcpServerlessPage />, {
      api,
      path: '/projects/gryyd-web/topology?window=6h',
    });
    const node = await screen.findByTestId('topology-node-service:gryd-be');
    expect(node.getAttribute('data-health')).toBe('critical');
    expect(node.textContent).toContain('SERVICE_5XX_RATIO');
    expect(
      screen.getByTestId('topology-edges').querySelectorAll('path'),
    ).toHaveLength(2);
    expect(api.getTopology).toHaveBeenCalledWith(
      'gryyd-web',
      '6h',
      expect.anything(),
    );
    fireEvent.click(
      screen.getByRole('link', { name: /^gryd-be.*\(service, critical\)$/ }),
    );
    await screen.findByTestId('service-page');
    expect(currentLocation(container)).toBe(
      `${TEST_BASE}/projects/gryyd-web/locations/asia-northeast3/services/gryd-be`,
    );
  });

  it('lays out one column per kind, left to right', () => {
    const layout = layoutTopology(topology.nodes, topology.edges);
    const x = (id: string) => layout.nodes.find(n => n.id === id)!.x;
    expect(x('host:www.gryyd.ai')).toBeLessThan(x('backend:gryd-be-service'));
    expect(x('backend:gryd-be-service')).toBeLessThan(x('service:gryd-be'));
    expect(layout.edges[1]!.health).toBe('critical');
  });
});
