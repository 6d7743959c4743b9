/**
 * Seeded, stateless pseudo-random numbers for the traffic model. The model must be a pure function of
 * (service, minute), so instead of a stateful PRNG every random draw hashes its coordinates.
 */

/** 32-bit FNV-1a hash of a string, used to give each service its own noise stream. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Avalanche finaliser (murmur3 fmix32): small input changes flip about half the output bits. */
function fmix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A uniform number in [0, 1) determined by `seed`, `stream` (e.g. a service hash) , `index` (e.g. the
 * minute number since the epoch) and `channel` (which draw of that minute: demand noise, rounding, …).
 */
export function hashUnit(
  seed: number,
  stream: number,
  index: number,
  channel: number,
): number {
  let h = fmix32(seed ^ Math.imul(channel + 1, 0x9e3779b1));
  h = fmix32(h ^ stream);
  h = fmix32(h ^ index);
  return h / 4294967296;
}

/** Rounds `value` up or down with probability given by its fraction, so sums over many minutes stay unbiased. */
export function stochasticRound(value: number, unit: number): number {
  const floor = Math.floor(value);
  return floor + (unit < value - floor ? 1 : 0);
}
