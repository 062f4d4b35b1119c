// Classifies Neo4j failures by error code (never by message) into "unavailable", "timed out" or other.
import { Neo4jError } from 'neo4j-driver';

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

export type DatabaseFailure = 'unavailable' | 'timeout' | 'other';

export function classifyDatabaseError(error: unknown): DatabaseFailure {
  if (!(error instanceof Neo4jError)) return 'other';
  if (TIMEOUT_CODES.has(error.code)) return 'timeout';
  if (UNAVAILABLE_CODES.has(error.code) || error.code.startsWith('Neo.TransientError.')) return 'unavailable';
  return 'other';
}
