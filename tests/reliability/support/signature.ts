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
