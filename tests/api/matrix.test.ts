// GET /api/incidents/:id/matrix on the Sony story and on tests/fixtures/analysis-small.json: rows by independent group,
// columns, cells in date order, per-target counts and contested kinds, asOf, and the CSV form; every number worked by hand.
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Express } from 'express';
import request from 'supertest';
import { PROJECT_ROOT } from '../../server/config';
import { loadDataset } from '../../server/db/load';
import { matrix } from '../../server/graph/analysis/matrix';
import { matrixSchema, type Matrix } from '../../server/model/analysis';
import type { Attribution } from '../../server/model/api';
import { testApp } from '../support/api';
import { FIXTURE_DOCUMENTS, readDataset, useDatabase, PATIENT } from '../support/db';

const SMALL_FIXTURE = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'analysis-small.json');

const store = useDatabase({ seed: true, env: PATIENT });
let app: Express;
beforeAll(async () => {
  // The Sony story is seeded; the small story's ids are all its own, so the two sit side by side.
  await loadDataset(store.db, await readDataset(SMALL_FIXTURE, FIXTURE_DOCUMENTS));
  app = testApp(store.db);
  // This file reloaded the data, so Neo4j plans the statements afresh (and once more for a string `asOf` in place of
  // null): the first plans are paid here, with time to spare.
  const patient = { ...store.db, queryTimeoutMs: 60_000 };
  for (const asOf of [undefined, '2014-12-22']) await matrix(patient, 'sony-hack', { asOf });
});

const matrixOf = async (url: string): Promise<Matrix> => {
  const response = await request(app).get(url);
  expect(response.status).toBe(200);
  return matrixSchema.parse(response.body);
};

/** The claimants whose cell toward `target` holds a claim of `stance`, in row order. */
const withStance = (matrix: Matrix, target: string, stance: string) =>
  matrix.cells
    .filter((cell) => cell.target === target && cell.claims.some((claim) => claim.stance === stance))
    .map((cell) => cell.claimant);

describe('the Sony hack', () => {
  test('who asserts and who denies North Korea’s responsibility', async () => {
    const matrix = await matrixOf('/api/incidents/sony-hack/matrix');
    // Eleven claims accuse someone of sony-hack, all of them the DPRK: one column.
    expect(matrix.targets.map((target) => target.id)).toEqual(['dprk']);
    // Rows are in group order, then id. Asserting: the FBI, its director, the NSA, its director and Obama (all tied to
    // the USA, group "barack-obama", the smallest id), SiliconANGLE, the unnamed observers and the "revenge" outlet.
    expect(withStance(matrix, 'dprk', 'asserts')).toEqual([
      'barack-obama',
      'fbi',
      'fbi-director',
      'nsa',
      'nsa-director',
      'outlet-nk-outage-revenge',
      'siliconangle',
      'unnamed-observers',
    ]);
    // Denying: the paste's authors (dprk-denies… and paste-hacks-not-from-dprk) and North Korea itself.
    expect(withStance(matrix, 'dprk', 'denies')).toEqual(['anon-paste-authors', 'dprk']);
    expect(withStance(matrix, 'dprk', 'neither')).toEqual(['security-experts']);
    const dprk = matrix.targets[0]!;
    // asserts: fbi-attributes, fbi-director-very-confident, nsa-analysis, nsa-director-backs-fbi, obama-blames-dprk,
    // sa-dprk-played-with-fire, sa-suspicion-on-dprk, revenge-dprk-hacked-sony = 8; denies 2; neither 1.
    expect(dprk.claims).toEqual({ asserts: 8, denies: 2, neither: 1 });
    // Asserting voices: the US group, siliconangle, unnamed-observers, the outlet = 4; denying: dprk, the paste = 2.
    expect(dprk.independentClaimants).toEqual({ asserts: 4, denies: 2, neither: 1 });
    // Origins: nsa-director-backs-fbi cites nsa-analysis (the NSA's own), every other claim cites nothing. Speakers
    // fbi, fbi-director, nsa, barack-obama are one US group; with siliconangle, unnamed-observers, the outlet: 4.
    expect(dprk.independentOrigins).toEqual({ asserts: 4, denies: 2, neither: 1 });
    // Asserted and denied (stance); dprk-denies, paste-hacks and security-experts dispute the assertions (dispute).
    expect(dprk.contested).toEqual(['stance', 'dispute']);
    // The US group has five members; the other six claimants are one each: seven groups, eleven rows.
    expect(matrix.groups).toEqual([
      { id: 'anon-paste-authors', claimants: ['anon-paste-authors'] },
      { id: 'barack-obama', claimants: ['barack-obama', 'fbi', 'fbi-director', 'nsa', 'nsa-director'] },
      { id: 'dprk', claimants: ['dprk'] },
      { id: 'outlet-nk-outage-revenge', claimants: ['outlet-nk-outage-revenge'] },
      { id: 'security-experts', claimants: ['security-experts'] },
      { id: 'siliconangle', claimants: ['siliconangle'] },
      { id: 'unnamed-observers', claimants: ['unnamed-observers'] },
    ]);
    expect(matrix.claimants).toHaveLength(11);
    expect(matrix.claimants.find((claimant) => claimant.id === 'fbi')).toEqual({
      id: 'fbi',
      name: 'FBI',
      kind: 'agency',
      group: 'barack-obama',
    });
    const fbi = matrix.cells.find((cell) => cell.claimant === 'fbi')!;
    expect(fbi.claims).toEqual([
      {
        id: 'fbi-attributes-sony-hack',
        stance: 'asserts',
        confidence: 'certain',
        hedge: null,
        date: '2014-12-23',
        datePrecision: 'day',
        dateBasis: 'bounded',
      },
    ]);
    expect(matrix.asOf).toBeNull();
  });

  test('before the FBI’s statement no official asserts North Korea’s responsibility', async () => {
    const before = await matrixOf('/api/incidents/sony-hack/matrix?asOf=2014-12-22');
    // By 22 December only sa-suspicion-on-dprk (November 2014, counted from 30 November) asserts, and only
    // paste-hacks-not-from-dprk (19 December) denies; the FBI's claim is bounded by 23 December, Obama's "December"
    // counts from the 31st. Undated and left out: fbi-director-very-confident, security-experts-doubt-dprk,
    // nsa-analysis, nsa-director-backs-fbi, revenge-dprk-hacked-sony = 5.
    expect(withStance(before, 'dprk', 'asserts')).toEqual(['unnamed-observers']);
    expect(withStance(before, 'dprk', 'denies')).toEqual(['anon-paste-authors']);
    const official = ['state', 'government-body', 'agency', 'official'];
    const asserting = before.claimants.filter((claimant) => withStance(before, 'dprk', 'asserts').includes(claimant.id));
    expect(asserting.filter((claimant) => official.includes(claimant.kind))).toEqual([]);
    // Dated but later: fbi-attributes, dprk-denies and sa-dprk-played-with-fire (the 23rd), obama-blames-dprk (the 31st)
    // = 4. With the 2 counted and the 5 undated, all 11.
    expect(before.asOf).toEqual({ asOf: '2014-12-22', lastDay: '2014-12-22', undatedLeftOut: 5, laterLeftOut: 4 });
    expect(before.targets[0]!.contested).toEqual(['stance']);

    const on = await matrixOf('/api/incidents/sony-hack/matrix?asOf=2014-12-23');
    // On the 23rd the FBI and SiliconANGLE (sa-dprk-played-with-fire) assert and North Korea denies.
    expect(withStance(on, 'dprk', 'asserts')).toEqual(['fbi', 'siliconangle', 'unnamed-observers']);
    expect(withStance(on, 'dprk', 'denies')).toEqual(['anon-paste-authors', 'dprk']);
    // dprk-denies (the 23rd) disputes fbi-attributes and sa-suspicion, both made by then: a dispute now too.
    expect(on.targets[0]!.contested).toEqual(['stance', 'dispute']);
    // Only Obama's "December 2014" is still to come.
    expect(on.asOf).toEqual({ asOf: '2014-12-23', lastDay: '2014-12-23', undatedLeftOut: 5, laterLeftOut: 1 });

    const month = await matrixOf('/api/incidents/sony-hack/matrix?asOf=2014-12');
    // As of December 2014 (its last day), obama-blames-dprk counts too; Obama and the FBI are one voice: 3 groups.
    expect(withStance(month, 'dprk', 'asserts')).toEqual(['barack-obama', 'fbi', 'siliconangle', 'unnamed-observers']);
    expect(month.targets[0]!.independentClaimants.asserts).toBe(3);
    expect(month.asOf).toEqual({ asOf: '2014-12', lastDay: '2014-12-31', undatedLeftOut: 5, laterLeftOut: 0 });
  });

  test('the US, blamed for the outage, is contested by a non-answer’s dispute and by the infrastructure explanation', async () => {
    const matrix = await matrixOf('/api/incidents/nk-internet-outage/matrix');
    // Actors first, the most blamed first: usa (4 independent asserting voices: unattributed-reports, siliconangle,
    // the outlet, Pinto), anonymous (2: unattributed-reports, Pinto), then sony-pictures and us-sony-allies (1 each,
    // sa-outage-us-retaliation), by id; then the one explanation.
    expect(matrix.targets.map((target) => target.id)).toEqual([
      'usa',
      'anonymous',
      'sony-pictures',
      'us-sony-allies',
      'infrastructure-failure',
    ]);
    const usa = matrix.targets[0]!;
    // mccaul-declines-us-role (neither) disputes revenge-us-admitted and revenge-us-almost-certain; Pinto puts forward an
    // infrastructure failure, which leaves no one to blame. No one denies, so there is no stance contradiction.
    expect(usa.contested).toEqual(['dispute', 'alternative']);
    // asserts: early-reports-us-response, sa-outage-us-retaliation, sa-proportional-response-question,
    // revenge-us-admitted, revenge-us-almost-certain, pinto-us-response-question, pinto-more-than-coincidence,
    // pinto-us-response-plausible = 8; neither: harf-neither-confirm-nor-deny, mccaul-declines-us-role, pinto-open-question = 3.
    expect(usa.claims).toEqual({ asserts: 8, denies: 0, neither: 3 });
    // The neither side: Harf and McCaul are both US (one voice), Pinto another: 2.
    expect(usa.independentClaimants).toEqual({ asserts: 4, denies: 0, neither: 2 });
    // Asserting origins: early-reports (unattributed-reports); dyn-outage-unprecedented and madory-routing-instability
    // (Dyn and its director Madory, one group); sa-proportional-response-question (siliconangle); mccaul-cyber-responses,
    // behind both revenge claims; us-would-consider-proportional-response and obama-admin-asks-china (McCaul, the USA
    // and the administration, one US group); pinto-us-response-question and pinto-only-elite-online (Pinto): 5 groups.
    // Neither: harf-neither… and mccaul-declines… (US), pinto-open-question (Pinto): 2.
    expect(usa.independentOrigins).toEqual({ asserts: 5, denies: 0, neither: 2 });
    expect(matrix.targets.find((target) => target.id === 'infrastructure-failure')!.contested).toEqual(['alternative']);
  });
});

describe('attribution’s sides', () => {
  test('carry the same independent origins as the matrix, listed or related', async () => {
    const response = await request(app).get('/api/incidents/sony-hack/attribution');
    expect(response.status).toBe(200);
    const body = response.body as Attribution;
    // As worked out for the matrix: 4 asserting origins (the US group, SiliconANGLE, the observers, the outlet), 2 denying, 1 declining.
    expect(body.accused.find((entry) => entry.actor.id === 'dprk')!.independentOrigins).toEqual({ asserts: 4, denies: 2, neither: 1 });
    // The outage is related to the Sony hack, so the US's origins there come in its related section: 5, 0, 2.
    const outage = body.related.find((entry) => entry.incident.id === 'nk-internet-outage')!;
    expect(outage.accused.find((entry) => entry.actor.id === 'usa')!.independentOrigins).toEqual({ asserts: 5, denies: 0, neither: 2 });
  });
});

describe('the small story (tests/fixtures/analysis-small.json)', () => {
  test('rows by independent group, columns by blame, cells in date order', async () => {
    const matrix = await matrixOf('/api/incidents/vault-breach/matrix');
    // Claimants of vault-breach accusations: analyst, agency, rival, rival-press, minister, tribune, herald, blogger,
    // ministry = 9. The minister is confirmed in the ministry, the press confirmed the Rival State's; the blogger's tie to
    // the Herald is only rumoured, so it stays apart: 7 groups, named by their smallest id.
    expect(matrix.groups).toEqual([
      { id: 'agency', claimants: ['agency'] },
      { id: 'analyst', claimants: ['analyst'] },
      { id: 'blogger', claimants: ['blogger'] },
      { id: 'herald', claimants: ['herald'] },
      { id: 'minister', claimants: ['minister', 'ministry'] },
      { id: 'rival', claimants: ['rival', 'rival-press'] },
      { id: 'tribune', claimants: ['tribune'] },
    ]);
    expect(matrix.claimants.map((claimant) => claimant.id)).toEqual([
      'agency',
      'analyst',
      'blogger',
      'herald',
      'minister',
      'ministry',
      'rival',
      'rival-press',
      'tribune',
    ]);
    // rival: 5 asserting voices (analyst, agency, minister, tribune, herald); gang: 3 (analyst, blogger, herald).
    expect(matrix.targets.map((target) => target.id)).toEqual(['rival', 'gang']);
    // One cell per claimant and target with claims: agency–rival, analyst–rival, analyst–gang, blogger–gang,
    // herald–rival, herald–gang, minister–rival, ministry–gang, rival–rival, rival-press–rival, tribune–rival = 11.
    expect(matrix.cells.map((cell) => `${cell.claimant}>${cell.target}`)).toEqual([
      'agency>rival',
      'analyst>rival',
      'analyst>gang',
      'blogger>gang',
      'herald>rival',
      'herald>gang',
      'minister>rival',
      'ministry>gang',
      'rival>rival',
      'rival-press>rival',
      'tribune>rival',
    ]);
    // The analyst asserted on 2 March and denied in April: both, in that order.
    const analyst = matrix.cells.find((cell) => cell.claimant === 'analyst' && cell.target === 'rival')!;
    expect(analyst.claims.map((claim) => [claim.id, claim.stance, claim.confidence, claim.hedge, claim.date])).toEqual([
      ['analyst-rival-first', 'asserts', 'low', 'might be', '2020-03-02'],
      ['analyst-retracts', 'denies', 'moderate', null, '2020-04'],
    ]);
  });

  test('per target: claims, independent claimants, independent origins and contested kinds', async () => {
    const matrix = await matrixOf('/api/incidents/vault-breach/matrix');
    const [rival, gang] = matrix.targets;
    // rival asserts: analyst-rival-first, agency-blames-rival, minister-blames-rival, tribune-repeats-minister,
    // herald-repeats-tribune = 5, five groups. Denies: rival-denies, rival-press-denies (one group), analyst-retracts = 3, 2 groups.
    expect(rival!.claims).toEqual({ asserts: 5, denies: 3, neither: 0 });
    expect(rival!.independentClaimants).toEqual({ asserts: 5, denies: 2, neither: 0 });
    // Origins of the asserting side: the analyst's, the agency's and the minister's own claims; the Tribune
    // characterizes the minister and the Herald cites the Tribune, so both rest on the minister: 3. Denies: 2.
    expect(rival!.independentOrigins).toEqual({ asserts: 3, denies: 2, neither: 0 });
    // Asserted and denied; rival-denies and rival-press-denies dispute; the analyst reversed.
    expect(rival!.contested).toEqual(['stance', 'dispute', 'reversal']);
    // gang asserts: analyst-blames-gang, blogger-gang, herald-gang = 3, three voices (the blogger's tie is rumoured).
    // blogger-gang and herald-gang cite each other and nothing else: no origin, so only the analyst's: 1.
    // Neither: ministry-neither, 1 claim, 1 voice, its own origin.
    expect(gang!.claims).toEqual({ asserts: 3, denies: 0, neither: 1 });
    expect(gang!.independentClaimants).toEqual({ asserts: 3, denies: 0, neither: 1 });
    expect(gang!.independentOrigins).toEqual({ asserts: 1, denies: 0, neither: 1 });
    // Only asserted or declined: never a contradiction.
    expect(gang!.contested).toEqual([]);
  });

  test('explanations come after actors; only one that leaves no one to blame contests an actor', async () => {
    const matrix = await matrixOf('/api/incidents/power-cut/matrix');
    // tribune-blames-rival-cut, engineers-cable (faulty-cable, a technical failure), herald-unknown (unknown-cause):
    // one claim each, so the explanations tie and go by id.
    expect(matrix.targets.map((target) => [target.id, target.type, target.contested])).toEqual([
      ['rival', 'actor', ['alternative']],
      ['faulty-cable', 'explanation', ['alternative']],
      ['unknown-cause', 'explanation', []],
    ]);
  });

  test('asOf counts only the claims made by then, and says how many undated ones it left out', async () => {
    const early = await matrixOf('/api/incidents/vault-breach/matrix?asOf=2020-03-06');
    // By 6 March: analyst-rival-first (2nd), agency-blames-rival (5th), rival-denies (6th). rival-press-denies has no
    // date: 1 left out. analyst-blames-gang ("2020-03") counts only from 31 March, so no gang column yet.
    expect(early.targets.map((target) => [target.id, target.claims])).toEqual([['rival', { asserts: 2, denies: 1, neither: 0 }]]);
    expect(early.claimants.map((claimant) => claimant.id)).toEqual(['agency', 'analyst', 'rival']);
    // Of the breach's 12 claims: 3 counted, 1 undated, and the 8 dated after the 6th left out as later.
    expect(early.asOf).toEqual({ asOf: '2020-03-06', lastDay: '2020-03-06', undatedLeftOut: 1, laterLeftOut: 8 });
    // The analyst has not yet retracted, but the dispute (rival-denies → agency-blames-rival) is there.
    expect(early.targets[0]!.contested).toEqual(['stance', 'dispute']);

    // The month-dated claim counts from the month's last day: 30 March gives the gang 2 asserting claims, 31 March 3.
    const gangOn = async (day: string) =>
      (await matrixOf(`/api/incidents/vault-breach/matrix?asOf=${day}`)).targets.find((target) => target.id === 'gang')!.claims.asserts;
    expect(await gangOn('2020-03-30')).toBe(2);
    expect(await gangOn('2020-03-31')).toBe(3);
    // "2020-04" ends on 30 April: analyst-retracts counts and the analyst's reversal appears.
    const april = await matrixOf('/api/incidents/vault-breach/matrix?asOf=2020-04');
    expect(april.targets[0]!.contested).toEqual(['stance', 'dispute', 'reversal']);
  });

  test('the CSV form: one row per claimant, one column per target, each cell its claims in date order', async () => {
    const response = await request(app).get('/api/incidents/vault-breach/matrix?format=csv');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toContain('matrix-vault-breach.csv');
    expect(response.text).toContain('\r\n');
    const rows = parse(response.text) as string[][];
    expect(rows[0]).toEqual(['group', 'claimant', 'name', 'Rival State [rival]', 'Ransom Gang [gang]']);
    // A header and 9 claimants.
    expect(rows).toHaveLength(10);
    const analyst = rows.find((row) => row[1] === 'analyst')!;
    expect(analyst).toEqual([
      'analyst',
      'analyst',
      'Independent analyst',
      'asserts (low, 2020-03-02, “might be”); denies (moderate, 2020-04)',
      'asserts (moderate, 2020-03)',
    ]);
    expect(rows.find((row) => row[1] === 'rival-press')).toEqual([
      'rival',
      'rival-press',
      'Rival State press',
      'denies (certain, undated)',
      '',
    ]);

    const asOf = await request(app).get('/api/incidents/vault-breach/matrix?format=csv&asOf=2020-03-06');
    expect(asOf.headers['content-disposition']).toContain('matrix-vault-breach-as-of-2020-03-06.csv');
    // agency, analyst, rival, one column: 4 rows of 4 fields.
    expect((parse(asOf.text) as string[][]).map((row) => row.length)).toEqual([4, 4, 4, 4]);
  });

  test('an unknown incident is 404; a date that is none, or an unknown format, is 400 naming the field', async () => {
    const missing = await request(app).get('/api/incidents/no-such-incident/matrix');
    expect(missing.status).toBe(404);
    for (const [query, field] of [
      ['asOf=2020-13', 'asOf'],
      ['asOf=2020-02-30', 'asOf'],
      ['format=xlsx', 'format'],
    ] as const) {
      const response = await request(app).get(`/api/incidents/vault-breach/matrix?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
  });
});
