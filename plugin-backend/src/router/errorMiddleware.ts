import type { ErrorRequestHandler, RequestHandler } from 'express';
import {
  GcpServerlessError,
  InputError,
  InternalError,
  NotFoundError,
  UnsupportedMediaTypeError,
  type SerializedError,
} from '@gcp-serverless/common';
import type { PluginLogger } from '../services/AuditLog';

/**
 * The one place where errors become HTTP responses: a typed error's name picks the status and the
 * body is always `SerializedError`. Handlers never write error statuses themselves. Unknown errors
 * are logged and answered as a generic 500, so no internal detail (or credential) reaches the browser.
 */
export function errorMiddleware(logger: PluginLogger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let error: GcpServerlessError | undefined;
    if (err instanceof GcpServerlessError) error = err;
    else error = requestFormError(err);
    if (!error) {
      logger.error(`unhandled error in ${req.method} ${req.originalUrl}`, {
        error: String(err?.stack ?? err),
      });
      error = new InternalError('Internal error; see the backend log');
    }
    if (error.status >= 500)
      logger.warn(
        `${req.method} ${req.originalUrl} → ${error.status} ${error.message}`,
      );
    const body: SerializedError = {
      error: {
        name: error.name,
        message: error.message,
        ...(error instanceof InputError
          ? { fieldErrors: error.fieldErrors }
          : {}),
        ...(error.details !== undefined ? { details: error.details } : {}),
      },
      request: { method: req.method, url: redactedUrl(req.originalUrl) },
      response: { statusCode: error.status },
    };
    // "Still being computed" says when to ask again (ReadModel: details.retryAfterSeconds).
    const retryAfter = (error.details as { retryAfterSeconds?: unknown })
      ?.retryAfterSeconds;
    if (typeof retryAfter === 'number')
      res.set('Retry-After', String(retryAfter));
    res.status(error.status).json(body);
  };
}

/** Unknown routes under the plugin: a JSON 404 rather than the host's HTML page. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(
    new NotFoundError(
      `No route ${req.method} ${redactedUrl(req.originalUrl).split('?')[0]}`,
    ),
  );
};

/**
 * Errors of the request's form raised before our handlers run: express failing to percent-decode a
 * path parameter (URIError, status 400) and body-parser's refusals (JSON syntax, size, charset,
 * encoding, aborted or lying lengths: `type` and a 4xx `status`). Each becomes our 4xx; their own
 * messages can quote the input, so ours are fixed.
 */
function requestFormError(err: unknown): GcpServerlessError | undefined {
  const e = (err ?? {}) as {
    type?: unknown;
    status?: unknown;
    statusCode?: unknown;
    message?: unknown;
  };
  if (
    err instanceof URIError ||
    (e.status === 400 &&
      typeof e.message === 'string' &&
      e.message.startsWith('Failed to decode param'))
  ) {
    return new InputError('Malformed percent-encoding in the path', [
      { path: '(path)', message: 'is not valid percent-encoded UTF-8' },
    ]);
  }
  let status: number | undefined;
  if (typeof e.status === 'number') status = e.status;
  else if (typeof e.statusCode === 'number') status = e.statusCode;
  if (
    typeof e.type !== 'string' ||
    status === undefined ||
    status < 400 ||
    status >= 500
  )
    return undefined;
  switch (e.type) {
    case 'entity.parse.failed':
      return new InputError('Request body is not valid JSON', [
        { path: '(body)', message: 'invalid JSON' },
      ]);
    case 'entity.too.large':
      return new InputError('Request body is too large');
    case 'charset.unsupported':
      return new UnsupportedMediaTypeError(
        'Unsupported charset: send UTF-8 JSON',
      );
    case 'encoding.unsupported':
      return new UnsupportedMediaTypeError(
        'Unsupported Content-Encoding: send the JSON body uncompressed',
      );
    default:
      return status === 415
        ? new UnsupportedMediaTypeError('Unsupported request body')
        : new InputError('The request body could not be read');
  }
}

const SECRET_QUERY_KEYS =
  /token|key|secret|password|passwd|auth|jwt|assertion|credential|session|cookie|signature/i;

/** The request URL as error bodies echo it: values of query keys that may carry credentials are redacted. */
export function redactedUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map(part => {
      const eq = part.indexOf('=');
      const key = eq < 0 ? part : part.slice(0, eq);
      let decoded = key;
      try {
        decoded = decodeURIComponent(key);
      } catch {
        decoded = key;
      }
      return eq >= 0 && SECRET_QUERY_KEYS.test(decoded)
        ? `${key}=[redacted]`
        : part;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}
