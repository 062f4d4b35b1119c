// The one error handler: every failure becomes RFC 9457 problem+json with a clear status, never a stack trace or database text.
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type {} from 'pino-http';
import { z } from 'zod';
import { classifyDatabaseError } from '../db/errors';
import { NotFoundError } from '../graph/repository';
import type { Problem } from '../model/api';

/** A request error with its status and, for validation, the fields at fault. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: Array<{ field: string; message: string }>,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }
}

/** Seconds a client should wait before retrying when the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Seconds a client should wait after its query hit the transaction timeout. The same request would
 * time out again at once, so the API never retries it and asks the client to stay away for longer.
 */
export const TIMEOUT_RETRY_AFTER_SECONDS = 30;

export function validationProblem(location: string, error: z.ZodError): HttpProblem {
  const errors = error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : location;
    return {
      field,
      message: issue.code === 'unrecognized_keys' ? `unknown ${location} parameter(s): ${issue.keys.join(', ')}` : issue.message,
    };
  });
  return new HttpProblem(400, 'Invalid request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}

function send(res: Response, problem: Problem, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.status(problem.status).set(headers).type('application/problem+json').send(JSON.stringify(problem));
}

export const notFoundRoute: RequestHandler = (req, _res, next) => {
  next(new HttpProblem(404, 'Not found', `no route for ${req.method} ${req.path}`));
};

/** Maps every error to a problem; unexpected ones are logged with the request id and shown only by that id. */
export const problemHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const requestId = String(req.id ?? '');
  const base = { instance: req.originalUrl.split('?')[0], requestId };
  if (error instanceof HttpProblem) {
    send(
      res,
      { type: 'about:blank', title: error.title, status: error.status, detail: error.detail, errors: error.errors, ...base },
      error.headers,
    );
    return;
  }
  if (error instanceof NotFoundError) {
    send(res, { type: 'about:blank', title: 'Not found', status: 404, detail: error.message, ...base });
    return;
  }
  if (error instanceof RangeError || error instanceof z.ZodError) {
    send(res, { type: 'about:blank', title: 'Invalid request', status: 400, detail: error.message, ...base });
    return;
  }
  // Body-parser errors carry their own status (413 too large, 400 malformed JSON, 415 wrong charset).
  const status = (error as { status?: unknown; type?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500 && typeof (error as { type?: unknown }).type === 'string') {
    const titles: Record<number, string> = {
      413: 'Request body too large',
      400: 'Malformed request body',
      415: 'Unsupported request body',
    };
    send(res, {
      type: 'about:blank',
      title: titles[status] ?? 'Bad request',
      status,
      detail: titles[status] ?? 'the request body could not be read',
      ...base,
    });
    return;
  }
  const failure = classifyDatabaseError(error);
  if (failure !== 'other') {
    req.log?.warn({ err: error, failure }, 'database unavailable');
    send(
      res,
      {
        type: 'about:blank',
        title: 'Database unavailable',
        status: 503,
        detail:
          failure === 'timeout' ? 'the query took longer than the allowed time' : 'the graph database is not answering; try again shortly',
        ...base,
      },
      { 'Retry-After': String(failure === 'timeout' ? TIMEOUT_RETRY_AFTER_SECONDS : RETRY_AFTER_SECONDS) },
    );
    return;
  }
  req.log?.error({ err: error }, 'unexpected error');
  send(res, {
    type: 'about:blank',
    title: 'Internal server error',
    status: 500,
    detail: `something went wrong; quote request id ${requestId}`,
    ...base,
  });
};
