import { Route, Routes } from 'react-router-dom';
import {
  cleanup,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { costReportFixture } from '../components/CostsPage/costsFixture';
import { fakeApi } from '../__testUtils__/fakeApi';
import {
  entityBudgets,
  entityQueueList,
  entityRedisList,
  entityRouting,
} from '../__testUtils__/entityFixtures';
import { serviceDetailFixture } from '../__testUtils__/fixtures';
import { gcpServerlessApiRef } from './apiRef';
import { EntityGcpServerlessContent } from './plugin';

/** An entity carrying every annotation; the fake lists also hold resources it does not claim. */
const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'gryd-backend',
    annotations: {
      'gcp-serverless/project': 'gryyd-web',
      'gcp-serverless/cloud-run-services': 'asia-northeast3/gryd-be',
      'gcp-serverless/url-map': 'gryyd-lb',
      'gcp-serverless/hosts': 'www.gryyd.ai',
      'gcp-serverless/queues': 'asia-northeast3/generation',
      'gcp-serverless/redis-instances': 'gryd-cache',
      'gcp-serverless/budget': 'b-gryd',
    },
  },
  spec: { type: 'service', owner: 'team-gryd', lifecycle: 'production' },
};

async function render() {
  const api = fakeApi({
    getService: async () => serviceDetailFixture(),
    getCosts: async (_p: string, _r: string, o?: { resource?: string }) =>
      costReportFixture({ range: '30d' }, o?.resource ?? null),
    listQueues: async () => entityQueueList(),
    listRedis: async () => entityRedisList(),
    getRouting: async () => entityRouting(),
    listBudgets: async () => entityBudgets(),
  });
  await renderInTestApp(
    <TestApiProvider apis={[[gcpServerlessApiRef, api]]}>
      <EntityProvider entity={entity}>
        <Routes>
          <Route path="/*" element={<EntityGcpServerlessContent />} />
        </Routes>
      </EntityProvider>
    </TestApiProvider>,
  );
  return api;
}

// The wait is bounded by the test timeout (testingLibrarySetup.ts), not by how fast this machine renders.
const slow = {};

afterEach(cleanup);

describe('Backstage entity tab with every annotation', () => {
  it('shows exactly the annotated service, its cost, URL map hosts, queues, Redis instances and budget', async () => {
    const api = await render();
    expect(
      await screen.findByTestId('gcp-serverless-entity-content', {}, slow),
    ).toBeTruthy();
    await waitFor(
      () => expect(screen.getAllByTestId('entity-service')).toHaveLength(1),
      slow,
    );
    expect(api.getService).toHaveBeenCalledTimes(1);
    expect(api.getService).toHaveBeenCalledWith(
      { projectId: 'gryyd-web', region: 'asia-northeast3', service: 'gryd-be' },
      '1h',
      expect.anything(),
    );

    // Cost of the annotated service only: gryd-be is $10/day, gryd-fe (not annotated) is not in it.
    const cost = await screen.findByTestId('service-cost-30d', {}, slow);
    expect(cost.textContent).toBe('Last 30 days: $64.00');
    expect(screen.getAllByTestId('service-cost-panel')).toHaveLength(1);
    // The project's costs page is not routable inside the entity tab, so no link to it.
    expect(screen.getByTestId('service-cost-panel').textContent).not.toContain(
      'Open in the costs page',
    );

    const routing = await screen.findByTestId('entity-routing', {}, slow);
    const tree = await within(routing).findByTestId('routing-tree', {}, slow);
    expect(routing.textContent).toContain('gryyd-lb');
    expect(routing.textContent).not.toContain('other-lb');
    expect(tree.textContent).toContain('www.gryyd.ai');
    expect(tree.textContent).not.toContain('admin.other.ai');
    expect(within(routing).getByTestId('urlmap-edit')).toBeTruthy();

    const queues = await screen.findByTestId('entity-queues');
    await within(queues).findByTestId('queue-generation', {}, slow);
    expect(within(queues).queryByTestId('queue-emails')).toBeNull();

    const redis = await screen.findByTestId('entity-redis');
    await within(redis).findByTestId('redis-gryd-cache', {}, slow);
    expect(within(redis).queryByTestId('redis-other-cache')).toBeNull();

    const budget = await screen.findByTestId('entity-budget');
    await within(budget).findByTestId('budget-row-b-gryd', {}, slow);
    expect(within(budget).queryByTestId('budget-row-b-other')).toBeNull();
  });

  it("opens the pages' edit forms for the annotated queue, Redis instance and budget", async () => {
    await render();
    const queues = await screen.findByTestId('entity-queues', {}, slow);
    fireEvent.click(
      await within(queues).findByRole('button', { name: 'Edit limits' }, slow),
    );
    expect(
      await within(queues).findByTestId('queue-form-generation', {}, slow),
    ).toBeTruthy();

    const redis = await screen.findByTestId('entity-redis');
    fireEvent.click(
      await within(redis).findByRole(
        'button',
        { name: 'Edit size and configs' },
        slow,
      ),
    );
    expect(
      await within(redis).findByTestId('redis-form-gryd-cache', {}, slow),
    ).toBeTruthy();

    const budget = await screen.findByTestId('entity-budget');
    fireEvent.click(
      await within(budget).findByRole('button', { name: 'Edit' }, slow),
    );
    expect(
      await screen.findByTestId('budget-edit-dialog', {}, slow),
    ).toBeTruthy();
  });
});
