// The bench's Neo4j: one of its own in a temporary directory (or the one NEO4J_URI names), opened and stopped for a run.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/config';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../server/db/localNeo4j';
import { connectDatabase, type Database } from '../server/db/neo4j';
import type { BenchArgs, Log } from './types';

export interface BenchDatabase {
  db: Database;
  local: LocalNeo4j | undefined;
  stop(): Promise<void>;
}

export async function openBenchDatabase(args: BenchArgs, log: Log): Promise<BenchDatabase> {
  const given = process.env.NEO4J_URI;
  let local: LocalNeo4j | undefined;
  let home: string | undefined;
  let uri: string;
  if (given !== undefined && given !== '') {
    uri = given;
    log(`using NEO4J_URI=${uri}; the bench adds its synthetic datasets to it`);
  } else {
    home = mkdtempSync(path.join(os.tmpdir(), 'claim-graph-bench-neo4j-'));
    const heap = process.env.NEO4J_HEAP ?? (args.quick ? '2g' : '4g');
    const pageCache = process.env.NEO4J_PAGECACHE ?? (args.quick ? '1g' : '4g');
    log(`starting Neo4j (heap ${heap}, page cache ${pageCache}) in ${home}`);
    local = await startLocalNeo4j({ home, port: await freePort(), heap, pageCache, log });
    uri = local.uri;
  }
  const config = loadConfig({ ...process.env, NEO4J_URI: uri });
  const db: Database = { ...connectDatabase(uri, config, local !== undefined), local };
  return {
    db,
    local,
    async stop() {
      await db.close();
      if (local !== undefined) {
        // The store is a temporary directory deleted next, so the clean shutdown's checkpoint (about 12 s
        // of flushing after a quick run) would write pages nobody reads.
        process.kill(local.pid, 'SIGKILL');
        await local.exited;
      }
      if (home !== undefined) rmSync(home, { recursive: true, force: true });
    },
  };
}
