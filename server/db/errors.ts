// Classifies Neo4j failures by error code (never by message) into "unavailable", "timed out" or other, and the errors that say so.
import { Neo4jError } from 'neo4j-driver';
import { ClaimGraphError } from '../model/errors';

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Database.DatabaseNotFound',
  'Neo.TransientError.Transaction.Terminated',
  'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
]);

const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.TransientError.Transaction.LockClientStopped',
]);

/** Codes that mean the connection to Neo4j was lost or refused: it may be restarting and will come back cold. */
const CONNECTION_LOST_CODES = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

/** The code the driver gives errors it raises itself, without a server code (neo4j-driver-core's NOT_AVAILABLE). */
const DRIVER_OWN_CODE = 'N/A';

/**
 * The driver could not hand out a connection in time. Since neo4j-driver 6 the acquisition timeout covers
 * connecting and the Bolt handshake, so a Neo4j that accepts TCP while its JVM starts (or is starved of CPU)
 * ends here, and the driver's error carries no code at all.
 */
export class ConnectionAcquisitionError extends ClaimGraphError {
  constructor(cause: Neo4jError) {
    super('database_unavailable', 'no connection to Neo4j could be acquired in time', { cause });
  }
}

/** Neo4j refused, dropped or could not yet serve the request: it may be restarting, so the client should retry. */
export class DatabaseUnavailableError extends ClaimGraphError {
  constructor(cause: unknown) {
    super('database_unavailable', 'the graph database is not answering', { cause });
  }
}

/** The query ran past its transaction timeout; the same request would time out again. */
export class QueryTimeoutError extends ClaimGraphError {
  constructor(cause: unknown) {
    super('query_timeout', 'the query took longer than the allowed time', { cause });
  }
}

/**
 * Turns a code-less driver error raised outside the transaction function (so while acquiring a connection or
 * beginning the transaction, before any query ran) into a ConnectionAcquisitionError; other errors are returned as they are.
 */
export function outsideWorkFailure(error: unknown, thrownByWork: WeakSet<object>): unknown {
  if (error instanceof Neo4jError && error.code === DRIVER_OWN_CODE && !thrownByWork.has(error))
    return new ConnectionAcquisitionError(error);
  return error;
}

/** Whether the failure means Neo4j went away (refused, dropped or still starting), as opposed to a failed query. */
export function isConnectionLost(error: unknown): boolean {
  if (error instanceof ConnectionAcquisitionError) return true;
  return error instanceof Neo4jError && CONNECTION_LOST_CODES.has(error.code);
}

export type DatabaseFailure = 'unavailable' | 'timeout' | 'other';

export function classifyDatabaseError(error: unknown): DatabaseFailure {
  if (error instanceof ConnectionAcquisitionError) return 'unavailable';
  if (!(error instanceof Neo4jError)) return 'other';
  if (TIMEOUT_CODES.has(error.code)) return 'timeout';
  if (UNAVAILABLE_CODES.has(error.code) || error.code.startsWith('Neo.TransientError.')) return 'unavailable';
  return 'other';
}
