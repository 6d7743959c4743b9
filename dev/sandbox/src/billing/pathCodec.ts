/**
 * The request path with each segment percent-decoded (the clients escape e.g. `/` inside names and
 * `:`), or undefined when a segment is not valid percent-encoding (the API then does not match).
 */
export function decodePath(path: string): string | undefined {
  try {
    return path.split('/').map(decodeURIComponent).join('/');
  } catch {
    return undefined;
  }
}
