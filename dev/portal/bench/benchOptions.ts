/**
 * The command line of `npm run bench` (`run.ts`), here so that `--help` and the docs check
 * (`src/repo/cliDocs.test.ts`) read the same list.
 */
export const BENCH_USAGE = `usage: npm run bench -- [options]
  --sizes 10,1000,10000   scale-fleet sizes to measure (default 10,1000,10000; up to 12000)
  --rtt-ms 100            round trip injected on every Google call by the sandbox, ms (default 100)
  --rounds 10             warm requests per read (default 10)
  --viewers 50            concurrent viewers opening a cold overview (default 50)
  --window 1h             time window of the reads (default 1h)
  --timeout-s 900         give up on one request after this many seconds (default 900)
  --json FILE             also write the results as JSON to FILE
  --skip-build            measure the existing dev/portal/dist/web instead of building it first
  --portal built          the portal process: built (bundled like a deployed backend, default) or tsx (the sources)
  --profile DIR           write CPU and heap-sampling profiles of the portals and the sandbox to DIR
  -h, --help              this text`;

/** `parseArgs` options of `npm run bench`. */
export const BENCH_OPTIONS = {
  sizes: { type: 'string', default: '10,1000,10000' },
  'rtt-ms': { type: 'string', default: '100' },
  rounds: { type: 'string', default: '10' },
  viewers: { type: 'string', default: '50' },
  window: { type: 'string', default: '1h' },
  'timeout-s': { type: 'string', default: '900' },
  json: { type: 'string' },
  'skip-build': { type: 'boolean', default: false },
  portal: { type: 'string', default: 'built' },
  profile: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;
