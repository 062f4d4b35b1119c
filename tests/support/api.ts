// Builds the real app over the test Neo4j for supertest, plus an app whose database is unreachable for 503 checks.
import type { Express } from 'express';
import pino from 'pino';
import { createApp } from '../../server/http/app';
import { loadConfig } from '../../server/config';
import { freePort } from '../../server/db/localNeo4j';
import type { Database } from '../../server/db/neo4j';
import { testDatabase } from './db';

export function testApp(db: Database, env: NodeJS.ProcessEnv = {}): Express {
  const config = loadConfig({ ...process.env, RATE_LIMIT_PER_MINUTE: '0', ...env });
  return createApp({ db, config, logger: pino({ level: 'silent' }) });
}

/** An app whose Neo4j address has nothing listening, as when the database is down. */
export async function unreachableApp(): Promise<{ app: Express; db: Database }> {
  const port = await freePort();
  const db = testDatabase({ NEO4J_URI: `bolt://127.0.0.1:${port}` });
  return { app: testApp(db), db };
}
