import http from 'node:http';
import express from 'express';

/** The plugin's router served for a test; see {@link serveRouter}. */
export interface ServedRouter {
  /** Base URL of the plugin API, e.g. http://127.0.0.1:PORT/api/gcp-serverless. */
  api: string;
  /** Stops serving, open connections included. */
  close(): Promise<void>;
}

/** Serves the plugin's router under /api/gcp-serverless on an ephemeral port of 127.0.0.1. */
export async function serveRouter(
  router: express.Router,
): Promise<ServedRouter> {
  const app = express();
  app.use('/api/gcp-serverless', router);
  const server = http.createServer(app);
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    api: `http://127.0.0.1:${port}/api/gcp-serverless`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>(r => server.close(() => r()));
    },
  };
}
