// The bulk first load (Neo4j's offline importer) against the online batch loader: the same graph, the same API answers, and its refusals.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { loadConfig } from '../../server/config';
import { loadInBatches, type BatchDatasetHeader } from '../../server/db/batchLoad';
import { BulkImportError, bulkLoad, localBulkHome, type BulkLoadSummary } from '../../server/db/bulkImport';
import { freePort, startLocalNeo4j, writeInstanceRecord } from '../../server/db/localNeo4j';
import { connectDatabase, readTransaction, type Database } from '../../server/db/neo4j';
import { ensureSchema } from '../../server/db/schema';
import { syntheticChunks, syntheticPlan } from '../../seed/synthetic';
import { testApp } from '../support/api';
import { signature, testDatabase, wipe } from '../support/db';

/** A Neo4j of this file's own on `home`; closing the handle stops it. */
async function openOwn(home: string): Promise<Database & { port: number }> {
  const local = await startLocalNeo4j({ home, port: await freePort(), heap: '512m', pageCache: '128m' });
  // These tests compare what was written, not latency: a cold server on a busy machine may plan a query, or accept
  // a connection, for seconds.
  const config = loadConfig({ ...process.env, NEO4J_URI: local.uri, QUERY_TIMEOUT_MS: '60000', CONNECT_TIMEOUT_MS: '30000' });
  const connected = connectDatabase(local.uri, config, true);
  return {
    ...connected,
    local,
    port: local.port,
    async close() {
      await connected.close();
      await local.stop();
    },
  };
}

/**
 * An answer with the lists whose order the read side leaves to the store put in id order. Neo4j walks a node's
 * relationships in the store's order, which the importer lays out differently from one CREATE after another: a
 * claim's `sources` (`[(c)-[:REPORTED_IN]->(src) | …]` in server/graph/repository.ts, not ordered by `r.position`)
 * always, and with `everyList` the nodes, edges and hits of a neighbourhood or a search too. The graphs themselves are
 * equal (the signature test above), so only those orders are set aside here.
 */
function storeOrderSetAside(answer: unknown, everyList = false): unknown {
  const idOf = (entry: unknown) =>
    typeof entry === 'object' && entry !== null
      ? JSON.stringify((entry as { key?: unknown; id?: unknown }).key ?? (entry as { id?: unknown }).id)
      : '';
  const byId = (list: unknown[]) => [...list].sort((a, b) => idOf(a).localeCompare(idOf(b)));
  if (Array.isArray(answer)) {
    const inner = answer.map((entry) => storeOrderSetAside(entry, everyList));
    return everyList ? byId(inner) : inner;
  }
  if (typeof answer !== 'object' || answer === null) return answer;
  return Object.fromEntries(
    Object.entries(answer).map(([key, value]) => {
      const inner = storeOrderSetAside(value, everyList);
      return [key, key === 'sources' && Array.isArray(inner) ? byId(inner) : inner];
    }),
  );
}

const CLAIMS = 2000;
const plan = syntheticPlan({ claims: CLAIMS, seed: 8, chunkSize: 1000 });
const header: BatchDatasetHeader = {
  id: plan.datasetId,
  title: plan.title,
  version: plan.fingerprint,
  fingerprint: plan.fingerprint,
  chunkCount: plan.chunkCount,
};

const root = mkdtempSync(path.join(os.tmpdir(), 'claim-graph-bulk-test-'));
const bulkHome = path.join(root, 'bulk');
/**
 * The online side is the worker's own Neo4j, already started and warm (tests/support/globalSetup.ts): wiped and
 * loaded here, and reseeded by whichever file uses it next. Only the bulk side needs an instance of this file's own.
 */
let online: Database | undefined;
let bulk: (Database & { port: number }) | undefined;
let summary: BulkLoadSummary;

beforeAll(async () => {
  mkdirSync(bulkHome, { recursive: true });
  online = testDatabase({ QUERY_TIMEOUT_MS: '60000' });
  await wipe(online);
  await ensureSchema(online);
  await loadInBatches(online, header, (first) => syntheticChunks(plan, first), { resume: false });
  const loaded = await bulkLoad({
    home: bulkHome,
    header,
    chunks: () => syntheticChunks(plan),
    open: async () => (bulk = await openOwn(bulkHome)),
    heap: '512m',
    offHeap: '256m',
  });
  summary = loaded.summary;
}, 900_000);

afterAll(async () => {
  await online?.close();
  await bulk?.close();
  rmSync(root, { recursive: true, force: true });
}, 120_000);

describe('a first load through the bulk importer', () => {
  test('writes every record and every relationship of the dataset', () => {
    // 2,000 claims: actors max(20, round(2000 / 50)) = 40, incidents max(5, round(2000 / 100)) = 20,
    // sources max(5, round(2000 / 20)) = 100, so 2,000 + 40 + 20 + 100 = 2,160 record nodes and no documents.
    expect(summary.nodes).toBe(2160);
    expect(plan.chunkCount).toBe(3); // ceil(2,160 records / 1,000 per chunk)
    expect(summary.relationships).toBeGreaterThan(CLAIMS); // every claim has at least its MADE and its ABOUT
  });

  test('makes the same graph as the online loader: nodes, labels, properties and their types, relationships, tallies', async () => {
    const [fromOnline, fromBulk] = await Promise.all([signature(online!), signature(bulk!)]);
    expect(fromBulk).toEqual(fromOnline);
  });

  test('types and empty lists match: a claim with no evidence has [] offsets on REPORTED_IN, stored as floats elsewhere', async () => {
    const query = `MATCH ()-[r:REPORTED_IN]->() RETURN count(r) AS all,
        count(CASE WHEN r.evidenceStarts = [] AND r.evidenceEnds = [] THEN 1 END) AS emptyOffsets,
        count(CASE WHEN valueType(r.position) = 'FLOAT NOT NULL' THEN 1 END) AS floatPositions`;
    const read = (db: Database) => readTransaction(db, (tx) => tx.run(query), 60_000).then((r) => r.records[0]!.toObject());
    const [fromOnline, fromBulk] = [await read(online!), await read(bulk!)];
    expect(fromBulk).toEqual(fromOnline);
    // Synthetic claims carry no evidence spans, so every REPORTED_IN has empty offset lists and a float position.
    expect(Number(fromBulk.emptyOffsets)).toBe(Number(fromBulk.all));
    expect(Number(fromBulk.floatPositions)).toBe(Number(fromBulk.all));
  });

  test('the Dataset node carries the same batch-progress markers, written complete', async () => {
    const query = `MATCH (d:Dataset {id: $id}) RETURN properties(d) AS props`;
    const read = async (db: Database) => {
      const result = await readTransaction(db, (tx) => tx.run(query, { id: plan.datasetId }), 60_000);
      const { loadStartedAt, loadedAt, ...rest } = result.records[0]!.get('props') as Record<string, unknown>;
      expect(loadStartedAt).toBeDefined();
      expect(loadedAt).toBeDefined();
      return rest;
    };
    const fromBulk = await read(bulk!);
    expect(fromBulk).toEqual(await read(online!));
    expect(fromBulk.complete).toBe(true);
    expect(Number(fromBulk.chunksDone)).toBe(3);
    expect(Number(fromBulk.claims)).toBe(CLAIMS);
  });

  test('the API answers alike: attribution of the busiest incident, a neighbourhood, a search', async () => {
    const busiest = await readTransaction(
      online!,
      (tx) => tx.run(`MATCH (i:Incident) RETURN i.id AS id ORDER BY COUNT { (i)<-[:ABOUT]-(:Claim) } DESC, i.id LIMIT 1`),
      60_000,
    );
    const incident = busiest.records[0]!.get('id') as string;
    // The generator's busiest claimant is actor 0 (Zipf rank 1); its name's first word is a search term.
    const claimant = `${plan.prefix}a0`;
    const name = await readTransaction(
      online!,
      (tx) => tx.run('MATCH (a:Actor {id: $id}) RETURN a.name AS name', { id: claimant }),
      60_000,
    );
    const term = (name.records[0]!.get('name') as string).replace(/^@/, '').split(' ')[0]!;
    // The neighbourhood is a claim's, at depth 1, well under the cap: which nodes a capped one keeps depends on the walk.
    const urls: Array<[string, boolean]> = [
      [`/api/incidents/${incident}/attribution`, false],
      [`/api/graph/neighborhood/${plan.prefix}c5?depth=1`, true],
      [`/api/search?q=${encodeURIComponent(term)}`, true],
      ['/api/stats', false],
    ];
    const onlineApp = testApp(online!);
    const bulkApp = testApp(bulk!);
    for (const [url, everyList] of urls) {
      const [fromOnline, fromBulk] = [await request(onlineApp).get(url), await request(bulkApp).get(url)];
      expect([url, fromOnline.status]).toEqual([url, 200]);
      expect([url, fromBulk.status]).toEqual([url, 200]);
      expect([url, storeOrderSetAside(fromBulk.body, everyList)]).toEqual([url, storeOrderSetAside(fromOnline.body, everyList)]);
    }
  }, 120_000);
});

describe('the bulk path refuses what it cannot load', () => {
  test('a remote NEO4J_URI, whose store files it cannot write', async () => {
    await expect(localBulkHome({ NEO4J_URI: 'bolt://graph.example:7687', NEO4J_LOCAL_DIR: root })).rejects.toThrow(
      /cannot load the server NEO4J_URI names \(bolt:\/\/graph\.example:7687\)/,
    );
  });

  test('a local instance that is running', async () => {
    const localDir = path.join(root, 'advertised');
    // The bulk-loaded instance is up, so an instance record naming its port and a live pid (this process) reads as running.
    writeInstanceRecord(localDir, { uri: `bolt://127.0.0.1:${bulk!.port}`, port: bulk!.port, pid: process.pid });
    await expect(localBulkHome({ NEO4J_URI: undefined, NEO4J_LOCAL_DIR: localDir })).rejects.toThrow(
      /one is running at bolt:\/\/127\.0\.0\.1/,
    );
    // With no instance running, the home is the one the launcher uses.
    await expect(localBulkHome({ NEO4J_URI: undefined, NEO4J_LOCAL_DIR: path.join(root, 'idle') })).resolves.toBe(
      path.join(root, 'idle', 'data'),
    );
  });

  test('a database that holds data, leaving it as it was', async () => {
    // The store the importer just wrote holds the dataset; a second bulk load into it must refuse and change nothing.
    const running = bulk!;
    const before = await signature(running);
    // bulkLoad opens the store to look inside and closes it again before anything else; handed the running instance
    // with a close that leaves it up, the check costs no JVM start. The restart below reads the store from disk.
    const attempt = bulkLoad({
      home: bulkHome,
      header,
      chunks: () => syntheticChunks(plan),
      open: async () => ({ ...running, close: async () => {} }),
    });
    await expect(attempt).rejects.toBeInstanceOf(BulkImportError);
    // The signature counts every node but the Dataset node, so the database holds one more than it.
    await expect(attempt).rejects.toThrow(new RegExp(`holds ${before.nodes + 1} nodes`));
    await running.close();
    bulk = undefined;
    bulk = await openOwn(bulkHome);
    expect(await signature(bulk)).toEqual(before);
  }, 300_000);
});
