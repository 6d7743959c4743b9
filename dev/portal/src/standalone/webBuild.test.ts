import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webBuildState, writeBuildStamp } from './webBuild';

/**
 * When `npm start` rebuilds the web app: a build records the content hash of every file it was made
 * from, and is stale as soon as one of them differs. The inputs here are real repository files; a
 * changed one is played by a stamp that recorded other content.
 */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'web-build-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const INPUTS = ['package-lock.json', 'dev/portal/vite.config.ts'];

describe('webBuildState', () => {
  it('is stale without a build', () => {
    expect(webBuildState(dir)).toEqual({
      fresh: false,
      reason: 'no build yet',
      changed: [],
    });
  });

  it('is stale when the build does not record its inputs (an older build, or one by hand)', () => {
    writeFileSync(path.join(dir, 'index.html'), '<html></html>');
    expect(webBuildState(dir)).toMatchObject({
      fresh: false,
      reason: 'the build does not say what it was built from',
    });
  });

  it('is fresh while every input has the content it was built from', () => {
    writeFileSync(path.join(dir, 'index.html'), '<html></html>');
    writeBuildStamp(dir, INPUTS);
    expect(webBuildState(dir)).toEqual({ fresh: true });
  });

  it('is stale when it is not a production build (one made with NODE_ENV=test by an older portal)', () => {
    writeFileSync(path.join(dir, 'index.html'), '<html></html>');
    writeBuildStamp(dir, INPUTS);
    const stampFile = path.join(dir, '.build-inputs.json');
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as {
      nodeEnv?: string;
    };
    delete stamp.nodeEnv;
    writeFileSync(stampFile, JSON.stringify(stamp));
    expect(webBuildState(dir)).toEqual({
      fresh: false,
      reason: 'the build is not a production build (NODE_ENV not recorded)',
      changed: [],
    });
  });

  it('is stale, naming the files, when an input changed or is gone', () => {
    writeFileSync(path.join(dir, 'index.html'), '<html></html>');
    writeBuildStamp(dir, INPUTS);
    const stampFile = path.join(dir, '.build-inputs.json');
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as {
      inputs: Record<string, string>;
    };
    stamp.inputs['dev/portal/vite.config.ts'] = '0'.repeat(64);
    stamp.inputs['plugin-frontend/src/Removed.tsx'] = '0'.repeat(64);
    writeFileSync(stampFile, JSON.stringify(stamp));
    expect(webBuildState(dir)).toEqual({
      fresh: false,
      reason:
        '2 source files changed since the build (dev/portal/vite.config.ts, plugin-frontend/src/Removed.tsx)',
      changed: ['dev/portal/vite.config.ts', 'plugin-frontend/src/Removed.tsx'],
    });
  });
});
