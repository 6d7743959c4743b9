import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SANDBOX_CLI_OPTIONS,
  SANDBOX_CLI_USAGE,
} from '@gcp-serverless/sandbox';
import {
  DEV_USAGE,
  START_USAGE,
  startOptions,
} from '../standalone/startOptions';
import { DOCTOR_USAGE, doctorOptions } from '../standalone/doctorOptions';
import { BENCH_OPTIONS, BENCH_USAGE } from '../../bench/benchOptions';
import {
  codeSpans,
  markdownSection,
  readRepoFile,
  REPO_ROOT,
  tableRows,
} from './repoFiles';

/**
 * The commands the README and docs/ tell people to run exist, with the flags and environment
 * variables they name: scripts against package.json, flags against each CLI's options (what
 * `parseArgs` accepts) and its `--help` text, and each CLI's flag table against both.
 */
interface Cli {
  /** How the docs invoke it. */
  command: string;
  /** Its script in the root package.json. */
  script: string;
  options: Record<string, { type: string; short?: string }>;
  usage: string;
  /** Where its flags are listed, one table row per flag. */
  table: { file: string; section: string };
}

/** `npm start` and `npm run dev` take the same flags, listed once. */
const PORTAL_TABLE = 'The portal: `npm start` and `npm run dev`';

const CLIS: Cli[] = [
  {
    command: 'npm start',
    script: 'start',
    options: startOptions({}),
    usage: START_USAGE,
    table: { file: 'README.md', section: PORTAL_TABLE },
  },
  {
    command: 'npm run dev',
    script: 'dev',
    options: startOptions({}),
    usage: DEV_USAGE,
    table: { file: 'README.md', section: PORTAL_TABLE },
  },
  {
    command: 'npm run sandbox',
    script: 'sandbox',
    options: SANDBOX_CLI_OPTIONS,
    usage: SANDBOX_CLI_USAGE,
    table: { file: 'docs/sandbox.md', section: 'Command line' },
  },
  {
    command: 'npm run doctor',
    script: 'doctor',
    options: doctorOptions({}),
    usage: DOCTOR_USAGE,
    table: {
      file: 'docs/configuration.md',
      section: 'First run against Google Cloud, with the doctor',
    },
  },
  {
    command: 'npm run bench',
    script: 'bench',
    options: BENCH_OPTIONS,
    usage: BENCH_USAGE,
    table: { file: 'docs/performance.md', section: 'How to reproduce' },
  },
];

const DOC_FILES = [
  'README.md',
  ...readdirSync(path.join(REPO_ROOT, 'docs'))
    .filter(f => f.endsWith('.md'))
    .map(f => `docs/${f}`),
];
const docs = DOC_FILES.map(file => ({ file, text: readRepoFile(file) }));
const rootScripts = Object.keys(
  (JSON.parse(readRepoFile('package.json')) as { scripts: object }).scripts,
);

const flagsIn = (text: string) =>
  [...text.matchAll(/(?:^|[\s[`(,])--([a-z][a-z0-9-]*)/g)].map(m => m[1]!);
const envIn = (text: string) =>
  [...text.matchAll(/\$([A-Z][A-Z0-9_]+)/g)].map(m => m[1]!);
const unique = (list: string[]) => [...new Set(list)].sort();

/** Every piece of a doc that runs `command`: the rest of its line or code span after the command. */
function invocations(command: string): Array<{ file: string; text: string }> {
  return docs.flatMap(({ file, text }) =>
    text
      .split('\n')
      .flatMap(line => [line, ...codeSpans(line)])
      .filter(piece => piece.includes(`${command} `))
      .map(piece => ({
        file,
        text: piece.slice(piece.indexOf(command) + command.length),
      })),
  );
}

describe('the commands in README.md and docs/ exist as written', () => {
  it('every npm script they run is in package.json', () => {
    const missing = docs.flatMap(({ file, text }) =>
      [...text.matchAll(/\bnpm (?:run ([a-z][\w:-]*)|(start|test)\b)/g)]
        .map(m => m[1] ?? m[2]!)
        .filter(s => !rootScripts.includes(s))
        .map(s => `${file}: npm ${s}`),
    );
    expect(unique(missing)).toEqual([]);
  });

  for (const cli of CLIS) {
    describe(cli.command, () => {
      const accepted = Object.keys(cli.options);

      it('is a script of the root package.json', () => {
        expect(rootScripts).toContain(cli.script);
      });

      it('--help lists exactly the flags it accepts', () => {
        expect(unique(flagsIn(cli.usage))).toEqual(unique(accepted));
      });

      it(`its flag table (${cli.table.file}) lists exactly the flags it accepts, and the environment its --help names`, () => {
        const section = markdownSection(
          readRepoFile(cli.table.file),
          cli.table.section,
        );
        const rows = tableRows(section).filter(cells => /^`-/.test(cells[0]!));
        expect(unique(rows.flatMap(cells => flagsIn(cells[0]!)))).toEqual(
          unique(accepted),
        );
        const tableText = rows.map(cells => cells.join(' ')).join('\n');
        for (const name of unique(envIn(cli.usage)))
          expect(tableText, `$${name}`).toContain(name);
      });

      it('every flag the docs pass to it is one it accepts', () => {
        const unknown = invocations(cli.command).flatMap(({ file, text }) =>
          flagsIn(text)
            .filter(flag => !accepted.includes(flag))
            .map(flag => `${file}: ${cli.command} … --${flag}`),
        );
        expect(unique(unknown)).toEqual([]);
      });
    });
  }
});
