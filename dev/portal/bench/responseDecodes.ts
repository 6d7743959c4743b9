import { readFileSync } from 'node:fs';

/**
 * The Google answers a thread decoded, from its CPU profile (`node --cpu-prof`; coldTimeline.ts
 * `--cpu-prof DIR`): google-gax's REST transport decodes each answer in one synchronous call
 * (`decodeResponse`: JSON.parse, proto3 JSON to a message, `toObject`), so each run of consecutive
 * samples inside it (with the garbage collector's samples between them) is one answer. Prints each
 * decode: start (ms from the profile's start), wall ms, of which GC ms, and the message whose
 * `toObject` it ran (e.g. `ListServicesResponse`), then the totals per message.
 * Usage: tsx bench/responseDecodes.ts FILE.cpuprofile
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const profile = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Profile;
const parent = new Map<number, number>();
const byId = new Map<number, ProfileNode>();
for (const node of profile.nodes) {
  byId.set(node.id, node);
  for (const child of node.children ?? []) parent.set(child, node.id);
}

/** For a sample's node: 'gc', the decoded message's name (or '?' before toObject), or undefined. */
const classified = new Map<number, string | undefined>();
function classify(id: number): string | undefined {
  if (classified.has(id)) return classified.get(id);
  let result: string | undefined;
  if (byId.get(id)!.callFrame.functionName === '(garbage collector)')
    result = 'gc';
  else {
    let message: string | undefined;
    for (
      let at: number | undefined = id;
      at !== undefined;
      at = parent.get(at)
    ) {
      const frame = byId.get(at)!.callFrame;
      const toObject = /^(\w+)\$toObject$/.exec(frame.functionName);
      if (toObject) message = toObject[1];
      if (
        frame.functionName === 'decodeResponse' &&
        frame.url.includes('fallbackRest')
      ) {
        result = message ?? '?';
        break;
      }
    }
  }
  classified.set(id, result);
  return result;
}

interface Decode {
  start: number;
  end: number;
  gc: number;
  messages: Set<string>;
}
const decodes: Decode[] = [];
let current: Decode | undefined;
let pendingGc = 0;
let t = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i]!;
  const kind = classify(profile.samples[i]!);
  const dt = profile.timeDeltas[i + 1] ?? 0;
  if (kind === 'gc') {
    if (current) pendingGc += dt;
    continue;
  }
  if (kind === undefined) {
    current = undefined;
    pendingGc = 0;
    continue;
  }
  if (!current) {
    current = { start: t, end: t, gc: 0, messages: new Set() };
    decodes.push(current);
  }
  current.gc += pendingGc;
  pendingGc = 0;
  current.end = t + dt;
  if (kind !== '?') current.messages.add(kind);
}

const ms = (us: number) => Math.round(us / 1000);
const totals = new Map<string, { n: number; wall: number; gc: number }>();
for (const d of decodes) {
  const name =
    [...d.messages].find(m => m.startsWith('List')) ??
    ([...d.messages].join('+') || '?');
  console.log(
    `${ms(d.start - profile.startTime)}\t${ms(d.end - d.start)} ms\t(gc ${ms(
      d.gc,
    )})\t${name}`,
  );
  const total = totals.get(name) ?? { n: 0, wall: 0, gc: 0 };
  total.n++;
  total.wall += d.end - d.start;
  total.gc += d.gc;
  totals.set(name, total);
}
console.log('\nper message: answers, wall ms (of which GC)');
for (const [name, total] of totals)
  console.log(`${name}\t${total.n}\t${ms(total.wall)}\t(${ms(total.gc)})`);
