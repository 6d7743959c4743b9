import { Route, Routes } from 'react-router-dom';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterAll, describe, expect, it } from 'vitest';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  renderInTestApp as renderInNewTestApp,
  createExtensionTester,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import gcpServerlessAlphaPlugin from '../alpha';
import { allowAllAccess, fakeApi } from '../__testUtils__/fakeApi';
import {
  serviceDetailFixture,
  serviceListFixture,
  serviceWithSummary,
} from '../__testUtils__/fixtures';
import { gcpServerlessApiRef } from './apiRef';
import { isGcpServerlessAvailable } from './isGcpServerlessAvailable';
import { EntityGcpServerlessContent, GcpServerlessPage } from './plugin';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'gryd-backend',
    annotations: {
      'gcp-serverless/project': 'gryyd-web',
      'gcp-serverless/cloud-run-services': 'asia-northeast3/gryd-be',
    },
  },
  spec: { type: 'service', owner: 'team-gryd', lifecycle: 'production' },
};

function api() {
  return fakeApi({
    listProjects: async () => ({
      mode: 'sandbox',
      projects: [
        {
          projectId: 'gryyd-web',
          displayName: 'gryyd-web',
          regions: ['asia-northeast3'],
        },
      ],
    }),
    listServices: async () =>
      serviceListFixture([serviceWithSummary('gryd-be', {})]),
    getService: async () => serviceDetailFixture(),
  });
}

// Let lazy extensions still resolving finish, then unmount, before jsdom is torn down at the end of
// the file: a commit after teardown would fail on a missing window (seen as a flaky unhandled error).
afterAll(async () => {
  await new Promise(resolve => setTimeout(resolve, 500));
  cleanup();
});

describe('Backstage legacy frontend system', () => {
  it('renders the routable page with the app-provided API', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[gcpServerlessApiRef, api()]]}>
        <Routes>
          <Route path="/*" element={<GcpServerlessPage />} />
        </Routes>
      </TestApiProvider>,
    );
    expect(await screen.findByTestId('gcp-serverless-page')).toBeTruthy();
  });

  it("renders exactly the entity's services in the entity tab", async () => {
    const fake = api();
    await renderInTestApp(
      <TestApiProvider apis={[[gcpServerlessApiRef, fake]]}>
        <EntityProvider entity={entity}>
          <Routes>
            <Route path="/*" element={<EntityGcpServerlessContent />} />
          </Routes>
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      await screen.findByTestId('gcp-serverless-entity-content'),
    ).toBeTruthy();
    await waitFor(() =>
      expect(screen.getAllByTestId('entity-service')).toHaveLength(1),
    );
    expect(fake.getService).toHaveBeenCalledWith(
      { projectId: 'gryyd-web', region: 'asia-northeast3', service: 'gryd-be' },
      '1h',
      expect.anything(),
    );
    expect(await screen.findByTestId('scaling-form')).toBeTruthy();
  });

  it('is available only for annotated entities', () => {
    expect(isGcpServerlessAvailable(entity)).toBe(true);
    expect(
      isGcpServerlessAvailable({ ...entity, metadata: { name: 'other' } }),
    ).toBe(false);
  });
});

describe('Backstage new frontend system (/alpha)', () => {
  it('provides an API, a page and entity content', () => {
    for (const id of [
      'api:gcp-serverless',
      'page:gcp-serverless',
      'entity-content:gcp-serverless',
    ]) {
      expect(
        gcpServerlessAlphaPlugin.getExtension(id as never),
        id,
      ).toBeTruthy();
    }
  });

  it('renders the page extension in a test app', async () => {
    const page = gcpServerlessAlphaPlugin.getExtension(
      'page:gcp-serverless' as never,
    );
    const tester = createExtensionTester(page as never, {
      apis: [
        [
          gcpServerlessApiRef,
          { ...api(), getAccess: async () => allowAllAccess() },
        ],
      ] as never,
    });
    renderInNewTestApp(tester.reactElement());
    expect(await screen.findByTestId('gcp-serverless-page')).toBeTruthy();
  });
});
