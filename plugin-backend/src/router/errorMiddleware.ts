import type { ErrorRequestHandler, RequestHandler } from 'express';
import {
  GcpServerlessError,
  InputError,
  InternalError,
  NotFoundError,
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
    let error: GcpServerlessError;
    if (err instanceof GcpServerlessError) error = err;
    else if (err?.type === 'entity.parse.failed')
      error = new InputError('Request body is not valid JSON', [
        { path: '(body)', message: 'invalid JSON' },
      ]);
    else if (err?.type === 'entity.too.large')
      error = new InputError('Request body is too large');
    else {
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
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode: error.status },
    };
    res.status(error.status).json(body);
  };
}

/** Unknown routes under the plugin: a JSON 404 rather than the host's HTML page. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`No route ${req.method} ${req.originalUrl}`));
};
