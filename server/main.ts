// `npm start`: opens Neo4j (starting or reusing the local one), seeds an empty database, serves the API and explorer, and drains on SIGTERM.
import net, { type Socket } from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { ConfigError, loadConfig, PROJECT_ROOT, SEED_DATA_DIR } from './config';
import { openDatabase } from './db/neo4j';
import { createApp } from './http/app';
import { ensureSchema } from './db/schema';
import { graphCounts } from './db/counts';
import { loadDataset } from './db/load';
import { datasetFilesIn, documentsFromDirectory, formatProblem, validateFiles } from './model/validate';
import { extraRoutes } from './http/routes/interchange';
import { ROUTES } from './http/router';
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
    extraRoutes,
  });
  const server = app.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : config.PORT;
    logger.info(
      `claim-graph is serving http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port} (API at /api, docs at /api/docs)`,
    );
  });

  // Node closes a keep-alive connection after 5 s idle by default, racing any client that reuses it at that
  // moment (ECONNRESET in the soak test). Proxies and agents commonly idle out at 60 s, so the server waits longer.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  // Per connection: when it last became idle (0 while a request is running), so a drain can close
  // only connections that stayed quiet for a while, never one whose request is still arriving.
  const idleSince = new Map<Socket, number>();
  let closing = false;
  let closingAt = 0;
  let lastConnectionAt = 0;
  server.on('connection', (socket: Socket) => {
    lastConnectionAt = Date.now();
    idleSince.set(socket, lastConnectionAt);
    socket.once('close', () => idleSince.delete(socket));
  });
  server.on('request', (req, res) => {
    idleSince.set(req.socket, 0);
    // While draining, keep-alive clients are told to reconnect elsewhere.
    if (closing) res.setHeader('Connection', 'close');
    res.once('finish', () => idleSince.set(req.socket, Date.now()));
  });
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    closingAt = Date.now();
    logger.info(`${signal}: no longer accepting connections; draining requests in flight`);
    // A Neo4j this process started itself checkpoints on the way down, which can take longer than draining HTTP.
    const limitMs = db.local === undefined ? 9_000 : 40_000;
    const force = setTimeout(() => {
      // Names whatever still holds the process open: unfinished requests or a leaked handle.
      logger.error({ open: process.getActiveResourcesInfo() }, `did not stop within ${limitMs / 1000} s; exiting`);
      process.exit(1);
    }, limitMs);
    force.unref();
    // http.Server#close would drop idle connections at once, including ones whose request is on its
    // way; closing only the listening socket and sweeping long-idle connections lets those finish.
    const sweep = setInterval(() => {
      const now = Date.now();
      for (const [socket, since] of idleSince) {
        if (since !== 0 && now - Math.max(since, closingAt) >= 1000) socket.destroy();
      }
    }, 100);
    // Connections the kernel already accepted can wait in the listen backlog while a busy event loop
    // catches up, and closing the listener would reset them. So the listener closes only once a poll
    // phase (which accepts the whole backlog) has passed with no new connection for 300 ms, or after 3 s.
    const closeWhenQuiet = () => {
      setImmediate(() => {
        const now = Date.now();
        if (now - lastConnectionAt < 300 && now - closingAt < 3000) {
          setTimeout(closeWhenQuiet, 50);
          return;
        }
        net.Server.prototype.close.call(server, () => {
          clearInterval(sweep);
          if (db.local !== undefined) logger.info('stopping the local Neo4j');
          void db.close().then(() => {
            logger.info('stopped');
            // No process.exit(0): the process ends when nothing is left open, so a leaked handle
            // shows as the 9 s timeout above (exit 1, naming it) instead of being hidden.
            process.exitCode = 0;
          });
        });
      });
    };
    closeWhenQuiet();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
