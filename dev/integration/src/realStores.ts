import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Real Redis and PostgreSQL for the scale-out tests, from Debian's packages `redis-server` and
 * `postgresql` (`.ci/run` installs them). Each runs as a child process of the test on a free
 * 127.0.0.1 port with its data in a temp directory, and is stopped (and its directory removed) by
 * `stop()` — and, should the test process die first, by an exit hook.
 */
export interface RealStore {
  /** `redis://127.0.0.1:PORT` or `postgresql://postgres@127.0.0.1:PORT/postgres`. */
  url: string;
  stop(): Promise<void>;
}

const INSTALL_HINT =
  '`.ci/run` installs it (apt-get install -y redis-server postgresql); on a workstation: sudo apt-get install -y redis-server postgresql';

/** A PostgreSQL cluster refuses to run as root: as root, the servers run as Debian's `postgres` user. */
const POSTGRES_USER = 'postgres';

/**
 * Starts both servers at once; if either cannot start, stops the one that did and throws the
 * first failure (e.g. the missing-package message).
 */
export async function startRedisAndPostgres(): Promise<{
  redis: RealStore;
  postgres: RealStore;
}> {
  const [redis, postgres] = await Promise.allSettled([
    startRedis(),
    startPostgres(),
  ]);
  if (redis.status === 'fulfilled' && postgres.status === 'fulfilled')
    return { redis: redis.value, postgres: postgres.value };
  await Promise.allSettled(
    [redis, postgres].map(r =>
      r.status === 'fulfilled' ? r.value.stop() : undefined,
    ),
  );
  throw [redis, postgres].find(r => r.status === 'rejected')!.reason;
}

/** Starts `redis-server` with no persistence; throws naming `.ci/run` when the binary is missing. */
export async function startRedis(): Promise<RealStore> {
  const binary = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find(
    existsSync,
  );
  if (!binary)
    throw new Error(
      `redis-server (Debian package redis-server) not found: ${INSTALL_HINT}`,
    );
  const port = await freePort();
  const [command, ...args] = serverCommand(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { dieWithTest: true },
  );
  const child = spawn(command!, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = track(child, 'SIGTERM');
  try {
    await waitForOutput(child, /Ready to accept connections/, 'redis-server');
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `redis://127.0.0.1:${port}`, stop };
}

/**
 * Creates a throw-away cluster with `initdb` (trust authentication, fsync off: the data is thrown
 * away) and starts `postgres` on it; throws naming `.ci/run` when the binaries are missing.
 */
export async function startPostgres(): Promise<RealStore> {
  const bin = postgresBinDir();
  if (!bin)
    throw new Error(
      `PostgreSQL (Debian package postgresql: initdb and postgres under /usr/lib/postgresql/*/bin) not found: ${INSTALL_HINT}`,
    );
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gcp-serverless-pg-'));
  const asUser = postgresUserIds(dir);
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  const data = path.join(dir, 'data');
  const [initCommand, ...initArgs] = serverCommand(
    path.join(bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'],
    { asUser },
  );
  const init = spawnSync(initCommand!, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) {
    removeDir();
    throw new Error(
      `initdb failed (${init.status}): ${init.stderr || init.error}`,
    );
  }
  const port = await freePort();
  const postgresArgs = [
    '-D',
    data,
    '-k',
    dir,
    '-p',
    String(port),
    '-h',
    '127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'full_page_writes=off',
  ];
  const [command, ...args] = serverCommand(
    path.join(bin, 'postgres'),
    postgresArgs,
    { asUser, dieWithTest: true },
  );
  const child = spawn(command!, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // SIGINT is PostgreSQL's fast shutdown: clients are disconnected, the server exits at once.
  const stopServer = track(child, 'SIGINT');
  const stop = async () => {
    await stopServer();
    removeDir();
  };
  try {
    await waitForOutput(child, /ready to accept connections/, 'postgres');
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `postgresql://postgres@127.0.0.1:${port}/postgres`, stop };
}

/** The newest `/usr/lib/postgresql/<version>/bin` that has initdb and postgres. */
function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  return readdirSync(root)
    .filter(v => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map(v => path.join(root, v, 'bin'))
    .find(
      b =>
        existsSync(path.join(b, 'initdb')) &&
        existsSync(path.join(b, 'postgres')),
    );
}

/**
 * As root, the uid and gid of the `postgres` user, to which `dir` is handed (a PostgreSQL cluster
 * refuses to run as root); as anyone else, undefined.
 */
function postgresUserIds(
  dir: string,
): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = spawnSync('id', ['-u', POSTGRES_USER], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', POSTGRES_USER], { encoding: 'utf8' });
  if (id.status !== 0 || gid.status !== 0)
    throw new Error(
      `running as root, PostgreSQL needs the '${POSTGRES_USER}' user that the Debian package creates: ${INSTALL_HINT}`,
    );
  const ids = { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
  chownSync(dir, ids.uid, ids.gid);
  return ids;
}

/**
 * The command line of a server: through util-linux's `setpriv` (which execs, so the pid we hold is
 * the server's own) to run it as another user and to have the kernel kill it when the test process
 * dies — even by SIGKILL, when no exit hook runs. Without `setpriv`, the binary itself.
 */
function serverCommand(
  binary: string,
  args: string[],
  options: { asUser?: { uid: number; gid: number }; dieWithTest?: boolean },
): string[] {
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find(existsSync);
  const privs = [
    ...(options.asUser
      ? [
          `--reuid=${options.asUser.uid}`,
          `--regid=${options.asUser.gid}`,
          '--clear-groups',
        ]
      : []),
    ...(options.dieWithTest ? ['--pdeathsig', 'KILL'] : []),
  ];
  if (privs.length === 0) return [binary, ...args];
  if (!setpriv) {
    if (options.asUser)
      throw new Error(
        `running as root, PostgreSQL is started as '${POSTGRES_USER}' through setpriv (Debian package util-linux), which is missing`,
      );
    return [binary, ...args];
  }
  return [setpriv, ...privs, '--', binary, ...args];
}

/** Servers still running when the test process exits are killed, so none outlives a crashed run. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Remembers `child` and returns its stop: `signal`, then wait for the exit (SIGKILL after 10 s). */
function track(
  child: ChildProcess,
  signal: NodeJS.Signals,
): () => Promise<void> {
  running.add(child);
  const exited = new Promise<void>(resolve => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once('exit', () => resolve());
  });
  exited.then(() => running.delete(child));
  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
  };
}

/** Resolves when the server prints `ready`; rejects with its output when it exits first. */
function waitForOutput(
  child: ChildProcess,
  ready: RegExp,
  name: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        // Keep draining, so a chatty server never blocks on a full pipe.
        child.stdout?.resume();
        child.stderr?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', err =>
      reject(new Error(`${name} did not start: ${err.message}`)),
    );
    child.once('exit', code =>
      reject(
        new Error(
          `${name} exited (${code}) before it was ready:\n${output.slice(
            -2000,
          )}`,
        ),
      ),
    );
  });
}

/** A free TCP port on 127.0.0.1 (the OS picks one; we close it and hand it to the server). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
