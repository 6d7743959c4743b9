/**
 * The round-trip depth of a request (docs/performance.md, "What each figure means"): of the Google
 * calls the sandbox saw during it, the longest chain in which each call arrived only after the one
 * before it in the chain was answered (a next page after its page token, a list that needs an earlier
 * answer). It is how many round trips a machine with no CPU cost would wait. It can only overstate:
 * two independent calls count as a chain when the second merely left late, its client busy decoding
 * the first's answer; `chain` names the calls so a reader can judge.
 */

/** One Google call as the sandbox saw it (`GET /_sandbox/activity`'s `calls`), times in ms. */
export interface TimedCall {
  method: string;
  arrivedMs: number;
  answeredMs: number;
  /** Its client left before the answer: nothing waited on it, so no call follows it in a chain. */
  abandoned?: boolean;
}

export interface RoundTripDepth {
  /** Calls on the longest chain (0 when there were no calls). */
  depth: number;
  /** The longest chain, first call first. */
  chain: TimedCall[];
  /** How many calls are at depth 1, 2, …: what went out together and what waited. */
  callsAtDepth: number[];
}

/**
 * depth(call) = 1 + the largest depth of the calls answered at or before its arrival (0 if none).
 * One sweep over arrivals and answers in time order; at equal times an answer comes first, so a
 * call sent in the same millisecond as an answer counts as waiting for it. Of several calls of that
 * largest depth the chain names one of the same API if there is one (a next page, the Catalog's SKUs
 * after its services), else the one answered last before the arrival: the likeliest causes, a guess
 * all the same, which the times alone cannot settle.
 */
export function roundTripDepth(calls: readonly TimedCall[]): RoundTripDepth {
  const events = calls.flatMap((call, index) => [
    { at: call.arrivedMs, answer: false, index },
    ...(call.abandoned ? [] : [{ at: call.answeredMs, answer: true, index }]),
  ]);
  events.sort((a, b) => a.at - b.at || Number(b.answer) - Number(a.answer));
  const depth = new Array<number>(calls.length).fill(0);
  const before = new Array<number | undefined>(calls.length);
  const deeper = (a: number, than: number | undefined) =>
    than === undefined || depth[a]! >= depth[than]!;
  // The deepest call answered so far, overall and per API (the method key's first part).
  let deepest: number | undefined;
  const deepestOfApi = new Map<string, number>();
  const apiOf = (index: number) => calls[index]!.method.split('.')[0]!;
  for (const { answer, index } of events) {
    if (answer) {
      if (deeper(index, deepest)) deepest = index;
      if (deeper(index, deepestOfApi.get(apiOf(index))))
        deepestOfApi.set(apiOf(index), index);
    } else {
      depth[index] = 1 + (deepest === undefined ? 0 : depth[deepest]!);
      const sameApi = deepestOfApi.get(apiOf(index));
      before[index] =
        sameApi !== undefined && depth[sameApi] === depth[index]! - 1
          ? sameApi
          : deepest;
    }
  }
  let last: number | undefined;
  for (let i = 0; i < calls.length; i++)
    if (last === undefined || depth[i]! > depth[last]!) last = i;
  const chain: TimedCall[] = [];
  for (let i = last; i !== undefined; i = before[i]) chain.unshift(calls[i]!);
  const callsAtDepth = new Array<number>(chain.length).fill(0);
  for (const d of depth) callsAtDepth[d - 1]!++;
  return { depth: chain.length, chain, callsAtDepth };
}
