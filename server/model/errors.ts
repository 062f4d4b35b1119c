// The one error model: every error the project raises is a ClaimGraphError with a code from ERROR_CODES.
// Each layer defines its own subclasses; server/http/problems.ts maps every code to an HTTP status and title in one table.

/** Every error code, declared once. The HTTP table is typed against this list, so a new code cannot go unmapped. */
export const ERROR_CODES = [
  // The request is at fault (400, 401, 403, 404, 413, 415, 429).
  'invalid_request',
  'invalid_dataset',
  'invalid_stix',
  'unknown_export_format',
  'malformed_body',
  'body_too_large',
  'unsupported_body',
  'unauthorized',
  'writes_disabled',
  'not_found',
  'route_not_found',
  'rate_limited',
  // The request conflicts with what is stored (409).
  'record_type_conflict',
  'unexportable_graph',
  // The database or the server's set-up is not available (503).
  'database_unavailable',
  'query_timeout',
  'invalid_config',
  'neo4j_launcher_failed',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A field at fault and what was expected of it, as problem+json's `errors` lists them. */
export interface FieldError {
  field: string;
  message: string;
}

export interface ClaimGraphErrorOptions {
  errors?: FieldError[];
  /** Response headers the answer should carry, e.g. `Retry-After`. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/** The base of every error the project raises: a code, a message that names where and what was expected, and the fields at fault. */
export class ClaimGraphError extends Error {
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: ClaimGraphErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }
}

/** A request (or command-line) value failed validation; `errors` names every field at fault. */
export class InvalidRequestError extends ClaimGraphError {
  constructor(errors: FieldError[], message = errors.map((e) => `${e.field}: ${e.message}`).join('; ')) {
    super('invalid_request', message, { errors });
  }

  /** One field at fault: "depth: expected 1–3, got 7". */
  static field(field: string, message: string): InvalidRequestError {
    return new InvalidRequestError([{ field, message }]);
  }
}

/** A record that was asked for by id does not exist. */
export class NotFoundError extends ClaimGraphError {
  constructor(
    readonly what: string,
    readonly id: string,
  ) {
    super('not_found', `${what} "${id}" was not found`);
  }
}
