// `npm start`: opens Neo4j (starting or reusing the local one), seeds an empty database, serves the API and explorer, and drains on SIGTERM.
import path from 'node:path';
import pino from 'pino';
import { ConfigError, loadConfig, PROJECT_ROOT } from './config';
import { openDatabase } from './db/neo4j';
import { createApp } from './app';
import { ensureSchema, graphCounts, loadDataset } from '../seed/loader';
import { defaultDatasetFiles, validateFiles } from '../seed/cli';
import { documentsFromDirectory, formatProblem } from '../seed/validate';
import { extraRoutes } from './routes';

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
    const counts = await graphCounts(db);
    if ((counts.nodes.Claim ?? 0) === 0 && (counts.nodes.Actor ?? 0) === 0) {
      logger.info('the database is empty: loading the seed datasets');
      const { datasets, problems } = await validateFiles(defaultDatasetFiles(), config.DOCUMENTS_DIR);
      if (problems.length > 0) throw new Error(`seed datasets are invalid:\n${problems.map(formatProblem).join('\n')}`);
      for (const { dataset } of datasets) {
        const summary = await loadDataset(db, dataset);
        logger.info({ dataset: summary.dataset, ms: summary.milliseconds }, 'seeded');
      }
    }
  }

  const app = createApp({
    db,
    config,
    logger,
    clientDir: path.join(PROJECT_ROOT, 'client', 'dist'),
    documents: await documentsFromDirectory(config.DOCUMENTS_DIR),
    extraRoutes,
  });
  const server = app.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : config.PORT;
    logger.info(`claim-graph is serving http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port} (API at /api, docs at /api/docs)`);
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info(`${signal}: no longer accepting connections; draining requests in flight`);
    const force = setTimeout(() => {
      logger.error('requests did not drain within 9 s; exiting');
      process.exit(1);
    }, 9_000);
    force.unref();
    server.close(async () => {
      await db.close();
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
