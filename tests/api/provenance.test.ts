// GET /api/claims/:id/provenance on the Sony story and on tests/fixtures/analysis-small.json: the chain back through
// `cites` and `characterizes` with the outlets in between, origins and their independent groups, and loops.
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { PROJECT_ROOT } from '../../server/config';
import { loadDataset } from '../../server/db/load';
import { provenance } from '../../server/graph/analysis/provenance';
import { provenanceSchema, type Provenance } from '../../server/model/analysis';
import { testApp } from '../support/api';
import { FIXTURE_DOCUMENTS, readDataset, useDatabase, PATIENT } from '../support/db';

const SMALL_FIXTURE = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'analysis-small.json');

const store = useDatabase({ seed: true, env: PATIENT });
let app: Express;
beforeAll(async () => {
  await loadDataset(store.db, await readDataset(SMALL_FIXTURE, FIXTURE_DOCUMENTS));
  app = testApp(store.db);
  // This file reloaded the data, so Neo4j plans the statements afresh: the first plan is paid here, with time to spare.
  await provenance({ ...store.db, queryTimeoutMs: 60_000 }, 'revenge-us-admitted');
});

const provenanceOf = async (claim: string): Promise<Provenance> => {
  const response = await request(app).get(`/api/claims/${claim}/provenance`);
  expect(response.status).toBe(200);
  return provenanceSchema.parse(response.body);
};

/** Each step as `depth from -via-> claim (claimant) [reported via]`. */
const stepsOf = (answer: Provenance) =>
  answer.chain.map(
    (step) =>
      `${step.depth} ${step.from ?? '-'} -${step.via.join('+') || 'root'}-> ${step.claim.id} (${step.claimant.id})` +
      (step.reportedVia.length > 0 ? ` via ${step.reportedVia.map((actor) => actor.id).join(',')}` : ''),
  );

describe('the Sony story', () => {
  test('article 002 ← Bloomberg ← McCaul: the revenge outlet rests on McCaul, whose words came through Bloomberg', async () => {
    const answer = await provenanceOf('revenge-us-admitted');
    // revenge-us-admitted cites and characterizes mccaul-outage-was-response (reported via Bloomberg), which cites
    // mccaul-cyber-responses (also via Bloomberg), which cites nothing: three steps, one origin.
    expect(stepsOf(answer)).toEqual([
      '0 - -root-> revenge-us-admitted (outlet-nk-outage-revenge)',
      '1 revenge-us-admitted -cites+characterizes-> mccaul-outage-was-response (michael-mccaul) via bloomberg',
      '2 mccaul-outage-was-response -cites-> mccaul-cyber-responses (michael-mccaul) via bloomberg',
    ]);
    expect(answer.claim.id).toBe('revenge-us-admitted');
    expect(answer.origins.map((origin) => [origin.claim.id, origin.claimant.id, origin.group])).toEqual([
      ['mccaul-cyber-responses', 'michael-mccaul', 'michael-mccaul'],
    ]);
    expect([answer.independentOrigins, answer.circular, answer.truncated]).toEqual([1, false, false]);
    expect(answer.loops).toEqual([]);
  });

  test('outlets repeating McCaul all come back to one origin', async () => {
    // The revenge outlet twice (revenge-us-admitted, revenge-us-almost-certain) and Bloomberg itself.
    for (const claim of ['revenge-us-admitted', 'revenge-us-almost-certain', 'bloomberg-mccaul-first-official']) {
      expect((await provenanceOf(claim)).origins.map((origin) => origin.claim.id)).toEqual(['mccaul-cyber-responses']);
    }
  });

  test('supports is agreement, not sourcing: the NSA director rests only on the NSA’s analysis', async () => {
    const answer = await provenanceOf('nsa-director-backs-fbi');
    // It supports two FBI claims and cites nsa-analysis-identifies-dprk; only the citation is followed.
    expect(stepsOf(answer)).toEqual([
      '0 - -root-> nsa-director-backs-fbi (nsa-director)',
      '1 nsa-director-backs-fbi -cites-> nsa-analysis-identifies-dprk (nsa)',
    ]);
    expect(answer.origins.map((origin) => origin.claim.id)).toEqual(['nsa-analysis-identifies-dprk']);
  });

  test('two origins from one company and its director are one independent origin', async () => {
    const answer = await provenanceOf('sa-outage-us-retaliation');
    // It cites dyn-outage-unprecedented (Dyn) and madory-possible-attack, which cites madory-routing-instability (Madory).
    // Within a depth the steps go by id.
    expect(stepsOf(answer)).toEqual([
      '0 - -root-> sa-outage-us-retaliation (siliconangle)',
      '1 sa-outage-us-retaliation -cites-> dyn-outage-unprecedented (dyn-research)',
      '1 sa-outage-us-retaliation -cites-> madory-possible-attack (doug-madory)',
      '2 madory-possible-attack -cites-> madory-routing-instability (doug-madory)',
    ]);
    // Madory is Dyn's director (confirmed), so the two origins are one voice, named "doug-madory", the smaller id.
    expect(answer.origins.map((origin) => [origin.claim.id, origin.group])).toEqual([
      ['dyn-outage-unprecedented', 'doug-madory'],
      ['madory-routing-instability', 'doug-madory'],
    ]);
    expect(answer.independentOrigins).toBe(1);
  });
});

describe('the small story (tests/fixtures/analysis-small.json)', () => {
  test('the Herald cites the Tribune, which repeats the minister', async () => {
    const answer = await provenanceOf('herald-repeats-tribune');
    expect(stepsOf(answer)).toEqual([
      '0 - -root-> herald-repeats-tribune (herald)',
      '1 herald-repeats-tribune -cites-> tribune-repeats-minister (tribune)',
      '2 tribune-repeats-minister -cites+characterizes-> minister-blames-rival (minister) via tribune',
    ]);
    expect(answer.origins.map((origin) => [origin.claim.id, origin.claim.quote])).toEqual([
      ['minister-blames-rival', 'We are confident the Rival State did it.'],
    ]);
    expect([answer.independentOrigins, answer.circular]).toEqual([1, false]);
  });

  test('the blogger and the Herald cite each other: circular, with no origin', async () => {
    const answer = await provenanceOf('blogger-gang');
    expect(stepsOf(answer)).toEqual(['0 - -root-> blogger-gang (blogger)', '1 blogger-gang -cites-> herald-gang (herald)']);
    expect(answer.circular).toBe(true);
    expect(answer.loops).toEqual([['blogger-gang', 'herald-gang', 'blogger-gang']]);
    // Every claim on the way cites another: nothing outside the loop stands behind it.
    expect([answer.origins, answer.independentOrigins]).toEqual([[], 0]);
    // From the Herald's end the same loop reads the other way round.
    expect((await provenanceOf('herald-gang')).loops).toEqual([['herald-gang', 'blogger-gang', 'herald-gang']]);
  });

  test('a claim that cites nothing is its own origin', async () => {
    const answer = await provenanceOf('agency-blames-rival');
    expect(stepsOf(answer)).toEqual(['0 - -root-> agency-blames-rival (agency)']);
    expect(answer.origins.map((origin) => [origin.claim.id, origin.group])).toEqual([['agency-blames-rival', 'agency']]);
    expect([answer.independentOrigins, answer.circular, answer.truncated]).toEqual([1, false, false]);
  });

  test('an unknown claim is 404; a query key is 400', async () => {
    expect((await request(app).get('/api/claims/no-such-claim/provenance')).status).toBe(404);
    expect((await request(app).get('/api/claims/agency-blames-rival/provenance?depth=2')).status).toBe(400);
  });
});
