// The API as the bench measures it: createApp over the bench's Neo4j in its own process, so the load generator never shares its event loop.
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp } from '../server/http/app';
import { loadConfig } from '../server/config';
import { connectDatabase } from '../server/db/neo4j';

/**
 * What the bench sends: first where Neo4j is (the process is forked before Neo4j is up) and, for the first-screen
 * measurement, the built explorer to serve at `/`; then questions.
 */
export type ApiServerRequest = { uri: string; local: boolean; clientDir?: string } | { idle: number };
/**
 * What this process answers: its port once listening, and, once nothing is in flight, how many requests
 * were answered after their client had gone (and how many of those failed) since the last question.
 */
export type ApiServerReply = { port: number } | { idle: number; abandoned: number; abandonedFailed: number };

function start(uri: string, local: boolean, clientDir: string | undefined): void {
  const config = loadConfig({ ...process.env, NEO4J_URI: uri, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent' });
  const db = connectDatabase(uri, config, local);
  const app = createApp({ db, config, clientDir, logger: pino({ level: 'silent' }) });
  const server = app.listen(0, '127.0.0.1', () => {
    process.send?.({ port: (server.address() as AddressInfo).port } satisfies ApiServerReply);
  });
  // autocannon drops its connections when its time is up, but requests already received keep running here
  // (up to the query timeout); the bench waits for them so they do not load the database under the next
  // measurement. A request counts until its handler ends the response: 'close' comes as soon as the client
  // hangs up and 'finish' never comes after that, so only the call to end() marks the work as done.
  // The client never sees how an abandoned request ended (a query timeout, say), so this process counts them.
  let inFlight = 0;
  let abandoned = 0;
  let abandonedFailed = 0;
  const idleWaiters: Array<() => void> = [];
  server.on('request', (_request, response) => {
    if (response.writableEnded) return; // answered synchronously, before this listener ran
    inFlight++;
    const end = response.end.bind(response) as (...args: unknown[]) => typeof response;
    let counted = true;
    response.end = ((...args: unknown[]) => {
      if (counted) {
        counted = false;
        inFlight--;
        if (response.destroyed) {
          abandoned++;
          if (response.statusCode >= 400) abandonedFailed++;
        }
        if (inFlight === 0) idleWaiters.splice(0).forEach((resolve) => resolve());
      }
      return end(...args);
    }) as typeof response.end;
  });
  process.on('message', (message: ApiServerRequest) => {
    if (!('idle' in message)) return;
    const answer = () => {
      process.send?.({ idle: message.idle, abandoned, abandonedFailed } satisfies ApiServerReply);
      abandoned = 0;
      abandonedFailed = 0;
    };
    if (inFlight === 0) answer();
    else idleWaiters.push(answer);
  });
  // The bench owns this process: when it goes, so does the server.
  process.on('disconnect', () => {
    server.close();
    void db.close().finally(() => process.exit(0));
  });
}

// Until Neo4j is up the bench may go away without sending anything.
const leave = () => process.exit(0);
process.once('disconnect', leave);
process.once('message', (message: ApiServerRequest) => {
  if (!('uri' in message)) return;
  process.off('disconnect', leave);
  start(message.uri, message.local, message.clientDir);
});
