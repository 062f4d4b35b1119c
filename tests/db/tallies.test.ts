// Kept attribution tallies are derived data: after batch loads, a crashed and resumed load, dataset loads, reloads that
// move and drop accusations, and a STIX import, the kept rows must equal a recount from the claims, and attribution
// must answer the same from either.
import request from 'supertest';
import { loadInBatches } from '../../server/db/batchLoad';
import { loadDataset } from '../../server/db/load';
import { readTransaction, type Database } from '../../server/db/neo4j';
import { ensureSchema } from '../../server/db/schema';
import { KEPT_FIRST_CLAIMS, tallyParameters, tallyRows } from '../../server/db/tallies';
import { toInteger } from '../../server/db/records';
import * as service from '../../server/graph/service';
import type { Dataset } from '../../server/model/dataset';
import { TALLY_LABELS } from '../../server/model/vocabulary';
import { syntheticChunks, syntheticPlan } from '../../seed/synthetic';
import { testApp } from '../support/api';
import { readDataset, SEED_FILE, useDatabase, wipe } from '../support/db';

const { tally: TALLY, current: CURRENT } = TALLY_LABELS;

type Row = { incident: string; target: string; side: string; claims: number; claimantIds: string[]; firstClaimIds: string[] };
const key = (row: Row) => `${row.incident}|${row.target}|${row.side}`;
const normalised = (rows: Row[]) =>
  rows.map((row) => ({ ...row, claimantIds: [...row.claimantIds].sort() })).sort((a, b) => key(a).localeCompare(key(b)));

async function keptRows(db: Database): Promise<Row[]> {
  const result = await readTransaction(db, (tx) =>
    tx.run(
      `MATCH (k:${TALLY}) RETURN k.incident AS incident, k.target AS target, k.side AS side, k.claims AS claims,
         k.claimantIds AS claimantIds, k.firstClaimIds AS firstClaimIds`,
    ),
  );
  return normalised(result.records.map((record) => ({ ...(record.toObject() as Row), claims: Number(record.get('claims')) })));
}

/** The tallies recounted from the claims, with the same expression the rebuild uses, for every incident. */
async function recountedRows(db: Database): Promise<Row[]> {
  const result = await readTransaction(db, (tx) =>
    tx.run(
      `MATCH (i:Record:Incident) WITH i.id AS incident
       ${tallyRows()}
       RETURN incident, t.id AS target, side, claims, claimantIds, orderedClaimIds[..$keep] AS firstClaimIds`,
      { keep: toInteger(KEPT_FIRST_CLAIMS), ...tallyParameters() },
    ),
  );
  return normalised(result.records.map((record) => ({ ...(record.toObject() as Row), claims: Number(record.get('claims')) })));
}

async function staleIncidents(db: Database): Promise<string[]> {
  const result = await readTransaction(db, (tx) =>
    tx.run(`MATCH (i:Record:Incident) WHERE NOT EXISTS { MATCH (:${CURRENT} {incident: i.id}) } RETURN i.id AS id ORDER BY id`),
  );
  return result.records.map((record) => record.get('id') as string);
}

async function expectKeptEqualsRecount(db: Database): Promise<void> {
  expect(await staleIncidents(db)).toEqual([]);
  const [kept, recounted] = [await keptRows(db), await recountedRows(db)];
  expect(kept.length).toBeGreaterThan(0);
  expect(kept).toEqual(recounted);
}

const SYNTHETIC = syntheticPlan({ claims: 1200, seed: 11, chunkSize: 300 });
const header = {
  id: SYNTHETIC.datasetId,
  title: SYNTHETIC.title,
  fingerprint: SYNTHETIC.fingerprint,
  chunkCount: SYNTHETIC.chunkCount,
};

describe('kept attribution tallies', () => {
  const store = useDatabase({ env: { QUERY_TIMEOUT_MS: '60000' } });
  let sony: Dataset;

  beforeAll(async () => {
    await wipe(store.db);
    await ensureSchema(store.db);
    sony = await readDataset(SEED_FILE);
  });

  test('a batch load that crashes after its second chunk leaves its incidents stale, and the resumed load rebuilds them', async () => {
    // 1,200 claims in chunks of 300 = 4 chunks; the crash comes after chunk index 1 commits.
    await expect(
      loadInBatches(store.db, header, (first) => syntheticChunks(SYNTHETIC, first), {
        afterChunk: (index) => {
          if (index === 1) throw new Error('crash after the second chunk');
        },
      }),
    ).rejects.toThrow('crash after the second chunk');
    // Chunks 0 and 1 committed their claims and marked what they touched; nothing rebuilt those marks yet.
    expect((await staleIncidents(store.db)).length).toBeGreaterThan(0);
    // Attribution still answers from the claims for a stale incident: its counts per target and side equal a recount.
    const [stale] = await staleIncidents(store.db);
    const live = await service.attribution(store.db, stale!, { limit: 100, claimsPerSide: 10 });
    const answered = [
      ...live.accused.map((entry) => ({ target: entry.actor.id, claims: entry.claims })),
      ...live.explanations.map((entry) => ({ target: entry.explanation.id, claims: entry.claims })),
    ].flatMap(({ target, claims }) =>
      Object.entries(claims)
        .filter(([, count]) => count > 0)
        .map(([side, count]) => `${target}|${side}|${count}`),
    );
    const recount = (await recountedRows(store.db))
      .filter((row) => row.incident === stale)
      .map((row) => `${row.target}|${row.side}|${row.claims}`);
    expect(answered.sort()).toEqual(recount.sort());

    const resumed = await loadInBatches(store.db, header, (first) => syntheticChunks(SYNTHETIC, first));
    expect(resumed.resumedFrom).toBe(2);
    await expectKeptEqualsRecount(store.db);
  });

  test('a dataset load, and a reload that moves one accusation and drops another, keep them equal', async () => {
    await loadDataset(store.db, sony);
    await expectKeptEqualsRecount(store.db);
    const before = await service.attribution(store.db, 'sony-hack');

    // fbi-attributes-sony-hack now accuses North Korea of the outage instead of the hack, and the paste's denial is gone.
    const moved = structuredClone(sony);
    const fbi = moved.claims.find((claim) => claim.id === 'fbi-attributes-sony-hack')!;
    fbi.accusations = fbi.accusations.map((accusation) => ({ ...accusation, incident: 'nk-internet-outage' }));
    const paste = moved.claims.find((claim) => claim.id === 'paste-hacks-not-from-dprk')!;
    paste.accusations = [];
    await loadDataset(store.db, moved);
    await expectKeptEqualsRecount(store.db);

    const after = await service.attribution(store.db, 'sony-hack');
    const dprk = (attribution: typeof before) => attribution.accused.find((accused) => accused.actor.id === 'dprk')!.claims;
    // One assertion (the FBI's) and one denial (the paste's) fewer; nothing else changed.
    expect(dprk(after)).toEqual({ asserts: dprk(before).asserts - 1, denies: dprk(before).denies - 1, neither: dprk(before).neither });

    // Loading the file as shipped restores the counts exactly.
    await loadDataset(store.db, sony);
    await expectKeptEqualsRecount(store.db);
    expect(dprk(await service.attribution(store.db, 'sony-hack'))).toEqual(dprk(before));
  });

  test('a STIX import of an exported view keeps them equal', async () => {
    const token = 'tally-token';
    const app = testApp(store.db, { WRITE_TOKEN: token, BODY_LIMIT: '20mb', QUERY_TIMEOUT_MS: '60000' });
    const exported = await request(app).get('/api/export?format=stix&view=attribution&id=nk-internet-outage');
    expect(exported.status).toBe(200);
    const bundle = JSON.parse(typeof exported.text === 'string' && exported.text !== '' ? exported.text : JSON.stringify(exported.body));
    const imported = await request(app).post('/api/stix').set('Authorization', `Bearer ${token}`).send(bundle);
    expect(imported.status).toBe(200);
    await expectKeptEqualsRecount(store.db);
  });

  test('the kept and the recounted answers of every incident are the same attribution', async () => {
    // With every incident current, mark them all stale: attribution then counts from the claims, and must agree.
    const incidents = (await recountedRows(store.db)).map((row) => row.incident);
    const twelve = [...new Set(incidents)].slice(0, 12);
    const kept = await Promise.all(twelve.map((id) => service.attribution(store.db, id)));
    await store.db.driver.executeQuery(`MATCH (m:${CURRENT}) DELETE m`);
    const recounted = await Promise.all(twelve.map((id) => service.attribution(store.db, id)));
    expect(recounted).toEqual(kept);
  });
});
