import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

/** Runs the CLI under tsx (as `npm run sandbox` does); resolves once `until` matches stdout, or at exit. */
function runCli(args: string[], until?: RegExp) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', chunk => (stdout += chunk));
  child.stderr.on('data', chunk => (stderr += chunk));
  const exited = new Promise<number | null>(resolve =>
    child.on('exit', code => resolve(code)),
  );
  const ready = new Promise<void>(resolve => {
    child.stdout.on('data', () => until?.test(stdout) && resolve());
    void exited.then(() => resolve());
  });
  return { child, ready, exited, output: () => ({ stdout, stderr }) };
}

describe('sandbox CLI', () => {
  it('prints the listening line, serves, and closes on SIGINT', async () => {
    const run = runCli(
      ['--port', '0', '--scenario', 'avocano-shop,chat-realtime'],
      /listening on http:\/\/127\.0\.0\.1:\d+\n/,
    );
    await run.ready;
    const line = run.output().stdout.trim();
    expect(line).toMatch(
      /^GCP sandbox listening on http:\/\/127\.0\.0\.1:\d+$/,
    );
    const health = await (
      await fetch(`${line.split(' ').pop()}/_sandbox/health`)
    ).json();
    expect(health.projects).toEqual(['avocano-shop', 'chat-realtime']);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('exits 2 with a usage message for bad flags', async () => {
    const runs = [
      ['--bogus'],
      ['--port', 'abc'],
      ['--scenario', 'nope'],
      ['--services', '-1'],
    ].map(args => runCli(args));
    for (const run of runs) {
      expect(await run.exited).toBe(2);
      expect(run.output().stderr).toContain('usage: npm run sandbox');
    }
  });
});
