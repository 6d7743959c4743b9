import type { FieldError, UrlMapEdit } from '@gcp-serverless/common';

/** A schema error placed on the editor's field it belongs to, with where that field is in words. */
export interface LocatedFieldError {
  /**
   * The editor field that shows it: `defaultService`, `defaultUrlRedirect`, `hostRules.0.hosts`,
   * `hostRules.0.pathMatcher`, `pathMatchers.1.name`, `pathMatchers.1.defaultService`,
   * `pathMatchers.1.defaultUrlRedirect`, `pathMatchers.1.pathRules.4.paths`,
   * `pathMatchers.1.pathRules.4.service`; '' when no field shows it (the summary does).
   */
  key: string;
  /** Where, as the editor names it: `path-matcher-2, path rule 5 (/images/*, …)`. */
  where: string;
  message: string;
}

const at = (n: string | undefined) => Number(n ?? 0);

/**
 * Reads an error's path (`change.pathMatchers.1.pathRules.4.paths.0`, from the shared schema here or
 * from the server's 400) as the editor field it belongs to and a place in words, so the field is
 * highlighted with the message next to it instead of internal notation at the bottom.
 */
export function locateUrlMapError(
  error: FieldError,
  edit: UrlMapEdit,
): LocatedFieldError {
  const parts = error.path.split('.');
  if (parts[0] === 'change') parts.shift();
  const [top, i, field, j, sub] = parts;
  const located = (key: string, where: string) => ({
    key,
    where,
    message: error.message,
  });
  if (top === 'defaultService' || top === 'defaultUrlRedirect')
    return located(top, 'Default of the URL map');
  if (top === 'hostRules' && i !== undefined) {
    const hosts = edit.hostRules[at(i)]?.hosts.join(', ') || 'no hosts';
    const where = `Host rule ${at(i) + 1} (${hosts})`;
    return located(
      `hostRules.${i}.${field === 'pathMatcher' ? 'pathMatcher' : 'hosts'}`,
      where,
    );
  }
  if (top === 'pathMatchers' && i !== undefined) {
    const matcher = edit.pathMatchers[at(i)];
    const name = matcher?.name || `path matcher ${at(i) + 1}`;
    if (field === 'pathRules' && j !== undefined) {
      const paths = matcher?.pathRules[at(j)]?.paths.join(', ') || 'no paths';
      return located(
        `pathMatchers.${i}.pathRules.${j}.${
          sub === 'paths' || sub === undefined ? 'paths' : 'service'
        }`,
        `${name}, path rule ${at(j) + 1} (${paths})`,
      );
    }
    if (field === 'defaultService' || field === 'defaultUrlRedirect')
      return located(`pathMatchers.${i}.${field}`, `${name}, default`);
    return located(`pathMatchers.${i}.name`, name);
  }
  return located('', 'The URL map');
}

/** Messages per editor field key, for `error` and `helperText`. */
export function errorsByField(
  located: readonly LocatedFieldError[],
): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const e of located) {
    if (!e.key) continue;
    const list = byKey.get(e.key) ?? [];
    if (!list.includes(e.message)) list.push(e.message);
    byKey.set(e.key, list);
  }
  return byKey;
}

/** `error` and `helperText` props of the field `key`, or nothing when it is valid. */
export function fieldErrorProps(
  errors: ReadonlyMap<string, string[]>,
  key: string,
): { error?: true; helperText?: string } {
  const messages = errors.get(key);
  return messages?.length
    ? { error: true, helperText: messages.join('; ') }
    : {};
}
