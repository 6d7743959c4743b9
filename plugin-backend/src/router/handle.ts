import type { Request, RequestHandler, Response } from 'express';

/** Express 4 does not catch rejected promises; this forwards them to the error middleware. */
export const handle =
  (fn: (req: Request, res: Response) => Promise<unknown>): RequestHandler =>
  (req, res, next) => {
    fn(req, res).catch(next);
  };
