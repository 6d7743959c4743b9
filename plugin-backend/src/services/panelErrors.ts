import {
  GcpServerlessError,
  setupHintOf,
  type PanelError,
} from '@gcp-serverless/common';

/** Turns a failed panel query into a PanelError, so the page shows the rest and says what is missing. */
export function toPanelError(source: string, err: unknown): PanelError {
  if (err instanceof GcpServerlessError) {
    const setup = setupHintOf(err.details);
    return {
      source,
      message: err.message,
      status: err.status,
      ...(setup ? { setup } : {}),
    };
  }
  return {
    source,
    message: err instanceof Error ? err.message : String(err),
    status: 502,
  };
}

/** Runs independent panel queries in parallel; failures become PanelErrors instead of failing the page. */
export async function settlePanels<T extends Record<string, Promise<unknown>>>(
  panels: T,
): Promise<{
  values: { [K in keyof T]: Awaited<T[K]> | null };
  errors: PanelError[];
}> {
  const keys = Object.keys(panels) as (keyof T)[];
  const results = await Promise.allSettled(keys.map(k => panels[k]));
  const values = {} as { [K in keyof T]: Awaited<T[K]> | null };
  const errors: PanelError[] = [];
  results.forEach((r, i) => {
    const key = keys[i]!;
    if (r.status === 'fulfilled')
      values[key] = r.value as Awaited<T[typeof key]>;
    else {
      values[key] = null;
      errors.push(toPanelError(String(key), r.reason));
    }
  });
  return { values, errors };
}
