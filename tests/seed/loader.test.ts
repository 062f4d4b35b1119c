// The seed loader against the real Neo4j: counts, idempotency, reload semantics and all-or-nothing atomicity.
import { ensureSchema } from '../../server/db/schema';
import { graphCounts } from '../../server/db/counts';
import { loadDataset } from '../../server/db/load';
import { readTransaction, type Database } from '../../server/db/neo4j';
import { FIXTURE_DOCUMENTS, FIXTURE_FILE, readDataset, signature, testDatabase, wipe } from '../support/db';
import type { Dataset } from '../../server/model/dataset';

let db: Database;
let fixture: Dataset;

beforeAll(async () => {
  db = testDatabase();
  fixture = await readDataset(FIXTURE_FILE, FIXTURE_DOCUMENTS);
});
afterAll(async () => {
  await db.close();
});
beforeEach(async () => {
  await wipe(db);
  await ensureSchema(db);
});

describe('loadDataset', () => {
  test('creates every node and relationship the dataset describes', async () => {
    const summary = await loadDataset(db, fixture);
    // 1 source + 5 actors + 1 incident + 4 claims, and the source's embedded text as one Document node.
    expect(summary.nodesCreated).toBe(1 + 5 + 1 + 4 + 1);
    const counts = await graphCounts(db);
    expect(counts.nodes).toMatchObject({ Actor: 5, Incident: 1, Claim: 4, Source: 1, Dataset: 1 });
    expect(counts.relationships).toMatchObject({
      MADE: 4,
      ABOUT: 4,
      ACCUSES: 4,
      REPORTED_IN: 4,
      SUPPORTS: 1,
      DISPUTES: 1,
      RESPONDS_TO: 2,
      AFFILIATED_WITH: 1,
      TARGETS: 1,
    });
    const stances = await readTransaction(db, (tx) =>
      tx.run(
        'MATCH (c:Claim)-[a:ACCUSES]->(:Actor {id: "delta-group"}) RETURN c.id AS id, c.stance AS stance, a.stance AS edge ORDER BY id',
      ),
    );
    expect(stances.records.map((r) => [r.get('id'), r.get('stance'), r.get('edge')])).toEqual([
      ['beacon-plausible', 'asserts', 'asserts'],
      ['council-declines', 'neither', 'neither'],
      ['delta-denies', 'denies', 'denies'],
      ['hpa-blames-delta', 'asserts', 'asserts'],
    ]);
  });

  test('is idempotent: a second load leaves the same counts and property values', async () => {
    await loadDataset(db, fixture);
    const first = await signature(db);
    const again = await loadDataset(db, fixture);
    expect(again.nodesCreated).toBe(0);
    expect(await signature(db)).toEqual(first);
  });

  test('a reload mirrors the file: a removed link and a removed optional field disappear', async () => {
    await loadDataset(db, fixture);
    const edited = structuredClone(fixture);
    const beacon = edited.claims.find((claim) => claim.id === 'beacon-plausible')!;
    beacon.supports = [];
    delete beacon.hedge;
    await loadDataset(db, edited);
    const result = await readTransaction(db, (tx) =>
      tx.run('MATCH (c:Claim {id: "beacon-plausible"}) RETURN c.hedge AS hedge, COUNT { (c)-[:SUPPORTS]->() } AS supports'),
    );
    expect(result.records[0]?.get('hedge')).toBeNull();
    expect(Number(result.records[0]?.get('supports'))).toBe(0);
  });

  test('is atomic: a dataset that fails on its last record leaves the database exactly as it was', async () => {
    await loadDataset(db, fixture);
    const before = await signature(db);
    const broken = structuredClone(fixture);
    broken.dataset.id = 'broken-dataset';
    broken.actors.push({ id: 'newcomer', name: 'Newcomer', kind: 'person', aliases: [], affiliations: [] });
    // The last claim reuses a Source's id under a different label: the database refuses it at the very end.
    broken.claims.push({ ...broken.claims[0]!, id: 'harbor-daily' });
    await expect(loadDataset(db, broken)).rejects.toThrow('"harbor-daily" (loading as Claim, stored as Source)');
    expect(await signature(db)).toEqual(before);
  });
});
