// A Neo4j of the hard tests' own (temp dir, free port) that can be SIGKILLed and restarted on the same files and port.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectDatabase, type Database } from '../../../server/db/neo4j';
import { freePort, portAnswers, startLocalNeo4j, type LocalNeo4j } from '../../../server/db/localNeo4j';

export interface OwnNeo4jOptions {
  heap?: string;
  pageCache?: string;
  log?: (line: string) => void;
}

export class OwnNeo4j {
  private constructor(
    readonly home: string,
    readonly port: number,
    private readonly options: OwnNeo4jOptions,
    private instance: LocalNeo4j | undefined,
  ) {}

  /** Starts a fresh, empty instance; never the dev Neo4j on 7687, whose port freePort() cannot return while it is in use. */
  static async start(name: string, options: OwnNeo4jOptions = {}): Promise<OwnNeo4j> {
    const home = mkdtempSync(path.join(os.tmpdir(), `claim-graph-hard-${name}-`));
    const port = await freePort();
    const own = new OwnNeo4j(home, port, options, undefined);
    await own.restart();
    return own;
  }

  get uri(): string {
    return `bolt://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.instance?.pid;
  }

  get running(): boolean {
    return this.instance !== undefined;
  }

  /** Starts the JVM again over the same store; Neo4j recovers from its transaction log. */
  async restart(): Promise<void> {
    if (this.instance !== undefined) throw new Error('restart: this Neo4j is still running; kill or stop it first');
    // A killed JVM can leave the port briefly unavailable; wait until nothing answers on it.
    for (let i = 0; i < 50 && (await portAnswers(this.port)); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    this.instance = await startLocalNeo4j({
      home: this.home,
      port: this.port,
      heap: this.options.heap ?? '1g',
      pageCache: this.options.pageCache ?? '256m',
      startTimeoutMs: 180_000,
      log: this.options.log,
    });
  }

  /** SIGKILL: no shutdown hook runs, exactly as when the machine loses the process. */
  async kill(): Promise<void> {
    const instance = this.instance;
    if (instance === undefined) return;
    this.instance = undefined;
    process.kill(instance.pid, 'SIGKILL');
    await instance.exited;
  }

  async stop(): Promise<void> {
    const instance = this.instance;
    this.instance = undefined;
    await instance?.stop();
  }

  /** Stops the JVM and deletes its files. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.home, { recursive: true, force: true });
  }

  /** A Database handle for helpers (loader, signature); the launcher runs with authentication off. */
  database(queryTimeoutMs = 60_000): Database {
    return connectDatabase(
      this.uri,
      { NEO4J_USER: 'neo4j', NEO4J_PASSWORD: '', CONNECT_TIMEOUT_MS: 2000, QUERY_TIMEOUT_MS: queryTimeoutMs },
      true,
    );
  }
}
