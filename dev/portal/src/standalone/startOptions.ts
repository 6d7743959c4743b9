/**
 * The command line of `npm start` (`start.ts`), here so that `--help` and the docs check
 * (`src/repo/cliDocs.test.ts`) read the same list.
 */
export const START_USAGE = `usage: npm start -- [--config FILE] [--port N] [--host ADDRESS] [--services N] [--prebuilt]
  --config FILE      the plugin config, a JSON file with a "gcpServerless" key (default $GCP_SERVERLESS_CONFIG;
                     without one, the portal starts the embedded GCP sandbox and configures itself for it)
  --port N           TCP port of the portal (default $PORT, else 7007)
  --host ADDRESS     address to listen on (default $HOST, else 127.0.0.1; in gcp mode a local identity is only
                     given to requests from loopback, so keep it there unless IAP is in front)
  --services N       services in the sandbox's scale-fleet scenario (embedded sandbox only; default 200)
  --prebuilt         serve the bundle built by npm run build (dev/portal/dist/web) instead of Vite's dev server
  -h, --help         this text`;

/** `parseArgs` options of `npm start`, defaults from the environment. */
export function startOptions(env: NodeJS.ProcessEnv = process.env) {
  return {
    config: { type: 'string', default: env.GCP_SERVERLESS_CONFIG },
    port: { type: 'string', default: env.PORT ?? '7007' },
    host: { type: 'string', default: env.HOST ?? '127.0.0.1' },
    services: { type: 'string' },
    prebuilt: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  } as const;
}
