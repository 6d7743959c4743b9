import {
  COMPUTE_METHODS,
  type ComputeSourceName,
  type ComputeSources,
} from './ComputeSources';
import type { ComputeThread } from './ComputeThread';

type AnyMethod = (...args: unknown[]) => Promise<unknown>;

/**
 * Sources with the shape of `local` whose every method is computed in `thread`, or by `local`
 * itself when the thread cannot run (ComputeThread). The read model uses them as its direct reads.
 */
export function threadSources(
  thread: ComputeThread,
  local: ComputeSources,
): ComputeSources {
  const sources = {} as Record<ComputeSourceName, Record<string, AnyMethod>>;
  for (const name of Object.keys(COMPUTE_METHODS) as ComputeSourceName[]) {
    const own = local[name] as unknown as Record<string, AnyMethod>;
    sources[name] = {};
    for (const method of COMPUTE_METHODS[name])
      sources[name][method] = (...args: unknown[]) =>
        thread.run(name, method, args, () => own[method]!.apply(own, args));
  }
  return sources as unknown as ComputeSources;
}
