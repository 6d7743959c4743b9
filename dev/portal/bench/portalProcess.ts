import { startPortal } from '../src/standalone/startPortal';

/**
 * The portal as `npm run bench` runs it: its own process, the standalone portal (plugin router and
 * prebuilt pages) configured by the JSON in BENCH_PORTAL_CONFIG against a sandbox in another process.
 * Prints `portal listening on URL` when ready; stops on SIGTERM.
 */
async function main(): Promise<void> {
  const config = JSON.parse(process.env['BENCH_PORTAL_CONFIG'] ?? 'null');
  if (!config)
    throw new Error(
      'BENCH_PORTAL_CONFIG (the plugin config as JSON) is required',
    );
  const portal = await startPortal({
    port: 0,
    config,
    prebuilt: true,
    log: line => process.stderr.write(`${line}\n`),
  });
  console.log(`portal listening on ${portal.url}`);
  process.once('SIGTERM', () => {
    portal.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch(err => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
