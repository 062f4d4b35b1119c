// Kept attribution tallies are derived data: after batch loads, a crashed and resumed load, dataset loads, reloads that
// move and drop accusations, a STIX import and a seeded random series of all three, the kept rows and each incident's
// kept total must equal a recount from the claims, and attribution must answer the same from either.
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
import { hashSeed, mulberry32, pick, randomInt } from '../../seed/random';
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

type Total = { incident: string; accusations: number; isIncident: boolean };

/** Every mark's kept total, and whether the id it marks is an incident's. */
async function keptTotals(db: Database): Promise<Total[]> {
  const result = await readTransaction(db, (tx) =>
    tx.run(
      `MATCH (m:${CURRENT}) RETURN m.incident AS incident, m.accusations AS accusations,
         EXISTS { MATCH (:Record:Incident {id: m.incident}) } AS isIncident ORDER BY incident`,
    ),
  );
  return result.records.map((record) => ({
    incident: record.get('incident') as string,
    // A missing total reads as NaN, so it can never equal a recount.
    accusations: record.get('accusations') === null ? NaN : Number(record.get('accusations')),
    isIncident: record.get('isIncident') as boolean,
  }));
}

/** Every incident's accusations counted from its claims' ACCUSES links, without the tally expression. */
async function recountedTotals(db: Database): Promise<Total[]> {
  const result = await readTransaction(db, (tx) =>
    tx.run(
      `MATCH (i:Record:Incident)
       RETURN i.id AS incident, COUNT { MATCH (:Record:Claim)-[:ACCUSES {incident: i.id}]->(:Record) } AS accusations ORDER BY incident`,
    ),
  );
  return result.records.map((record) => ({
    incident: record.get('incident') as string,
    accusations: Number(record.get('accusations')),
    isIncident: true,
  }));
}

const keptTotalOf = async (db: Database, incident: string) =>
  (await keptTotals(db)).find((total) => total.incident === incident)?.accusations;

async function expectKeptEqualsRecount(db: Database): Promise<void> {
  expect(await staleIncidents(db)).toEqual([]);
  const [kept, recounted] = [await keptRows(db), await recountedRows(db)];
  expect(kept.length).toBeGreaterThan(0);
  expect(kept).toEqual(recounted);
  // One mark per incident and none for anything else, each holding the incident's accusations counted afresh.
  expect(await keptTotals(db)).toEqual(await recountedTotals(db));
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
    // As shipped (worked in tests/api/overview.test.ts): sony-hack 11 accusations, nk-internet-outage 17.
    expect(await keptTotalOf(store.db, 'sony-hack')).toBe(11);
    expect(await keptTotalOf(store.db, 'nk-internet-outage')).toBe(17);
    const before = await service.attribution(store.db, 'sony-hack');

    // fbi-attributes-sony-hack now accuses North Korea of the outage instead of the hack, and the paste's denial is gone.
    const moved = structuredClone(sony);
    const fbi = moved.claims.find((claim) => claim.id === 'fbi-attributes-sony-hack')!;
    fbi.accusations = fbi.accusations.map((accusation) => ({ ...accusation, incident: 'nk-internet-outage' }));
    const paste = moved.claims.find((claim) => claim.id === 'paste-hacks-not-from-dprk')!;
    paste.accusations = [];
    await loadDataset(store.db, moved);
    await expectKeptEqualsRecount(store.db);
    // Each of the two claims accused dprk of sony-hack once: 11 - 2 = 9; the FBI's moves to the outage: 17 + 1 = 18.
    expect(await keptTotalOf(store.db, 'sony-hack')).toBe(9);
    expect(await keptTotalOf(store.db, 'nk-internet-outage')).toBe(18);

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

  test('a seeded random series of reloads, batch loads and STIX imports keeps rows and totals equal to a recount at every step', async () => {
    const random = mulberry32(hashSeed(15, 16));
    const app = testApp(store.db, { WRITE_TOKEN: 'tally-token', BODY_LIMIT: '20mb', QUERY_TIMEOUT_MS: '60000' });
    const incidents = sony.incidents.map((incident) => incident.id);
    const targets = [
      ...sony.actors.map((actor) => ({ accused: actor.id })),
      ...sony.explanations.map((explanation) => ({ explanation: explanation.id })),
    ];
    // Each kind at least twice, in an order the seed shuffles.
    const kinds = ['reload', 'reload', 'reload', 'batch', 'batch', 'stix', 'stix'];
    for (let i = kinds.length - 1; i > 0; i -= 1) {
      const j = randomInt(random, i + 1);
      [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
    }
    for (const kind of kinds) {
      if (kind === 'reload') {
        // Six claims with accusations each lose one, move one to another incident, or gain one; every reload starts
        // from the file as shipped, so it also undoes the previous reload's edits.
        const edited = structuredClone(sony);
        const accusing = edited.claims.filter((claim) => claim.accusations.length > 0);
        for (let edit = 0; edit < 6; edit += 1) {
          const claim = pick(random, accusing);
          const at = randomInt(random, claim.accusations.length);
          const action = pick(random, ['drop', 'move', 'add'] as const);
          if (action === 'drop') claim.accusations.splice(at, 1);
          else if (action === 'move' && claim.accusations[at] !== undefined)
            claim.accusations[at] = { ...claim.accusations[at], incident: pick(random, incidents) };
          else claim.accusations.push({ incident: pick(random, incidents), ...pick(random, targets) });
        }
        await loadDataset(store.db, edited);
      } else if (kind === 'batch') {
        // One of two small synthetic datasets: the second time a seed comes up, the batch loader reloads it.
        const plan = syntheticPlan({ claims: 200, seed: 40 + randomInt(random, 2), chunkSize: 100 });
        await loadInBatches(
          store.db,
          { id: plan.datasetId, title: plan.title, fingerprint: plan.fingerprint, chunkCount: plan.chunkCount },
          (first) => syntheticChunks(plan, first),
          { resume: false },
        );
      } else {
        const exported = await request(app).get(`/api/export?format=stix&view=attribution&id=${pick(random, incidents)}`);
        expect(exported.status).toBe(200);
        const bundle = JSON.parse(
          typeof exported.text === 'string' && exported.text !== '' ? exported.text : JSON.stringify(exported.body),
        );
        const imported = await request(app).post('/api/stix').set('Authorization', 'Bearer tally-token').send(bundle);
        expect(imported.status).toBe(200);
      }
      await expectKeptEqualsRecount(store.db);
    }
  }, 240_000);

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
