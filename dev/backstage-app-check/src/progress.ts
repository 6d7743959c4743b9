const started = Date.now();

function clock(): string {
  const s = Math.round((Date.now() - started) / 1000);
  return `${new Date().toISOString().slice(11, 19)}Z +${Math.floor(
    s / 60,
  )}m${String(s % 60).padStart(2, '0')}s`;
}

/** One progress line with the wall clock and the time since the check started (CI reads these). */
export function log(message: string): void {
  console.log(`[backstage-app-check ${clock()}] ${message}`);
}

/** Rejects after `ms` with a message naming what timed out; for in-process steps (HTTP, browser). */
export async function withTimeout<T>(
  what: string,
  ms: number,
  work: Promise<T>,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(`${what}: timed out after ${Math.round(ms / 1000)} s`),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
