// The database signature the reliability tests compare: node and relationship counts plus a hash of every sorted id.
import { createHash } from 'node:crypto';
import { readTransaction, type Database } from '../../../server/db/neo4j';

export interface IdSignature {
  nodes: number;
  relationships: number;
  /** sha256 over the sorted ids of every node (datasets included) and every relationship as from-type-to. */
  hash: string;
}

export async function idSignature(db: Database): Promise<IdSignature> {
  return readTransaction(
    db,
    async (tx) => {
      const hash = createHash('sha256');
      // Dataset nodes are hashed under their own prefix so a dataset record cannot collide with a record id.
      const nodes = await tx.run(
        "MATCH (n) RETURN CASE WHEN n:Dataset THEN 'dataset:' + n.id ELSE coalesce(n.id, '<no id>') END AS id ORDER BY id",
      );
      for (const record of nodes.records) hash.update(`${record.get('id') as string}\n`);
      const rels = await tx.run(
        "MATCH (a)-[r]->(b) RETURN coalesce(a.id, '?') + ' ' + type(r) + ' ' + coalesce(b.id, '?') AS id ORDER BY id",
      );
      hash.update('--\n');
      for (const record of rels.records) hash.update(`${record.get('id') as string}\n`);
      return { nodes: nodes.records.length, relationships: rels.records.length, hash: hash.digest('hex') };
    },
    120_000,
  );
}

/** Ids held by more than one record node (the unique constraint should make this always empty). */
export async function duplicateIds(db: Database): Promise<string[]> {
  return readTransaction(
    db,
    async (tx) => {
      const result = await tx.run(
        `MATCH (n:Record) WITH n.id AS id, count(*) AS copies WHERE copies > 1 RETURN id
         UNION ALL
         MATCH (d:Dataset) WITH d.id AS id, count(*) AS copies WHERE copies > 1 RETURN 'dataset:' + id AS id`,
      );
      return result.records.map((record) => record.get('id') as string);
    },
    120_000,
  );
}

/**
 * The signature once nothing else is running: Neo4j reads are read-committed, so a signature taken
 * while a killed client's COMMIT is still being applied could count nodes before it and relationships
 * after it. Waits until no other transaction is open, then reads until two signatures agree.
 */
export async function settledSignature(db: Database, timeoutMs = 60_000): Promise<IdSignature> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const session = db.driver.session({ database: db.database });
    let others: number;
    try {
      const result = await session.run(
        "SHOW TRANSACTIONS YIELD currentQuery WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' RETURN count(*) AS n",
      );
      others = Number(result.records[0]?.get('n') ?? 0);
    } finally {
      await session.close();
    }
    if (others === 0) break;
    if (Date.now() > deadline) throw new Error(`${others} transaction(s) still open after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  let previous = await idSignature(db);
  for (let i = 0; i < 10; i++) {
    const next = await idSignature(db);
    if (next.hash === previous.hash && next.nodes === previous.nodes && next.relationships === previous.relationships) return next;
    previous = next;
  }
  throw new Error('the signature kept changing with nothing else running');
}
