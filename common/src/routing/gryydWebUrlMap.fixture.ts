import { backendRefUrl } from './backendRef';
import type { RoutingTopology, UrlMapSpec } from './index';

/** Test fixture: the gryyd-web URL map exactly as docs/sandbox.md describes it. */
const bs = (name: string) => backendRefUrl('gryyd-web', 'backendService', name);

export const GRYYD_BACKENDS = {
  fe: bs('gryd-fe-service'),
  be: bs('gryd-be-service'),
  worker: bs('gryd-worker-be-service'),
  storage: bs('gryd-storage-service'),
};

export function gryydWebUrlMap(): UrlMapSpec {
  return {
    name: 'gryyd-web-url-map',
    defaultService: GRYYD_BACKENDS.fe,
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
        defaultService: GRYYD_BACKENDS.fe,
        pathRules: [
          { paths: ['/api/generation/*'], service: GRYYD_BACKENDS.worker },
          {
            paths: ['/api/*', '/admin', '/admin/*'],
            service: GRYYD_BACKENDS.be,
          },
          {
            paths: [
              '/images/*',
              '/thumbnails/*',
              '/results/*',
              '/assets/*',
              '/references/*',
            ],
            service: GRYYD_BACKENDS.storage,
          },
        ],
      },
    ],
  };
}

export const GRYYD_TOPOLOGY: RoutingTopology = {
  backendServices: [
    {
      name: 'gryd-fe-service',
      cloudRun: [
        { neg: 'gryd-fe-neg', region: 'asia-northeast3', service: 'gryd-fe' },
      ],
    },
    {
      name: 'gryd-be-service',
      cloudRun: [
        { neg: 'gryd-be-neg', region: 'asia-northeast3', service: 'gryd-be' },
      ],
    },
    {
      name: 'gryd-worker-be-service',
      cloudRun: [
        {
          neg: 'gryd-worker-neg',
          region: 'asia-northeast3',
          service: 'gryd-worker',
        },
      ],
    },
    // Cloud Storage origin: per docs/sandbox.md a backend *service* with CDN on (not a backend bucket).
    { name: 'gryd-storage-service', cloudRun: [] },
  ],
  backendBuckets: [],
};
