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

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The explorer's 404 page: names the path that was asked for and links to the explorer's home. */
export function clientNotFoundPage(requested: string): string {
  const shown = requested.length > 200 ? `${requested.slice(0, 200)}…` : requested;
  const escaped = shown.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] as string);
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Page not found · Claim graph explorer</title>
    <link rel="icon" href="data:," />
    <style>
      body { font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #202124; background: #fbfbf9; margin: 0; }
      main { max-width: 36rem; margin: 12vh auto; padding: 0 1.5rem; }
      h1 { font-size: 1.6rem; margin: 0 0 0.5rem; }
      code { background: #f1f3f4; padding: 0 0.3em; border-radius: 4px; overflow-wrap: anywhere; }
      a { color: #1a56db; font-weight: 600; }
    </style>
  </head>
  <body>
    <main>
      <h1>Page not found</h1>
      <p>The claim graph explorer has no page at <code>${escaped}</code>. Its views (records, attribution, paths,
      chains) are all on its home page, chosen by the link's query string.</p>
      <p><a href="/" data-action="home">Go to the explorer’s home page</a></p>
    </main>
  </body>
</html>
`;
}

/** GET or HEAD of a path outside /api that a browser asks for as a page: 404 with the page above; anything else goes on. */
const clientPageNotFound: RequestHandler = (req, res, next) => {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path === '/api' || req.path.startsWith('/api/') || !req.accepts('html')) {
    next();
    return;
  }
  let requested = req.path;
  try {
    // Shown as a person typed it ("/no such page", not "/no%20such%20page"); escaped by the page either way.
    requested = decodeURIComponent(req.path);
  } catch {
    // A malformed escape is shown as it came.
  }
  res.status(404).type('html').setHeader('Cache-Control', 'no-store').send(clientNotFoundPage(requested));
};

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
    // The explorer is one page at `/` (express.static's index) with its state in the query string, so every other
    // path that is not a built file is no page of it: a browser gets a 404 page that links home.
    app.use(express.static(clientDir, { index: 'index.html', maxAge: '1h' }));
    app.use(clientPageNotFound);
  }
  app.use(notFoundRoute);
  app.use(problemHandler);
  return app;
}
