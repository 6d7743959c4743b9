/**
 * The simple load balancers of avocano-shop and chat-realtime (scale-fleet has none).
 * - avocano-shop: the static front end from a backend bucket with Cloud CDN (Avocano's Firebase-style
 *   static site) and `/api/*`, `/admin/*` to the Django API on Cloud Run.
 * - chat-realtime: every path to `chatservice` (WebSockets: one-hour backend timeout, session
 *   affinity by generated cookie), no CDN.
 */
import { createComputeState } from '../computeState';
import type { SandboxComputeState } from '../computeTypes';
import { negKey } from '../negReads';
import {
  backendBucket,
  backendService,
  regionalNegLink,
  serverlessNeg,
  urlMap,
} from './computeScenarioKit';

/** avocano-shop's compute state. */
export function buildAvocanoCompute(createdAt: number): SandboxComputeState {
  const P = 'avocano-shop';
  const REGION = 'us-central1';
  const neg = serverlessNeg(
    P,
    REGION,
    'avocano-api-neg',
    'avocano-api',
    createdAt,
  );
  const api = backendService(
    P,
    {
      name: 'avocano-api-service',
      groups: [regionalNegLink(P, REGION, 'avocano-api-neg')],
    },
    createdAt,
  );
  const bucket = backendBucket(
    P,
    'avocano-static',
    'avocano-shop-static',
    {},
    createdAt,
  );
  const map = urlMap(
    P,
    {
      name: 'avocano-url-map',
      defaultService: `projects/${P}/global/backendBuckets/avocano-static`,
      hostRules: [{ hosts: ['*'], pathMatcher: 'avocano' }],
      pathMatchers: [
        {
          name: 'avocano',
          defaultService: `projects/${P}/global/backendBuckets/avocano-static`,
          pathRules: [
            {
              paths: ['/api/*', '/admin/*'],
              service: `projects/${P}/global/backendServices/avocano-api-service`,
            },
          ],
        },
      ],
    },
    createdAt,
  );
  return createComputeState(
    {
      urlMaps: new Map([['avocano-url-map', map]]),
      backendServices: new Map([['avocano-api-service', api]]),
      backendBuckets: new Map([['avocano-static', bucket]]),
      networkEndpointGroups: new Map([
        [negKey(`regions/${REGION}`, 'avocano-api-neg'), neg],
      ]),
    },
    [
      {
        urlMap: 'avocano-url-map',
        forwardingRule: 'avocano-https-rule',
        targetProxy: 'avocano-https-proxy',
        classes: [
          {
            id: 'api',
            url: 'https://avocano.example.com/api/products/',
            demand: { service: 'avocano-api', share: 1, partOfService: true },
            caching: { staticContent: false, objects: 500 },
          },
          {
            id: 'static',
            url: 'https://avocano.example.com/assets/index.js',
            demand: {
              service: 'avocano-api',
              share: 2.5,
              partOfService: false,
            },
            caching: {
              staticContent: true,
              originMaxAgeSeconds: 3600,
              objects: 80,
            },
            origin404Share: 0.003,
          },
        ],
      },
    ],
    createdAt,
  );
}

/** chat-realtime's compute state. */
export function buildChatCompute(createdAt: number): SandboxComputeState {
  const P = 'chat-realtime';
  const REGION = 'asia-northeast3';
  const neg = serverlessNeg(
    P,
    REGION,
    'chatservice-neg',
    'chatservice',
    createdAt,
  );
  const service = backendService(
    P,
    {
      name: 'chatservice-backend',
      groups: [regionalNegLink(P, REGION, 'chatservice-neg')],
      timeoutSec: 3600,
      sessionAffinity: 'GENERATED_COOKIE',
    },
    createdAt,
  );
  const map = urlMap(
    P,
    {
      name: 'chat-url-map',
      defaultService: `projects/${P}/global/backendServices/chatservice-backend`,
    },
    createdAt,
  );
  return createComputeState(
    {
      urlMaps: new Map([['chat-url-map', map]]),
      backendServices: new Map([['chatservice-backend', service]]),
      backendBuckets: new Map(),
      networkEndpointGroups: new Map([
        [negKey(`regions/${REGION}`, 'chatservice-neg'), neg],
      ]),
    },
    [
      {
        urlMap: 'chat-url-map',
        forwardingRule: 'chat-https-rule',
        targetProxy: 'chat-https-proxy',
        classes: [
          {
            id: 'sessions',
            url: 'https://chat.example.com/ws',
            demand: { service: 'chatservice', share: 1, partOfService: true },
            caching: { staticContent: false, objects: 1, originPrivate: true },
          },
        ],
      },
    ],
    createdAt,
  );
}
