// Errors that only the HTTP edge raises: no such route, a missing or wrong token, writes switched off, too many requests, an unreadable body.
import { ClaimGraphError, type ErrorCode } from '../model/errors';

export class RouteNotFoundError extends ClaimGraphError {
  constructor(method: string, path: string) {
    super('route_not_found', `no route for ${method} ${path}`);
  }
}

export class UnauthorizedError extends ClaimGraphError {
  constructor() {
    super('unauthorized', 'a valid bearer token is required', { headers: { 'WWW-Authenticate': 'Bearer' } });
  }
}

export class WritesDisabledError extends ClaimGraphError {
  constructor() {
    super('writes_disabled', 'this server has no WRITE_TOKEN configured, so it accepts no writes');
  }
}

export class RateLimitedError extends ClaimGraphError {
  constructor(perMinute: number) {
    super('rate_limited', `at most ${perMinute} requests per minute`);
  }
}

/** What Express's body parser reports, by its status: too large, not the JSON it claims to be, or in a charset it cannot read. */
export class RequestBodyError extends ClaimGraphError {
  constructor(status: number, cause?: unknown) {
    const code: ErrorCode = status === 413 ? 'body_too_large' : status === 415 ? 'unsupported_body' : 'malformed_body';
    const message =
      code === 'body_too_large'
        ? 'Request body too large'
        : code === 'unsupported_body'
          ? 'Unsupported request body'
          : 'Malformed request body';
    super(code, message, { cause });
  }
}
