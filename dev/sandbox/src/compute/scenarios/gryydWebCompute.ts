/**
 * gryyd-web's global external ALB, exactly as docs/sandbox.md describes it: host `gryyd.ai` →
 * `path-matcher-3` (redirect to https://www.gryyd.ai, 301) and `www.gryyd.ai` → `path-matcher-2`
 * (`/api/generation/*` → worker; `/api/*`, `/admin`, `/admin/*` → be; images, thumbnails, results,
 * assets, references → storage with Cloud CDN; default → fe). fe, be and worker are serverless NEGs
 * over the Cloud Run services; the storage backend service reaches its Cloud Storage bucket through a
 * global internet NEG (backend services with a storage origin are built that way; a backend bucket
 * would be the other option).
 */
import { createComputeState } from '../computeState';
import type { RequestClass, SandboxComputeState } from '../computeTypes';
import { negKey } from '../negReads';
import {
  backendService,
  globalNegLink,
  internetFqdnNeg,
  regionalNegLink,
  serverlessNeg,
  urlMap,
} from './computeScenarioKit';

const P = 'gryyd-web';
const REGION = 'asia-northeast3';
const bs = (name: string) => `projects/${P}/global/backendServices/${name}`;

/** The request mix reaching www.gryyd.ai and gryyd.ai (shares of the Cloud Run profiles' demand). */
export const GRYYD_REQUEST_CLASSES: RequestClass[] = [
  {
    id: 'apex',
    url: 'https://gryyd.ai/',
    demand: { service: 'gryd-fe', share: 0.05, partOfService: false },
    caching: { staticContent: false, objects: 1 },
  },
  {
    id: 'www-home',
    url: 'https://www.gryyd.ai/',
    demand: { service: 'gryd-fe', share: 0.6, partOfService: true },
    caching: { staticContent: false, objects: 1, originPrivate: true },
  },
  {
    id: 'www-explore',
    url: 'https://www.gryyd.ai/explore/trending',
    demand: { service: 'gryd-fe', share: 0.4, partOfService: true },
    caching: { staticContent: false, objects: 50, originPrivate: true },
  },
  {
    id: 'api-users',
    url: 'https://www.gryyd.ai/api/users/me',
    demand: { service: 'gryd-be', share: 0.45, partOfService: true },
    caching: { staticContent: false, objects: 5000, originPrivate: true },
  },
  {
    id: 'api-v2',
    url: 'https://www.gryyd.ai/api/v2/users',
    demand: { service: 'gryd-be', share: 0.25, partOfService: true },
    caching: { staticContent: false, objects: 5000, originPrivate: true },
  },
  {
    id: 'api-feed',
    url: 'https://www.gryyd.ai/api/feed',
    demand: { service: 'gryd-be', share: 0.25, partOfService: true },
    caching: { staticContent: false, objects: 200 },
  },
  {
    id: 'admin',
    url: 'https://www.gryyd.ai/admin',
    demand: { service: 'gryd-be', share: 0.02, partOfService: true },
    caching: { staticContent: false, objects: 1, originPrivate: true },
  },
  {
    id: 'admin-pages',
    url: 'https://www.gryyd.ai/admin/users',
    demand: { service: 'gryd-be', share: 0.03, partOfService: true },
    caching: { staticContent: false, objects: 20, originPrivate: true },
  },
  // Synchronous generation calls on top of the jobs the `generation` queue pushes to the worker (the
  // worker's own demand is the queue's dispatches, tasks/queueDemandSource.ts), so not part of it.
  {
    id: 'generation',
    url: 'https://www.gryyd.ai/api/generation/jobs',
    demand: { service: 'gryd-worker', share: 0.2, partOfService: false },
    caching: { staticContent: false, objects: 1, originPrivate: true },
  },
  {
    id: 'images',
    url: 'https://www.gryyd.ai/images/hero.webp',
    demand: { service: 'gryd-fe', share: 2, partOfService: false },
    caching: { staticContent: true, originMaxAgeSeconds: 3600, objects: 300 },
    origin404Share: 0.002,
  },
  {
    id: 'thumbnails',
    url: 'https://www.gryyd.ai/thumbnails/a1b2c3.webp',
    demand: { service: 'gryd-fe', share: 3, partOfService: false },
    caching: {
      staticContent: true,
      originMaxAgeSeconds: 86_400,
      objects: 20_000,
    },
    origin404Share: 0.005,
  },
  // Generated images: a long tail without a Cache-Control header, so defaultTtl decides their hits.
  {
    id: 'results',
    url: 'https://www.gryyd.ai/results/job-8842/0.png',
    demand: { service: 'gryd-fe', share: 0.6, partOfService: false },
    caching: { staticContent: true, objects: 200_000, rangeShare: 0.05 },
    origin404Share: 0.01,
  },
  {
    id: 'assets',
    url: 'https://www.gryyd.ai/assets/app.3f9a.js',
    demand: { service: 'gryd-fe', share: 1.5, partOfService: false },
    caching: {
      staticContent: true,
      originMaxAgeSeconds: 31_536_000,
      objects: 150,
    },
  },
  // User uploads are served `private`: only FORCE_CACHE_ALL caches them.
  {
    id: 'references',
    url: 'https://www.gryyd.ai/references/u-77/ref.jpg',
    demand: { service: 'gryd-fe', share: 0.2, partOfService: false },
    caching: { staticContent: true, originPrivate: true, objects: 50_000 },
    origin404Share: 0.01,
  },
];

/** gryyd-web's compute state, created `createdAt` (epoch ms). */
export function buildGryydWebCompute(createdAt: number): SandboxComputeState {
  const negs = [
    serverlessNeg(P, REGION, 'gryd-fe-neg', 'gryd-fe', createdAt),
    serverlessNeg(P, REGION, 'gryd-be-neg', 'gryd-be', createdAt),
    serverlessNeg(P, REGION, 'gryd-worker-neg', 'gryd-worker', createdAt),
  ];
  const storageNeg = internetFqdnNeg(P, 'gryd-storage-neg', createdAt);
  const services = [
    backendService(
      P,
      {
        name: 'gryd-fe-service',
        groups: [regionalNegLink(P, REGION, 'gryd-fe-neg')],
      },
      createdAt,
    ),
    backendService(
      P,
      {
        name: 'gryd-be-service',
        groups: [regionalNegLink(P, REGION, 'gryd-be-neg')],
      },
      createdAt,
    ),
    backendService(
      P,
      {
        name: 'gryd-worker-be-service',
        groups: [regionalNegLink(P, REGION, 'gryd-worker-neg')],
        timeoutSec: 3600,
      },
      createdAt,
    ),
    backendService(
      P,
      {
        name: 'gryd-storage-service',
        groups: [globalNegLink(P, 'gryd-storage-neg')],
        enableCDN: true,
        description: 'Cloud Storage origin gryyd-media.storage.googleapis.com',
      },
      createdAt,
    ),
  ];
  const map = urlMap(
    P,
    {
      name: 'gryyd-web-url-map',
      defaultService: bs('gryd-fe-service'),
      hostRules: [
        { hosts: ['gryyd.ai'], pathMatcher: 'path-matcher-3' },
        { hosts: ['www.gryyd.ai'], pathMatcher: 'path-matcher-2' },
      ],
      pathMatchers: [
        {
          name: 'path-matcher-3',
          defaultUrlRedirect: {
            hostRedirect: 'www.gryyd.ai',
            httpsRedirect: true,
            redirectResponseCode: 'MOVED_PERMANENTLY_DEFAULT',
            stripQuery: false,
          },
        },
        {
          name: 'path-matcher-2',
          defaultService: bs('gryd-fe-service'),
          pathRules: [
            {
              paths: ['/api/generation/*'],
              service: bs('gryd-worker-be-service'),
            },
            {
              paths: ['/api/*', '/admin', '/admin/*'],
              service: bs('gryd-be-service'),
            },
            {
              paths: [
                '/images/*',
                '/thumbnails/*',
                '/results/*',
                '/assets/*',
                '/references/*',
              ],
              service: bs('gryd-storage-service'),
            },
          ],
        },
      ],
    },
    createdAt,
  );
  return createComputeState(
    {
      urlMaps: new Map([[map['name'] as string, map]]),
      backendServices: new Map(services.map(s => [s['name'] as string, s])),
      backendBuckets: new Map(),
      networkEndpointGroups: new Map([
        ...negs.map(
          n => [negKey(`regions/${REGION}`, n['name'] as string), n] as const,
        ),
        [negKey('global', 'gryd-storage-neg'), storageNeg] as const,
      ]),
    },
    [
      {
        urlMap: 'gryyd-web-url-map',
        forwardingRule: 'gryyd-web-https-rule',
        targetProxy: 'gryyd-web-https-proxy',
        classes: GRYYD_REQUEST_CLASSES,
      },
    ],
    createdAt,
  );
}
