// Graceful shutdown of the HTTP server on SIGTERM or SIGINT: stop accepting, let requests in flight finish, then close.
import type { Server } from 'node:http';
import net, { type Socket } from 'node:net';
import type { Logger } from 'pino';

export interface DrainOptions {
  logger: Logger;
  /** How long draining may take before the process exits 1, naming what still holds it open. */
  limitMs: number;
  /** Runs once the listener has closed, e.g. to close the database. */
  afterClose: () => Promise<void>;
}

/**
 * Node's own `server.closeIdleConnections()` closes every idle keep-alive connection at once, including one whose
 * next request is already on its way, and that client then sees a reset. So this tracks when each connection last
 * became idle and closes only those that stayed quiet for a second after the drain began.
 */
export function drainOnSignals(server: Server, options: DrainOptions): void {
  const { logger } = options;
  // Node closes a keep-alive connection after 5 s idle by default, racing any client that reuses it at that
  // moment (ECONNRESET in the soak test). Proxies and agents commonly idle out at 60 s, so the server waits longer.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  // Per connection: when it last became idle (0 while a request is running).
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
    const force = setTimeout(() => {
      // Names whatever still holds the process open: unfinished requests or a leaked handle.
      logger.error({ open: process.getActiveResourcesInfo() }, `did not stop within ${options.limitMs / 1000} s; exiting`);
      process.exit(1);
    }, options.limitMs);
    force.unref();
    const sweep = setInterval(() => {
      const now = Date.now();
      for (const [socket, since] of idleSince) {
        if (since !== 0 && now - Math.max(since, closingAt) >= 1000) socket.destroy();
      }
    }, 100);
    // Connections the kernel already accepted can wait in the listen backlog while a busy event loop
    // catches up, and closing the listener would reset them. So the listener closes only once a poll
    // phase (which accepts the whole backlog) has passed with no new connection for 300 ms, or after 3 s.
    // http.Server#close would also drop idle connections at once, so only the listening socket is closed.
    const closeWhenQuiet = () => {
      setImmediate(() => {
        const now = Date.now();
        if (now - lastConnectionAt < 300 && now - closingAt < 3000) {
          setTimeout(closeWhenQuiet, 50);
          return;
        }
        net.Server.prototype.close.call(server, () => {
          clearInterval(sweep);
          void options.afterClose().then(() => {
            logger.info('stopped');
            // No process.exit(0): the process ends when nothing is left open, so a leaked handle
            // shows as the timeout above (exit 1, naming it) instead of being hidden.
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
