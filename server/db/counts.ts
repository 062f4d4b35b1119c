// Counts per node label and per relationship type, read from Neo4j's count store.
import { NODE_LABELS, RELATIONSHIP_TYPES } from '../model/vocabulary';
import { readTransaction, type Database } from './neo4j';
import { fromInteger } from './records';

// Counting by a fixed label or type reads Neo4j's count store instead of scanning the graph; one
// UNION ALL query is planned once rather than seventeen times.
const COUNT_QUERY = [
  ...[...NODE_LABELS, 'Dataset'].map((label) => `MATCH (n:${label}) RETURN 'nodes' AS kind, '${label}' AS name, count(n) AS count`),
  ...RELATIONSHIP_TYPES.map((type) => `MATCH ()-[r:${type}]->() RETURN 'relationships' AS kind, '${type}' AS name, count(r) AS count`),
].join('\nUNION ALL\n');

/** Counts per node label and per relationship type across the whole database. */
export async function graphCounts(
  db: Database,
  timeoutMs?: number,
): Promise<{ nodes: Record<string, number>; relationships: Record<string, number> }> {
  return readTransaction(
    db,
    async (tx) => {
      const counts = { nodes: {} as Record<string, number>, relationships: {} as Record<string, number> };
      for (const record of (await tx.run(COUNT_QUERY)).records) {
        counts[record.get('kind') as 'nodes' | 'relationships'][record.get('name') as string] = Number(fromInteger(record.get('count')));
      }
      return counts;
    },
    timeoutMs,
  );
}
