// The one place errors become answers: a table from error code to HTTP status and title, rendered as RFC 9457 problem+json.
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type {} from 'pino-http';
import { z } from 'zod';
import { classifyDatabaseError, DatabaseUnavailableError, QueryTimeoutError } from '../db/errors';
import type { Problem } from '../model/api';
import { ClaimGraphError, InvalidRequestError, type ErrorCode, type FieldError } from '../model/errors';
import { RequestBodyError, RouteNotFoundError } from './errors';

/** Seconds a client should wait before retrying when the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Seconds a client should wait after its query hit the transaction timeout. The same request would
 * time out again at once, so the API never retries it and asks the client to stay away for longer.
 */
export const TIMEOUT_RETRY_AFTER_SECONDS = 30;

interface ProblemSpec {
  status: number;
  title: string;
  /** A fixed public detail, for errors whose own message may carry database or configuration internals. */
  detail?: string;
  headers?: Record<string, string>;
}

/** Every error code's answer. Typed against ERROR_CODES, so a code without an answer does not compile. */
export const PROBLEMS: Readonly<Record<ErrorCode, ProblemSpec>> = {
  invalid_request: { status: 400, title: 'Invalid request' },
  invalid_dataset: { status: 400, title: 'Invalid dataset' },
  invalid_stix: { status: 400, title: 'Invalid STIX bundle' },
  unknown_export_format: { status: 400, title: 'Unknown export format' },
  malformed_body: { status: 400, title: 'Malformed request body' },
  body_too_large: { status: 413, title: 'Request body too large' },
  unsupported_body: { status: 415, title: 'Unsupported request body' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  writes_disabled: { status: 403, title: 'Writes disabled' },
  not_found: { status: 404, title: 'Not found' },
  route_not_found: { status: 404, title: 'Not found' },
  rate_limited: { status: 429, title: 'Too many requests' },
  record_type_conflict: { status: 409, title: 'Record type conflict' },
  unexportable_graph: { status: 409, title: 'Graph cannot be exported' },
  database_unavailable: {
    status: 503,
    title: 'Database unavailable',
    detail: 'the graph database is not answering; try again shortly',
    headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
  },
  query_timeout: {
    status: 503,
    title: 'Database unavailable',
    detail: 'the query took longer than the allowed time',
    headers: { 'Retry-After': String(TIMEOUT_RETRY_AFTER_SECONDS) },
  },
  invalid_config: { status: 503, title: 'Server misconfigured', detail: 'the server configuration is invalid; see its log' },
  neo4j_launcher_failed: {
    status: 503,
    title: 'Database unavailable',
    detail: 'the local Neo4j could not be started; see the server log',
    headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
  },
};

/** A zod failure at the edge, naming each field at fault (or the unknown parameters) and what was expected. */
export function invalidRequest(location: string, error: z.ZodError): InvalidRequestError {
  const errors: FieldError[] = error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : location;
    return {
      field,
      message: issue.code === 'unrecognized_keys' ? `unknown ${location} parameter(s): ${issue.keys.join(', ')}` : issue.message,
    };
  });
  return new InvalidRequestError(errors);
}

/**
 * Brings what other libraries throw into the error model: Neo4j's errors by their code, body-parser's by their
 * status, zod's as invalid input. Anything else is a bug, and stays as it is.
 */
export function asClaimGraphError(error: unknown): ClaimGraphError | undefined {
  if (error instanceof ClaimGraphError) return error;
  if (error instanceof z.ZodError) return invalidRequest('request', error);
  const failure = classifyDatabaseError(error);
  if (failure === 'timeout') return new QueryTimeoutError(error);
  if (failure === 'unavailable') return new DatabaseUnavailableError(error);
  // Body-parser errors carry their own status (413 too large, 400 malformed JSON, 415 wrong charset) and a type.
  const { status, type } = (error ?? {}) as { status?: unknown; type?: unknown };
  if (typeof status === 'number' && status >= 400 && status < 500 && typeof type === 'string') return new RequestBodyError(status, error);
  return undefined;
}

function send(res: Response, problem: Problem, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.status(problem.status).set(headers).type('application/problem+json').send(JSON.stringify(problem));
}

export const notFoundRoute: RequestHandler = (req, _res, next) => {
  next(new RouteNotFoundError(req.method, req.path));
};

/** Maps every error to a problem; unexpected ones are logged with the request id and shown only by that id. */
export const problemHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const requestId = String(req.id ?? '');
  const base = { instance: req.originalUrl.split('?')[0], requestId };
  const known = asClaimGraphError(error);
  if (known !== undefined) {
    const spec = PROBLEMS[known.code];
    if (spec.status >= 500) req.log?.warn({ err: error, code: known.code }, 'service unavailable');
    send(
      res,
      { type: 'about:blank', title: spec.title, status: spec.status, detail: spec.detail ?? known.message, errors: known.errors, ...base },
      { ...spec.headers, ...known.headers },
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
