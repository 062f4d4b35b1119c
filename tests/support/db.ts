// Test helpers for the real Neo4j the run started: open it, wipe it, seed it, and take its signature.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../../server/config';
import { connectDatabase, writeTransaction, readTransaction, type Database } from '../../server/db/neo4j';
import { ensureSchema } from '../../server/db/schema';
import { loadDataset } from '../../server/db/load';
import { documentsFromDirectory, readDatasetFile, formatProblem } from '../../server/model/validate';
import type { Dataset } from '../../server/model/dataset';

export const SEED_FILE = path.join(PROJECT_ROOT, 'seed', 'data', 'sony-dprk-2014.json');
export const FIXTURE_FILE = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'harbor.json');
export const FIXTURE_DOCUMENTS = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'documents');

/** A Database over the test server. The local test server has authentication off. */
export function testDatabase(overrides: NodeJS.ProcessEnv = {}): Database {
  const config = loadConfig({ ...process.env, ...overrides });
  const uri = config.NEO4J_URI;
  if (uri === undefined) throw new Error('NEO4J_URI: expected the test run to have set it');
  return connectDatabase(uri, config, process.env.TEST_NEO4J_LOCAL === '1');
}

export async function wipe(db: Database): Promise<void> {
  await writeTransaction(db, (tx) => tx.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS'), 60_000).catch(
    async () => {
      // CALL … IN TRANSACTIONS needs an implicit transaction; fall back to one delete.
      await writeTransaction(db, (tx) => tx.run('MATCH (n) DETACH DELETE n'), 60_000);
    },
  );
}

export async function readDataset(file: string, documentsDir = path.resolve(PROJECT_ROOT, '..', 'shared', 'seeds')): Promise<Dataset> {
  const result = await readDatasetFile(file, await documentsFromDirectory(documentsDir));
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.dataset;
}

/**
 * The set-up most test files share: before their tests, a handle on the test database, wiped and reseeded with the
 * story when `seed` is set (or only wiped when `wipe` is); after them, the handle closed. Read `db` inside tests only.
 */
/**
 * For tests that check values, not speed (the bench measures speed): a first, unplanned query on a loaded machine
 * must not turn into a 503 under the default 2 s query timeout.
 */
export const PATIENT = { QUERY_TIMEOUT_MS: '20000' };

export function useDatabase(options: { seed?: boolean; wipe?: boolean; env?: NodeJS.ProcessEnv } = {}): { db: Database; dataset: Dataset } {
  const handle = {} as { db: Database; dataset: Dataset };
  beforeAll(async () => {
    handle.db = testDatabase(options.env);
    if (options.seed) handle.dataset = await resetAndSeed(handle.db);
    else if (options.wipe) await wipe(handle.db);
  });
  afterAll(async () => {
    await handle.db?.close();
  });
  return handle;
}

/** Empties the database and loads the project's seed dataset. */
export async function resetAndSeed(db: Database): Promise<Dataset> {
  await wipe(db);
  await ensureSchema(db);
  const dataset = await readDataset(SEED_FILE);
  await loadDataset(db, dataset);
  return dataset;
}

/** Counts plus a hash of every node's id, labels and properties and every relationship: equal signatures mean equal graphs. */
export async function signature(db: Database): Promise<{ nodes: number; relationships: number; hash: string }> {
  return readTransaction(
    db,
    async (tx) => {
      const nodes = await tx.run(
        'MATCH (n) WHERE NOT n:Dataset RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id',
      );
      const rels = await tx.run(
        'MATCH (a)-[r]->(b) RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props ORDER BY from, type, to',
      );
      // Each node and relationship becomes one line, and the lines are sorted before hashing: nodes without an id
      // (kept tallies, documents) come back in store order, which a rebuild may change without changing the content.
      const lines: string[] = [];
      for (const record of nodes.records) {
        const props = record.get('props') as Record<string, unknown>;
        lines.push(
          JSON.stringify([
            record.get('id'),
            [...(record.get('labels') as string[])].sort(),
            Object.entries(props).sort(([a], [b]) => a.localeCompare(b)),
          ]),
        );
      }
      for (const record of rels.records) {
        const props = record.get('props') as Record<string, unknown>;
        lines.push(
          JSON.stringify([
            record.get('from'),
            record.get('type'),
            record.get('to'),
            Object.entries(props).sort(([a], [b]) => a.localeCompare(b)),
          ]),
        );
      }
      const hash = createHash('sha256');
      for (const line of lines.sort()) hash.update(line);
      return { nodes: nodes.records.length, relationships: rels.records.length, hash: hash.digest('hex') };
    },
    60_000,
  );
}
