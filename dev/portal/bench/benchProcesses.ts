import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A child process that printed its URL. */
export interface ServerProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
  /** Why the process ended on its own (exit code or signal, and the end of its stderr), if it did. */
  exitReason(): string | undefined;
}

const SANDBOX_CLI = fileURLToPath(
  new URL('../../sandbox/src/cli.ts', import.meta.url),
);
const PORTAL = fileURLToPath(new URL('./portalProcess.ts', import.meta.url));

/**
 * Spawns `node --import tsx FILE ARGS` (`node FILE ARGS` for built JavaScript, `.mjs`) and resolves with
 * the URL once stdout matches `ready`.
 */
function startServer(
  file: string,
  args: string[],
  ready: RegExp,
  env: NodeJS.ProcessEnv,
  what: string,
  nodeFlags: string[] = [],
): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      // The portal gets no --max-old-space-size: V8 would apply it to every thread, over the
      // computation thread's own limit (readModel.computeThreadHeapMb, docs/configuration.md).
      ...nodeFlags,
      ...(file.endsWith('.mjs') ? [] : ['--import', 'tsx']),
      file,
      ...args,
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', chunk => (stderr = (stderr + chunk).slice(-4000)));
  let stopping = false;
  let exitReason: string | undefined;
  const exited = new Promise<void>(resolve =>
    child.once('exit', (code, signal) => {
      if (!stopping) {
        // A server that dies mid-run (e.g. out of memory) turns every later figure into `did not
        // complete`: say why, in the progress log and in the figure.
        exitReason = `${what} exited (code ${code}, signal ${signal}): ${stderr
          .trim()
          .split('\n')
          .slice(-3)
          .join(' / ')
          .slice(-300)}`;
        process.stderr.write(`[bench] ${exitReason}\n`);
      }
      resolve();
    }),
  );
  return new Promise((resolve, reject) => {
    child.once('exit', code =>
      reject(
        new Error(
          `${what} exited with ${code} before it was ready:\n${stderr}`,
        ),
      ),
    );
    child.stdout!.on('data', chunk => {
      stdout += chunk;
      const url = ready.exec(stdout)?.[1];
      if (!url) return;
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      resolve({
        url,
        pid: child.pid!,
        exitReason: () => exitReason,
        stop: async () => {
          stopping = true;
          if (child.exitCode === null) child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}

const profileFlags = (dir: string | undefined) =>
  dir
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${dir}`,
        '--heap-prof',
        `--heap-prof-dir=${dir}`,
      ]
    : [];

/**
 * The sandbox CLI with a scale-fleet of `services` services (profiled into `profileDir` if given). Its
 * heap may grow to 8 GB (a cap, not a reservation, on the 24 GB machine): at 10,000 services concurrent
 * Monitoring answers and the export's rows outgrow the 4 GB of the portal's cap.
 */
export function startSandboxProcess(
  services: number,
  profileDir?: string,
): Promise<ServerProcess> {
  return startServer(
    SANDBOX_CLI,
    [
      '--port',
      '0',
      '--scenario',
      'scale-fleet',
      '--services',
      String(services),
    ],
    /listening on (http:\/\/\S+)/,
    {},
    'the sandbox',
    ['--max-old-space-size=8192', ...profileFlags(profileDir)],
  );
}

/**
 * The standalone portal with `config`, its debug metrics endpoint on: the built server `built`
 * (portalServerBuild.ts) when given, else the sources under tsx (`--portal tsx`). With `profileDir`,
 * Node writes a CPU profile and a heap-sampling profile of the portal there when it exits.
 */
export function startPortalProcess(
  config: unknown,
  profileDir?: string,
  built?: string,
): Promise<ServerProcess> {
  return startServer(
    built ?? PORTAL,
    [],
    /portal listening on (http:\/\/\S+)/,
    {
      BENCH_PORTAL_CONFIG: JSON.stringify(config),
      GCP_SERVERLESS_DEBUG_METRICS: '1',
    },
    'the portal',
    profileFlags(profileDir),
  );
}
