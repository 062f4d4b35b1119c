// Which of the Neo4j instances the global setup started a Jest worker uses: one each, never shared.

/** The environment variable that carries the started instances' Bolt URIs, comma-separated, in worker order. */
export const WORKER_NEO4J_URIS = 'TEST_NEO4J_URIS';

/**
 * The URI of worker `workerId` (Jest numbers its workers from 1, and a run in band is worker 1). Workers never share
 * an instance, because test files wipe and reseed the database they use.
 */
export function workerNeo4jUri(uris: string, workerId: string | undefined): string {
  const list = uris.split(',').filter((uri) => uri !== '');
  const id = Number(workerId ?? '1');
  if (!Number.isInteger(id) || id < 1 || id > list.length) {
    throw new Error(`JEST_WORKER_ID: expected 1–${list.length} (one Neo4j per worker), got ${workerId}`);
  }
  return list[id - 1]!;
}
