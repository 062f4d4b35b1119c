// `npm start`: opens Neo4j (starting or reusing the local one), seeds an empty database, serves the API and explorer, and drains on SIGTERM.
import path from 'node:path';
import pino from 'pino';
import { ConfigError, loadConfig, PROJECT_ROOT, SEED_DATA_DIR } from './config';
import { openDatabase } from './db/neo4j';
import { createApp } from './http/app';
import { drainOnSignals } from './http/drain';
import { ensureSchema } from './db/schema';
import { graphCounts } from './db/counts';
import { loadDataset } from './db/load';
import { datasetFilesIn, documentsFromDirectory, formatProblem, validateFiles } from './model/validate';
import { ROUTES } from './http/routes';
import { warmUp } from './http/warmUp';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = pino({ level: config.LOG_LEVEL });
  const db = await openDatabase(config, (line) => logger.info(line));
  await ensureSchema(db);

  if (config.SEED_ON_START === 'auto') {
    const counts = await graphCounts(db, 60_000);
    if ((counts.nodes.Claim ?? 0) === 0 && (counts.nodes.Actor ?? 0) === 0) {
      logger.info('the database is empty: loading the seed datasets');
      const { datasets, problems } = await validateFiles(datasetFilesIn(SEED_DATA_DIR), config.DOCUMENTS_DIR);
      if (problems.length > 0) throw new Error(`seed datasets are invalid:\n${problems.map(formatProblem).join('\n')}`);
      for (const { dataset } of datasets) {
        const summary = await loadDataset(db, dataset);
        logger.info({ dataset: summary.dataset, ms: summary.milliseconds }, 'seeded');
      }
    }
  }

  const documents = await documentsFromDirectory(config.DOCUMENTS_DIR);
  // Neo4j plans each statement the first time it sees it, which on a cold server can outlast the query timeout;
  // running every read route once here keeps that cost off the first users' requests.
  const warmed = await warmUp({ db, documents }, ROUTES);
  logger.info({ routes: warmed.routes, ms: warmed.milliseconds, failed: warmed.failed }, 'read routes warmed');

  const app = createApp({
    db,
    config,
    logger,
    clientDir: path.join(PROJECT_ROOT, 'client', 'dist'),
    documents,
  });
  const server = app.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : config.PORT;
    logger.info(
      `claim-graph is serving http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port} (API at /api, docs at /api/docs)`,
    );
  });

  // A Neo4j this process started itself checkpoints on the way down, which can take longer than draining HTTP.
  drainOnSignals(server, {
    logger,
    limitMs: db.local === undefined ? 9_000 : 40_000,
    afterClose: async () => {
      if (db.local !== undefined) logger.info('stopping the local Neo4j');
      await db.close();
    },
  });
}

main().catch((error: unknown) => {
  console.error(`start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
