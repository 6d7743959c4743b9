import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startSandbox } from '@gcp-serverless/sandbox';
import { SERVICES_LIST_FIELD_MASK } from '@gcp-serverless/plugin-backend/src/gateways/runServiceTranslator';

/**
 * What a response field mask saves the portal in decoding one answer (docs/performance.md, "Session
 * 9, field masks"): fetches an answer from an in-process sandbox whole and masked, then decodes each
 * in fresh Node processes, alternated, the way google-gax's REST transport does (`decodeResponse`:
 * JSON.parse, proto3 JSON to a message, `toObject` with the transport's options), and prints the
 * first decode's wall and CPU ms (a process's first answer of a type: code generated and compiled
 * cold, as in the read model's computation thread at start) and a second decode's.
 * Usage: tsx bench/answerDecoding.ts [--services 1000] [--rounds 5]
 *          [--path URL_PATH --type google.x.ListResponse --package @google-cloud/x --mask MASK]
 * Without `--path`: the Run services list of the scale-fleet region with the portal's mask.
 */
const { values: flags } = parseArgs({
  options: {
    services: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '5' },
    path: {
      type: 'string',
      default:
        '/v2/projects/scale-fleet/locations/us-central1/services?pageSize=1000',
    },
    type: {
      type: 'string',
      default: 'google.cloud.run.v2.ListServicesResponse',
    },
    package: { type: 'string', default: '@google-cloud/run' },
    mask: { type: 'string', default: SERVICES_LIST_FIELD_MASK },
  },
});

const require = createRequire(import.meta.url);
const gaxRequire = createRequire(require.resolve('google-gax'));
const packageDir = path.dirname(
  require.resolve(`${flags.package!}/package.json`),
);

/** The child: decodes FILE twice as google-gax does, prints the ms. */
const CHILD = `
const { readFileSync } = require('node:fs');
const gax = require(${JSON.stringify(require.resolve('google-gax'))});
const serializer = require(${JSON.stringify(
  gaxRequire.resolve('proto3-json-serializer'),
)});
const root = gax.fallback.protobuf.Root.fromJSON(require(${JSON.stringify(
  path.join(packageDir, 'build/protos/protos.json'),
)}));
const type = root.lookupType(${JSON.stringify(flags.type)});
const bytes = readFileSync(process.argv[1]);
const decode = () => {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const json = JSON.parse(new TextDecoder().decode(bytes));
  const object = type.toObject(serializer.fromProto3JSON(type, json), gax.fallback.defaultToObjectOptions);
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - wall, cpu: (used.user + used.system) / 1000, object };
};
const first = decode();
const second = decode();
console.log(JSON.stringify({ first: [first.wall, first.cpu], second: [second.wall, second.cpu] }));
`;

async function main(): Promise<void> {
  const sandbox = await startSandbox({
    scenarios: ['scale-fleet'],
    services: Number(flags.services),
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'answer-decoding-'));
  const files: Record<string, string> = {};
  try {
    for (const [name, headers] of [
      ['whole', {}],
      ['masked', { 'x-goog-fieldmask': flags.mask! }],
    ] as const) {
      const res = await fetch(sandbox.url + flags.path!, { headers });
      const bytes = Buffer.from(await res.arrayBuffer());
      if (!res.ok) throw new Error(`${name}: HTTP ${res.status} ${bytes}`);
      files[name] = path.join(dir, `${name}.json`);
      writeFileSync(files[name]!, bytes);
      console.log(`${name}: ${bytes.length} bytes`);
    }
  } finally {
    await sandbox.close();
  }
  const runs: Record<string, { first: number[][]; second: number[][] }> = {
    whole: { first: [], second: [] },
    masked: { first: [], second: [] },
  };
  for (let round = 0; round < Number(flags.rounds); round++) {
    for (const name of ['whole', 'masked']) {
      const out = JSON.parse(
        execFileSync(process.execPath, ['-e', CHILD, files[name]!], {
          encoding: 'utf8',
        }),
      ) as { first: number[]; second: number[] };
      runs[name]!.first.push(out.first);
      runs[name]!.second.push(out.second);
      const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
      console.log(
        `${round}\t${name}\tfirst ${out.first.map(Math.round).join(' / ')} ms` +
          `\tsecond ${out.second
            .map(Math.round)
            .join(' / ')} ms (wall / CPU)\tload ${load}`,
      );
    }
  }
  const median = (xs: number[]) =>
    [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  for (const name of ['whole', 'masked']) {
    const r = runs[name]!;
    console.log(
      `median ${name}: first ${Math.round(
        median(r.first.map(x => x[0]!)),
      )} / ${Math.round(
        median(r.first.map(x => x[1]!)),
      )} ms, second ${Math.round(
        median(r.second.map(x => x[0]!)),
      )} / ${Math.round(median(r.second.map(x => x[1]!)))} ms (wall / CPU)`,
    );
  }
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
