// `npm run db`: starts the local Neo4j in the foreground and stops it cleanly on Ctrl-C or exit.
import { loadConfig } from '../config';
import { openDatabase } from '../db/neo4j';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.NEO4J_URI !== undefined) {
    console.log(`NEO4J_URI is set (${config.NEO4J_URI}); nothing to start.`);
    return;
  }
  const db = await openDatabase(config, (line) => console.log(line));
  if (db.local === undefined) {
    console.log(`a local Neo4j is already running at ${db.uri}`);
    await db.close();
    return;
  }
  console.log(`Neo4j is up at ${db.uri} (data in ${db.local.home}). Press Ctrl-C to stop.`);
  const shutdown = async (signal: string) => {
    console.log(`${signal}: stopping Neo4j…`);
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  const code = await db.local.exited;
  console.error(`Neo4j exited unexpectedly (exit ${code})`);
  process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
