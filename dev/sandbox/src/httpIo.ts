import type { IncomingMessage, ServerResponse } from 'node:http';
import { GoogleApiError, invalidArgument } from './googleError';
import type { SandboxRequest } from './api';
import { fieldMaskOf } from './fieldMask';

/** Largest request body the sandbox reads (Google front ends cap JSON bodies too; 10 MiB is plenty). */
const MAX_BODY_BYTES = 10 * 2 ** 20;

/**
 * Reads and decodes an HTTP request: path, query, JSON body and response field mask. An empty body is `undefined`;
 * a body that is not JSON is 400 INVALID_ARGUMENT, as Google's front end answers.
 */
export async function readSandboxRequest(
  req: IncomingMessage,
): Promise<SandboxRequest> {
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES)
      throw invalidArgument(`Request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let body: unknown;
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw invalidArgument(
        `Invalid JSON payload received. ${(error as Error).message}`,
      );
    }
  }
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    body,
    fieldMask: fieldMaskOf(req.headers['x-goog-fieldmask'], url.searchParams),
  };
}

/**
 * Writes a JSON answer. The text is encoded once: measuring a string's UTF-8 length and then writing
 * the string encoded it twice, seconds for a fleet's 30 MB Monitoring answer.
 */
export function writeJson(
  res: ServerResponse,
  status: number,
  body: unknown,
): void {
  const bytes = Buffer.from(JSON.stringify(body ?? {}), 'utf8');
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': bytes.length,
  });
  res.end(bytes);
}

/** Writes any thrown value as Google's error JSON; non-Google errors become 500 INTERNAL. */
export function writeError(res: ServerResponse, error: unknown): void {
  const googleError =
    error instanceof GoogleApiError
      ? error
      : new GoogleApiError(
          500,
          'INTERNAL',
          `Internal error in the sandbox: ${
            (error as Error)?.message ?? String(error)
          }`,
        );
  writeJson(res, googleError.httpStatus, googleError.toJSON());
}
