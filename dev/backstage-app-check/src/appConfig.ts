import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { SANDBOX_BILLING_ACCOUNT_ID } from '@gcp-serverless/sandbox';

/** The annotated entity the check opens the entity tab of (docs/backstage.md's catalog example). */
export const ENTITY = {
  kind: 'component',
  namespace: 'default',
  name: 'gryd-backend',
};

const ENTITY_YAML = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${ENTITY.name}
  annotations:
    gcp-serverless/project: gryyd-web
    gcp-serverless/cloud-run-services: asia-northeast3/gryd-be
spec:
  type: service
  lifecycle: production
  owner: guests
`;

/**
 * `app-config.local.yaml` (the file an adopter keeps local settings in) and the annotated entity: the
 * app and the backend on one free 127.0.0.1 port (the backend serves the built app), the plugin's
 * `gcpServerless` section against the sandbox, and the template's catalog locations plus ours (config
 * arrays replace, they do not merge).
 */
export function writeAppConfig(
  appDir: string,
  port: number,
  sandboxUrl: string,
): string[] {
  writeFileSync(
    path.join(appDir, 'examples', 'gcp-serverless.yaml'),
    ENTITY_YAML,
  );
  const base = `http://127.0.0.1:${port}`;
  const config = {
    app: { baseUrl: base },
    backend: {
      baseUrl: base,
      listen: { port, host: '127.0.0.1' },
      cors: { origin: base, credentials: true },
    },
    catalog: {
      locations: [
        { type: 'file', target: '../../examples/entities.yaml' },
        {
          type: 'file',
          target: '../../examples/org.yaml',
          rules: [{ allow: ['User', 'Group'] }],
        },
        { type: 'file', target: '../../examples/gcp-serverless.yaml' },
      ],
    },
    gcpServerless: {
      mode: 'sandbox',
      sandbox: { endpoint: sandboxUrl },
      // The sandbox's billing account and its generated billing export (docs/costs-and-budgets.md), as the
      // standalone portal uses them: the plugin's home page shows budgets and costs.
      billing: {
        accountId: SANDBOX_BILLING_ACCOUNT_ID,
        export: { projectId: 'finance-billing', dataset: 'billing_export' },
      },
      projects: [{ projectId: 'gryyd-web', regions: ['asia-northeast3'] }],
    },
  };
  // JSON is YAML; keeps the file free of quoting questions.
  writeFileSync(
    path.join(appDir, 'app-config.local.yaml'),
    `# written by the gcp-serverless Backstage app check\n${JSON.stringify(
      config,
      null,
      2,
    )}\n`,
  );
  return ['../../app-config.yaml', '../../app-config.local.yaml'];
}
