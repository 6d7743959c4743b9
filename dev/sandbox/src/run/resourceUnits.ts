/**
 * Parsing of Cloud Run resource limits, which use Kubernetes quantity strings:
 * cpu "1", "2", "0.5", "500m"; memory "512Mi", "4Gi", "1G", "2048M".
 */

const MEMORY_UNITS: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

/** vCPU count of a cpu limit ("1", "0.5", "500m"); undefined if malformed. */
export function parseCpu(value: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(m?)$/.exec(value.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  return match[2] === 'm' ? amount / 1000 : amount;
}

/** GiB of a memory limit ("512Mi" → 0.5, "1G" → 0.93); undefined if malformed. */
export function parseMemoryGiB(value: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(value.trim());
  if (!match) return undefined;
  return (Number(match[1]) * MEMORY_UNITS[match[2] ?? '']!) / 2 ** 30;
}

/** Memory quantity for a GiB amount in the form Cloud Run answers: "512Mi", "4Gi". */
export function formatMemoryGiB(gib: number): string {
  return Number.isInteger(gib) ? `${gib}Gi` : `${Math.round(gib * 1024)}Mi`;
}
