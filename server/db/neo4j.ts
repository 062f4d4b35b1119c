// Connects to Neo4j (NEO4J_URI, or the local launcher started or reused on demand) and runs every query in a timed transaction function.
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import path from 'node:path';
import type { Config } from '../config';
import { isConnectionLost, outsideWorkFailure } from './errors';
import {
  freePort,
  portAnswers,
  readInstanceRecord,
  removeInstanceRecord,
  startLocalNeo4j,
  writeInstanceRecord,
  type LocalNeo4j,
} from './localNeo4j';

export interface Database {
  driver: Driver;
  /** Undefined means the server's default database. */
  database: string | undefined;
  uri: string;
  queryTimeoutMs: number;
  /** Set when this process started the local Neo4j and so owns its lifetime. */
  local: LocalNeo4j | undefined;
  close(): Promise<void>;
}

export function createDriver(
  uri: string,
  config: Pick<Config, 'NEO4J_USER' | 'NEO4J_PASSWORD' | 'CONNECT_TIMEOUT_MS'>,
  local: boolean,
): Driver {
  // The local launcher runs with authentication off and accepts any credentials.
  const auth = local ? neo4j.auth.basic('neo4j', 'local') : neo4j.auth.basic(config.NEO4J_USER, config.NEO4J_PASSWORD);
  return neo4j.driver(uri, auth, {
    // Low timeouts make a dead database a quick 503 instead of a hung request.
    connectionTimeout: config.CONNECT_TIMEOUT_MS,
    connectionAcquisitionTimeout: config.CONNECT_TIMEOUT_MS,
    // Exactly one retry (after about a second) rides out a leader switch, yet a dead server still answers 503 within ~1.5 s.
    maxTransactionRetryTime: Math.min(500, config.CONNECT_TIMEOUT_MS),
    maxConnectionPoolSize: 64,
    disableLosslessIntegers: false,
    userAgent: 'claim-graph/0.1',
  });
}

export type ConnectionSettings = Pick<Config, 'NEO4J_USER' | 'NEO4J_PASSWORD' | 'CONNECT_TIMEOUT_MS' | 'QUERY_TIMEOUT_MS'> &
  Partial<Pick<Config, 'NEO4J_DATABASE'>>;

/** A Database over a server this process does not own: closing it closes the driver and nothing else. */
export function connectDatabase(uri: string, settings: ConnectionSettings, local: boolean): Database {
  const driver = createDriver(uri, settings, local);
  return {
    driver,
    database: settings.NEO4J_DATABASE,
    uri,
    queryTimeoutMs: settings.QUERY_TIMEOUT_MS,
    local: undefined,
    close: () => driver.close(),
  };
}

/**
 * Opens the database the configuration names. Without NEO4J_URI it reuses a local instance that
 * another command advertised, or starts one and owns it until `close()`.
 */
export async function openDatabase(config: Config, log: (line: string) => void = () => {}): Promise<Database> {
  const finish = (uri: string, local: LocalNeo4j | undefined): Database => {
    const connected = connectDatabase(uri, config, config.NEO4J_URI === undefined);
    return {
      ...connected,
      local,
      async close() {
        await connected.close();
        if (local !== undefined) {
          await local.stop();
          removeInstanceRecord(config.NEO4J_LOCAL_DIR, process.pid);
        }
      },
    };
  };
  if (config.NEO4J_URI !== undefined) return finish(config.NEO4J_URI, undefined);

  const running = readInstanceRecord(config.NEO4J_LOCAL_DIR);
  if (running !== undefined && (await portAnswers(running.port))) {
    log(`reusing the local Neo4j at ${running.uri} (pid ${running.pid})`);
    return finish(running.uri, undefined);
  }
  const port = (await portAnswers(config.NEO4J_LOCAL_PORT)) ? await freePort() : config.NEO4J_LOCAL_PORT;
  log(`starting the local Neo4j on 127.0.0.1:${port} with data in ${path.join(config.NEO4J_LOCAL_DIR, 'data')}`);
  const local = await startLocalNeo4j({
    home: path.join(config.NEO4J_LOCAL_DIR, 'data'),
    port,
    heap: config.NEO4J_HEAP,
    pageCache: config.NEO4J_PAGECACHE,
    javaHome: config.NEO4J_JAVA_HOME,
    log,
  });
  writeInstanceRecord(config.NEO4J_LOCAL_DIR, { uri: local.uri, port: local.port, pid: process.pid });
  return finish(local.uri, local);
}

/**
 * A Neo4j that has just started (or came back after an outage) plans and JIT-compiles every statement from
 * scratch. Measured on a 2-core machine right after a restart: one import alone took 4.2 s and the next 0.5 s,
 * but eight imports started together took 9-11.5 s each, all finishing together. So while the database is cold,
 * the first write transaction runs alone and the others wait for it (at most this long, or their own timeout).
 */
export const COLD_WRITE_WAIT_MS = 10_000;

interface Warmth {
  /** True until a write transaction commits after the driver was created or lost its connection. */
  cold: boolean;
  /** The write transaction warming the database, which other writes wait for. */
  first: Promise<void> | undefined;
}

// Kept per driver so that the Database objects callers assemble themselves need no extra field.
const warmth = new WeakMap<Driver, Warmth>();

function warmthOf(driver: Driver): Warmth {
  let state = warmth.get(driver);
  if (state === undefined) {
    state = { cold: true, first: undefined };
    warmth.set(driver, state);
  }
  return state;
}

/** Whether write transactions on this driver still wait for a first one to warm the database. */
export function isCold(db: Database): boolean {
  return warmthOf(db.driver).cold;
}

async function runTransaction<T>(
  db: Database,
  mode: 'READ' | 'WRITE',
  work: (tx: ManagedTransaction) => Promise<T>,
  timeoutMs: number,
): Promise<T> {
  // Errors thrown by the work itself; any other code-less driver error came from acquiring a connection.
  const thrownByWork = new WeakSet<object>();
  const tracked = async (tx: ManagedTransaction): Promise<T> => {
    try {
      return await work(tx);
    } catch (error) {
      if (typeof error === 'object' && error !== null) thrownByWork.add(error);
      throw error;
    }
  };
  const session = db.driver.session({
    database: db.database,
    defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
  });
  try {
    return mode === 'READ'
      ? await session.executeRead(tracked, { timeout: timeoutMs })
      : await session.executeWrite(tracked, { timeout: timeoutMs });
  } catch (error) {
    const failure = outsideWorkFailure(error, thrownByWork);
    if (isConnectionLost(failure)) warmthOf(db.driver).cold = true;
    throw failure;
  } finally {
    await session.close();
  }
}

/** Runs read work in a managed read transaction with the configured timeout; the session is always closed. */
export function readTransaction<T>(db: Database, work: (tx: ManagedTransaction) => Promise<T>, timeoutMs = db.queryTimeoutMs): Promise<T> {
  return runTransaction(db, 'READ', work, timeoutMs);
}

/** Runs write work in a managed write transaction with the given timeout; the session is always closed. */
export async function writeTransaction<T>(
  db: Database,
  work: (tx: ManagedTransaction) => Promise<T>,
  timeoutMs = db.queryTimeoutMs,
): Promise<T> {
  const state = warmthOf(db.driver);
  if (state.cold && state.first !== undefined) {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.min(COLD_WRITE_WAIT_MS, timeoutMs))));
    await Promise.race([state.first, waited]);
    clearTimeout(timer);
  }
  const result = runTransaction(db, 'WRITE', work, timeoutMs);
  if (state.cold && state.first === undefined) {
    // A failed first write leaves the database cold, and the next write takes its place.
    const first: Promise<void> = result
      .then(
        () => void (state.cold = false),
        () => undefined,
      )
      .finally(() => {
        if (state.first === first) state.first = undefined;
      });
    state.first = first;
  }
  return result;
}
