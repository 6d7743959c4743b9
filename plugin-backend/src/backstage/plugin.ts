import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { gcpServerlessPermissions } from '@gcp-serverless/common';
import { readGcpServerlessConfig } from '../config/config';
import { buildRouter } from '../router/createRouter';
import { createPluginServices } from '../wiring/createPluginServices';
import { AuditorAuditLog } from './AuditorAuditLog';
import { BackstageAuthorizer } from './BackstageAuthorizer';
import { CatalogEntityResolver } from './CatalogEntityResolver';
import { backstageRefreshScheduler } from './backstageRefreshScheduler';
import { approvalRules, proposedChangeResourceRef } from './approvalRules';
import { PermissionApprovalGate } from './PermissionApprovalGate';
import { BackstageNotificationsNotifier } from './BackstageNotificationsNotifier';

/**
 * The gcp-serverless backend plugin for Backstage's backend system (`backend.add(import(
 * '@gcp-serverless/plugin-backend'))`). Same wiring as the standalone `createRouter`; Backstage
 * supplies identity and permissions, the history database, the snapshot cache, the scheduler of the
 * background refresh, the auditor and the logger.
 */
export const gcpServerlessPlugin = createBackendPlugin({
  pluginId: 'gcp-serverless',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        cache: coreServices.cache,
        auditor: coreServices.auditor,
        logger: coreServices.logger,
        rootConfig: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        lifecycle: coreServices.lifecycle,
      },
      async init({
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        cache,
        auditor,
        logger,
        rootConfig,
        database,
        discovery,
        auth,
        scheduler,
        lifecycle,
      }) {
        // Validated with the same zod schema as standalone; a bad key stops the backend naming it.
        const config = readGcpServerlessConfig(
          rootConfig.getOptional('gcpServerless'),
        );
        permissionsRegistry.addPermissions(gcpServerlessPermissions);
        // The approval policy's rules on a proposed change (docs/approvals.md).
        permissionsRegistry.addResourceType({
          resourceRef: proposedChangeResourceRef,
          rules: Object.values(approvalRules),
        });
        const authorizer = new BackstageAuthorizer({
          httpAuth,
          permissions,
          entities: new CatalogEntityResolver({
            discovery,
            auth,
            cache,
            logger,
          }),
        });
        const services = createPluginServices({
          config,
          logger: {
            info: (m, meta) => logger.info(m, meta as never),
            warn: (m, meta) => logger.warn(m, meta as never),
            error: (m, meta) => logger.error(m, meta as never),
          },
          authorizer,
          database: await database.getClient(),
          auditMirrors: [
            { name: 'backstage-auditor', log: new AuditorAuditLog(auditor) },
          ],
          // Snapshots in the plugin's cache (memory, Redis, Valkey… as backend.cache says); the
          // refresh on the scheduler, global scope: one replica per interval.
          cache,
          scheduler: backstageRefreshScheduler(scheduler),
          changeRequestNotifier: new BackstageNotificationsNotifier({
            discovery,
            auth,
            approvers: config.approvals?.notifyApprovers ?? [],
          }),
          approvalGate: new PermissionApprovalGate({
            permissions,
            ruleset: permissionsRegistry.getPermissionRuleset(
              proposedChangeResourceRef,
            ),
          }),
        });
        await services.readModelLifecycle.start();
        // The read model's computation thread ends with the backend (docs/architecture.md, "The read model").
        lifecycle.addShutdownHook(() => services.readModelLifecycle.stop());
        // Pending applies are settled by one scheduled task across replicas (docs/api.md, "Outcomes").
        await scheduler.scheduleTask({
          id: 'gcp-serverless-reconcile-pending-changes',
          frequency: { seconds: 15 },
          timeout: { minutes: 2 },
          fn: async () => {
            await services.edits.reconciler.tick();
          },
        });
        // Backstage authenticates with bearer tokens, not cookies: no same-origin check needed here.
        httpRouter.use(buildRouter(services, { sameOriginMutations: false }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
