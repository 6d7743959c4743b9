/** A Cloud Run CPU limit ("1", "2", "500m") in vCPU; unset or unreadable counts as 1 (Cloud Run's default). */
export function parseCpuLimit(cpu: string | undefined | null): number {
  if (!cpu) return 1;
  const n = cpu.endsWith('m') ? Number(cpu.slice(0, -1)) / 1000 : Number(cpu);
  return Number.isFinite(n) && n > 0 ? n : 1;
}
