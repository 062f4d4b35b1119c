// The API as the bench measures it: createApp over the bench's Neo4j in its own process, so the load generator never shares its event loop.
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { createDriver, type Database } from '../server/db/neo4j';
import { extraRoutes } from '../server/routes';

const config = loadConfig({ ...process.env, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent' });
if (config.NEO4J_URI === undefined) throw new Error('NEO4J_URI: expected the bench to set it');
const driver = createDriver(config.NEO4J_URI, config, process.env.BENCH_NEO4J_LOCAL === '1');
const db: Database = {
  driver,
  database: config.NEO4J_DATABASE,
  uri: config.NEO4J_URI,
  queryTimeoutMs: config.QUERY_TIMEOUT_MS,
  local: undefined,
  close: () => driver.close(),
};
const app = createApp({ db, config, logger: pino({ level: 'silent' }), extraRoutes });
const server = app.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
// The bench owns this process: when it goes, so does the server.
process.on('disconnect', () => {
  server.close();
  void driver.close().finally(() => process.exit(0));
});
