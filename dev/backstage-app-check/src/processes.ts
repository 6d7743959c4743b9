import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { log } from './progress';

/** Every child still running; `stopAll` ends them (their whole process groups) on exit, timeout or failure. */
const running = new Set<ChildProcess>();

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The command is killed (with its process group) after this long and the step fails. */
  timeoutMs: number;
  /** All output goes to this file; the tail is printed when the command fails. */
  logFile: string;
}

/** A command that failed, with the tail of its output. */
export class CommandError extends Error {
  readonly tail: string;
  constructor(message: string, tail: string) {
    super(message);
    this.name = 'CommandError';
    this.tail = tail;
  }
}

function start(
  command: string,
  args: string[],
  options: Omit<RunOptions, 'timeoutMs'>,
): { child: ChildProcess; tail: () => string } {
  const out = createWriteStream(options.logFile, { flags: 'a' });
  out.write(`\n$ ${command} ${args.join(' ')}   (cwd ${options.cwd})\n`);
  // Its own process group, so a timeout ends yarn and everything it started; stdin closed (CI has none).
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(child);
  let lines: string[] = [];
  const keep = (chunk: Buffer) => {
    out.write(chunk);
    lines.push(...chunk.toString('utf8').split('\n'));
    if (lines.length > 400) lines = lines.slice(-200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('close', () => {
    running.delete(child);
    out.end();
  });
  return { child, tail: () => lines.slice(-80).join('\n') };
}

function killGroup(child: ChildProcess): void {
  if (
    child.pid === undefined ||
    child.exitCode !== null ||
    child.signalCode !== null
  )
    return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Runs a command to completion; rejects with its output's tail on a non-zero exit or on timeout. */
export async function run(
  command: string,
  args: string[],
  options: RunOptions,
): Promise<void> {
  const { child, tail } = start(command, args, options);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child);
      reject(
        new CommandError(
          `${command} ${args.join(' ')}: timed out after ${Math.round(
            options.timeoutMs / 1000,
          )} s (log: ${options.logFile})`,
          tail(),
        ),
      );
    }, options.timeoutMs);
    child.on('error', err => {
      clearTimeout(timer);
      reject(new CommandError(`${command}: ${err.message}`, tail()));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else
        reject(
          new CommandError(
            `${command} ${args.join(' ')}: exit ${code ?? signal} (log: ${
              options.logFile
            })`,
            tail(),
          ),
        );
    });
  });
}

/** A long-running process (the Backstage backend); `stop` ends its process group. */
export interface Service {
  child: ChildProcess;
  tail(): string;
  stop(): Promise<void>;
}

export function startService(
  command: string,
  args: string[],
  options: Omit<RunOptions, 'timeoutMs'>,
): Service {
  const { child, tail } = start(command, args, options);
  return {
    child,
    tail,
    async stop() {
      if (
        child.exitCode !== null ||
        child.signalCode !== null ||
        child.pid === undefined
      )
        return;
      const closed = new Promise<void>(resolve =>
        child.once('close', () => resolve()),
      );
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => killGroup(child), 10_000);
      await closed;
      clearTimeout(timer);
    },
  };
}

/** Ends every child still running (used on exit and by the overall watchdog). */
export function stopAll(): void {
  for (const child of running) {
    log(`stopping pid ${child.pid}`);
    killGroup(child);
  }
}
