// Builds the Express app from its dependencies (database, configuration, client build); only server/main.ts listens.
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import cors from 'cors';
import express, { type Express, type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import pino, { type Logger } from 'pino';
import swaggerUi from 'swagger-ui-express';
import type { Config } from '../config';
import type { Database } from '../db/neo4j';
import type { DocumentLookup } from '../model/validate';
import { RateLimitedError, UnauthorizedError, WritesDisabledError } from './errors';
import { openApiDocument } from './openapi';
import { notFoundRoute, problemHandler } from './problems';
import { createRouter } from './router';
import { ROUTES } from './routes';

export interface AppDeps {
  db: Database;
  config: Config;
  /** The built explorer (client/dist); served at / when present. */
  clientDir?: string;
  logger?: Logger;
  documents?: DocumentLookup;
}

const VERSION = '0.1.0';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Writes need `Authorization: Bearer <WRITE_TOKEN>`; with no token configured, writes are switched off. */
export function requireWriteToken(token: string | undefined): RequestHandler {
  return (req, _res, next) => {
    if (token === undefined) {
      next(new WritesDisabledError());
      return;
    }
    const header = req.get('authorization') ?? '';
    const match = /^Bearer (.+)$/i.exec(header);
    // Comparing digests keeps the comparison constant-time whatever the lengths.
    if (match === null || !timingSafeEqual(digest(match[1]!), digest(token))) {
      next(new UnauthorizedError());
      return;
    }
    next();
  };
}

export function createApp(deps: AppDeps): Express {
  const { config } = deps;
  const logger = deps.logger ?? pino({ level: config.LOG_LEVEL });
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.set('query parser', 'simple');

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const offered = req.headers['x-request-id'];
        const id = typeof offered === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(offered) ? offered : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          // ForceAtlas2's worker is created from a blob URL.
          'worker-src': ["'self'", 'blob:'],
          'connect-src': ["'self'"],
          // Served over plain HTTP on localhost too, where upgrading would break every asset.
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  // Only listed origins get CORS headers; anyone else gets none.
  const allowed = new Set(config.CORS_ORIGINS);
  app.use(cors({ origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)) }));

  if (config.RATE_LIMIT_PER_MINUTE > 0) {
    app.use(
      '/api',
      rateLimit({
        windowMs: 60_000,
        limit: config.RATE_LIMIT_PER_MINUTE,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        handler: (_req, _res, next) => next(new RateLimitedError(config.RATE_LIMIT_PER_MINUTE)),
      }),
    );
  }
  app.use('/api', express.json({ limit: config.BODY_LIMIT }));

  const document = openApiDocument(ROUTES, VERSION);
  app.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use('/api/docs', swaggerUi.serveFiles(document), swaggerUi.setup(document, { customSiteTitle: 'claim-graph API' }));

  app.use('/api', createRouter({ db: deps.db, documents: deps.documents }, ROUTES, requireWriteToken(config.WRITE_TOKEN)));
  app.use('/api', notFoundRoute);

  const clientDir = deps.clientDir;
  if (clientDir !== undefined && existsSync(path.join(clientDir, 'index.html'))) {
    app.use(express.static(clientDir, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes all load the single page.
    app.get(/^\/(?!api\/).*/, (_req, res) => {
      res.sendFile(path.join(clientDir, 'index.html'));
    });
  }
  app.use(notFoundRoute);
  app.use(problemHandler);
  return app;
}
