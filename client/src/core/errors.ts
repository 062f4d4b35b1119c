// Typed errors for the explorer: each names where it happened and what was expected, so the page can say something useful.
import type { Problem } from '../../../server/model/api';

/** Base class: `where` is the request or setting at fault, shown to the person as the context of the message. */
export class ExplorerError extends Error {
  readonly where: string;
  constructor(where: string, message: string) {
    super(`${where}: ${message}`);
    this.name = 'ExplorerError';
    this.where = where;
  }
}

/** The API answered with an error status; `problem` is its RFC 9457 body, or one made up from the status when it had none. */
export class ApiProblemError extends ExplorerError {
  readonly problem: Problem;
  /** Seconds from the Retry-After header, when the server sent one. */
  readonly retryAfter: number | null;
  constructor(where: string, problem: Problem, retryAfter: number | null) {
    super(where, problem.detail === undefined ? problem.title : `${problem.title} — ${problem.detail}`);
    this.name = 'ApiProblemError';
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

/** No answer within the explorer's request timeout. */
export class ApiTimeoutError extends ExplorerError {
  readonly timeoutMs: number;
  constructor(where: string, timeoutMs: number) {
    super(where, `expected an answer within ${(timeoutMs / 1000).toFixed(timeoutMs % 1000 === 0 ? 0 : 1)} s; got none`);
    this.name = 'ApiTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** The request never reached the server (offline, refused, DNS). */
export class ApiNetworkError extends ExplorerError {
  constructor(where: string, cause: string) {
    super(where, `expected to reach the API; the request failed (${cause})`);
    this.name = 'ApiNetworkError';
  }
}

/** The API answered 2xx but with a body of the wrong shape. */
export class InvalidResponseError extends ExplorerError {
  constructor(where: string, expected: string, got: string) {
    super(where, `expected ${expected}; got ${got}`);
    this.name = 'InvalidResponseError';
  }
}

/** A record a link or a search asked for that the database does not hold; `id` is what was asked for. */
export class MissingRecordError extends ExplorerError {
  readonly id: string;
  constructor(id: string, where = 'graph') {
    super(where, `expected a record with id "${id}"; the database holds none`);
    this.name = 'MissingRecordError';
    this.id = id;
  }
}

/** Whether an error says the thing asked for does not exist, which retrying cannot change. */
export function isNotFound(error: unknown): boolean {
  return error instanceof MissingRecordError || (error instanceof ApiProblemError && error.problem.status === 404);
}

/** A setting passed to resolveSettings failed validation. */
export class SettingsError extends ExplorerError {
  constructor(key: string, expected: string, got: unknown) {
    super(`settings.${key}`, `expected ${expected}; got ${describeValue(got)}`);
    this.name = 'SettingsError';
  }
}

/** Short description of an unexpected value for error messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** Title and detail to show for any error, whatever threw it. */
export function describeError(error: unknown): { title: string; detail: string; retryAfter: number | null } {
  if (error instanceof ApiProblemError) {
    return {
      title: error.problem.title,
      detail: error.problem.detail ?? `${error.where} answered ${error.problem.status}`,
      retryAfter: error.retryAfter,
    };
  }
  if (error instanceof ApiTimeoutError) return { title: 'The server is not answering', detail: error.message, retryAfter: null };
  if (error instanceof ApiNetworkError) return { title: 'Cannot reach the server', detail: error.message, retryAfter: null };
  if (error instanceof ExplorerError) return { title: 'Unexpected answer', detail: error.message, retryAfter: null };
  if (error instanceof Error) return { title: 'Something went wrong', detail: error.message, retryAfter: null };
  return { title: 'Something went wrong', detail: String(error), retryAfter: null };
}
