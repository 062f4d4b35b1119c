// What the seed CLIs share: printing the graph's counts after a load, and running a main function as a process.
import { graphCounts } from '../server/db/counts';
import type { Database } from '../server/db/neo4j';

/** Prints the nodes per label and relationships per type now in the database, as two tables. */
export async function printGraphCounts(db: Database, timeoutMs: number): Promise<void> {
  const counts = await graphCounts(db, timeoutMs);
  console.log('\nNodes:');
  console.table(counts.nodes);
  console.log('Relationships:');
  console.table(counts.relationships);
}

/** Runs a CLI's main and exits with its code; a failure prints one line naming the command and the reason, never a stack. */
export function runCli(command: string, main: () => Promise<number>): void {
  main()
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      console.error(`${command} failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
