// The transaction wrappers against real Bolt endpoints: a Neo4j that accepts TCP but never answers, and the cold-write gate.
import net from 'node:net';
import request from 'supertest';
import { classifyDatabaseError, ConnectionAcquisitionError } from '../../server/db/errors';
import { connectDatabase, isCold, readTransaction, writeTransaction, type Database } from '../../server/db/neo4j';
import { testApp } from '../support/api';
import { testDatabase } from '../support/db';

describe('a Neo4j that accepts connections but never completes the Bolt handshake', () => {
  // What a starting or CPU-starved Neo4j looks like to the driver: the socket opens, the handshake never comes back.
  let silent: net.Server;
  const sockets = new Set<net.Socket>();
  let db: Database;

  beforeAll(async () => {
    silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const uri = `bolt://127.0.0.1:${port}`;
    db = connectDatabase(uri, { NEO4J_USER: 'neo4j', NEO4J_PASSWORD: '', CONNECT_TIMEOUT_MS: 500, QUERY_TIMEOUT_MS: 2000 }, true);
  });
  afterAll(async () => {
    await db.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  test('a read fails as "unavailable" once the acquisition timeout passes, not as an unexpected error', async () => {
    const started = Date.now();
    const error = await readTransaction(db, (tx) => tx.run('RETURN 1')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionAcquisitionError);
    expect(classifyDatabaseError(error)).toBe('unavailable');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('the API answers 503 with Retry-After 5', async () => {
    const response = await request(testApp(db)).get('/api/health');
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
  });
});

describe('the cold-write gate', () => {
  let db: Database;
  beforeEach(() => {
    // A new driver is cold: nothing is known about the plans of the Neo4j it talks to.
    db = testDatabase({ QUERY_TIMEOUT_MS: '20000' });
  });
  afterEach(async () => {
    await db.close();
  });

  /** Runs a write whose transaction function records when it started and ended. */
  const timedWrite = async (log: Array<{ at: number; what: string }>, name: string) =>
    writeTransaction(db, async (tx) => {
      log.push({ at: performance.now(), what: `${name} start` });
      await tx.run('RETURN 1');
      await new Promise((resolve) => setTimeout(resolve, 300));
      log.push({ at: performance.now(), what: `${name} end` });
    });

  test('while cold, the first write runs alone; once it committed, writes run side by side', async () => {
    expect(isCold(db)).toBe(true);
    const cold: Array<{ at: number; what: string }> = [];
    await Promise.all([timedWrite(cold, 'a'), timedWrite(cold, 'b'), timedWrite(cold, 'c')]);
    expect(cold.map((entry) => entry.what).slice(0, 2)).toEqual(['a start', 'a end']);
    expect(isCold(db)).toBe(false);

    const warm: Array<{ at: number; what: string }> = [];
    await Promise.all([timedWrite(warm, 'a'), timedWrite(warm, 'b')]);
    // Side by side: both start before either ends, in whichever order the pool hands out connections.
    expect(
      warm
        .map((entry) => entry.what)
        .slice(0, 2)
        .sort(),
    ).toEqual(['a start', 'b start']);
  });

  test('a failed first write leaves the database cold and does not block the next', async () => {
    const failure = await writeTransaction(db, (tx) => tx.run('THIS IS NOT CYPHER')).catch((caught: unknown) => caught);
    expect(classifyDatabaseError(failure)).toBe('other');
    expect(isCold(db)).toBe(true);
    await writeTransaction(db, (tx) => tx.run('RETURN 1'));
    expect(isCold(db)).toBe(false);
  });
});
