/**
 * The command lines of `npm start` and `npm run dev` (both `portalCommand.ts`), here so that `--help`,
 * the README's table and the docs check (`src/repo/cliDocs.test.ts`) read the same list. The two take
 * the same flags: they are the same portal, serving the web app's production build (`npm start`) or
 * its sources through Vite's dev server with hot reload (`npm run dev`).
 */
const FLAGS_USAGE = `  --config FILE      the plugin config, a JSON file with a "gcpServerless" key (default $GCP_SERVERLESS_CONFIG;
                     without one, the portal starts the embedded GCP sandbox and configures itself for it)
  --port N           TCP port of the portal (default $PORT, else 7007)
  --host ADDRESS     address to listen on (default $HOST, else 127.0.0.1; in gcp mode a local identity is only
                     given to requests from loopback, so keep it there unless IAP is in front)
  --services N       services in the sandbox's scale-fleet scenario (embedded sandbox only; default 200)
  -h, --help         this text`;

const SYNOPSIS = '[--config FILE] [--port N] [--host ADDRESS] [--services N]';

export const START_USAGE = `usage: npm start -- ${SYNOPSIS}
Serves the production build of the web app (dev/portal/dist/web), building it first when it is missing or
its sources changed since (npm run build rebuilds it; npm run dev serves the sources with hot reload).
${FLAGS_USAGE}`;

export const DEV_USAGE = `usage: npm run dev -- ${SYNOPSIS}
The portal with the web app served by Vite's dev server from the sources: edits show at once (hot reload).
${FLAGS_USAGE}`;

/** `parseArgs` options of `npm start` and `npm run dev`, defaults from the environment. */
export function startOptions(env: NodeJS.ProcessEnv = process.env) {
  return {
    config: { type: 'string', default: env.GCP_SERVERLESS_CONFIG },
    port: { type: 'string', default: env.PORT ?? '7007' },
    host: { type: 'string', default: env.HOST ?? '127.0.0.1' },
    services: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  } as const;
}
