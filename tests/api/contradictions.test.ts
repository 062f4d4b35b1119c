// GET /api/contradictions on the Sony story and on tests/fixtures/analysis-small.json: stance, dispute, reversal and
// alternative contradictions with their sides, claims and words, asOf, caps; every number worked out by hand.
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { PROJECT_ROOT } from '../../server/config';
import { loadDataset } from '../../server/db/load';
import { contradictions } from '../../server/graph/analysis/contradictions';
import { contradictionsQuery, contradictionsSchema, type Contradiction, type Contradictions } from '../../server/model/analysis';
import { testApp } from '../support/api';
import { FIXTURE_DOCUMENTS, readDataset, useDatabase, PATIENT } from '../support/db';

const SMALL_FIXTURE = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'analysis-small.json');

const store = useDatabase({ seed: true, env: PATIENT });
let app: Express;
beforeAll(async () => {
  await loadDataset(store.db, await readDataset(SMALL_FIXTURE, FIXTURE_DOCUMENTS));
  app = testApp(store.db);
  // This file reloaded the data, so Neo4j plans the statements afresh (and once more for a string `asOf` in place of
  // null, and for every incident): the first plans are paid here, with time to spare.
  const patient = { ...store.db, queryTimeoutMs: 60_000 };
  for (const query of [{ incident: 'sony-hack' }, { incident: 'sony-hack', asOf: '2014-12-22' }, {}, { asOf: '2014-12-22' }])
    await contradictions(patient, contradictionsQuery.parse(query));
});

const contradictionsOf = async (query: string): Promise<Contradictions> => {
  const response = await request(app).get(`/api/contradictions?${query}`);
  expect(response.status).toBe(200);
  return contradictionsSchema.parse(response.body);
};

/** Each side as `role/stance/target: claim ids`, in the answer's order. */
const sidesOf = (contradiction: Contradiction) =>
  contradiction.sides.map(
    (side) => `${side.role ?? '-'}/${side.stance ?? 'none'}/${side.target.id}: ${side.claims.map((entry) => entry.claim.id).join(' ')}`,
  );
const kindsOf = (answer: Contradictions) => answer.contradictions.map((entry) => `${entry.incident.id}/${entry.target.id}/${entry.kind}`);

describe('the Sony story', () => {
  test('the FBI against North Korea: a stance contradiction, each side with its claims and their words', async () => {
    const answer = await contradictionsOf('incident=sony-hack');
    // On sony-hack only the DPRK is accused: asserted and denied (stance), and disputed (dispute). No reversal: no
    // group's dated claims change stance. No explanation is put forward.
    expect(kindsOf(answer)).toEqual(['sony-hack/dprk/stance', 'sony-hack/dprk/dispute']);
    expect(answer.total).toBe(2);
    expect(answer.truncated).toBe(false);
    const stance = answer.contradictions[0]!;
    expect(stance.sides.map((side) => [side.stance, side.claimCount, side.independentClaimants])).toEqual([
      // 8 asserting claims from 4 independent voices (the US group, SiliconANGLE, the unnamed observers, the outlet);
      // 2 denials (North Korea, the paste's authors). The security experts' doubt declines: on neither side.
      ['asserts', 8, 4],
      ['denies', 2, 2],
    ]);
    const fbi = stance.sides[0]!.claims.find((entry) => entry.claimant.id === 'fbi')!;
    const dprk = stance.sides[1]!.claims.find((entry) => entry.claimant.id === 'dprk')!;
    expect([fbi.claim.id, fbi.stance, dprk.claim.id, dprk.stance]).toEqual([
      'fbi-attributes-sony-hack',
      'asserts',
      'dprk-denies-sony-hack',
      'denies',
    ]);
    // Both sides carry their words: the evidence cut from the article is the excerpt the dataset gives.
    for (const entry of [fbi, dprk]) {
      const stored = store.dataset.claims.find((claim) => claim.id === entry.claim.id)!;
      expect(entry.evidence.map((span) => span.text)).toEqual(stored.evidence.map((span) => span.excerpt));
      expect(entry.claim.quote).toBe(stored.quote ?? null);
    }
    expect(fbi.evidence[0]!.text).toContain('FBI “confirming” North Korea’s responsibility');
    // Earliest first: sa-suspicion-on-dprk (November 2014) opens the asserting side; undated claims close it.
    expect(stance.sides[0]!.claims[0]!.claim.id).toBe('sa-suspicion-on-dprk');
    expect(stance.group).toBeNull();
  });

  test('the disputes of North Korea’s responsibility, by end of the link and stance', async () => {
    const dispute = (await contradictionsOf('incident=sony-hack')).contradictions[1]!;
    // dprk-denies-sony-hack disputes 6 claims, paste-hacks-not-from-dprk 5, security-experts-doubt-dprk 1: 12 links,
    // onto 6 distinct asserting claims.
    expect(dispute.links).toHaveLength(12);
    expect(dispute.sides.map((side) => [side.role, side.stance, side.claimCount])).toEqual([
      ['disputed', 'asserts', 6],
      ['disputing', 'denies', 2],
      ['disputing', 'neither', 1],
    ]);
    expect(dispute.sides[2]!.claims.map((entry) => entry.claim.id)).toEqual(['security-experts-doubt-dprk']);
  });

  test('the US for the outage is contested by McCaul’s non-answer and by the infrastructure explanation', async () => {
    const answer = await contradictionsOf('incident=nk-internet-outage');
    // Pinto's infrastructure failure leaves no one to blame, against each asserted actor (anonymous, sony-pictures,
    // us-sony-allies, usa); McCaul's non-answer disputes the two "revenge" claims blaming the US. No one denies.
    expect(kindsOf(answer)).toEqual([
      'nk-internet-outage/anonymous/alternative',
      'nk-internet-outage/sony-pictures/alternative',
      'nk-internet-outage/us-sony-allies/alternative',
      'nk-internet-outage/usa/dispute',
      'nk-internet-outage/usa/alternative',
    ]);
    const [dispute, alternative] = answer.contradictions.slice(3);
    // Both revenge claims are undated, so they go by id.
    expect(sidesOf(dispute!)).toEqual([
      'disputed/asserts/usa: revenge-us-admitted revenge-us-almost-certain',
      'disputing/neither/usa: mccaul-declines-us-role',
    ]);
    expect(dispute!.links).toEqual([
      { claim: 'mccaul-declines-us-role', disputes: 'revenge-us-admitted' },
      { claim: 'mccaul-declines-us-role', disputes: 'revenge-us-almost-certain' },
    ]);
    // 8 claims blame the US (4 voices); one puts forward the infrastructure failure.
    expect(alternative!.sides.map((side) => [side.stance, side.target.id, side.claimCount, side.independentClaimants])).toEqual([
      ['asserts', 'usa', 8, 4],
      ['asserts', 'infrastructure-failure', 1, 1],
    ]);
    expect(alternative!.sides[1]!.claims[0]!.claim.hedge).toBe('a distinct possibility');
  });

  test('asOf: before the FBI’s statement only the observers assert, and nothing is disputed yet', async () => {
    const before = await contradictionsOf('incident=sony-hack&asOf=2014-12-22');
    // sa-suspicion-on-dprk (November) against paste-hacks-not-from-dprk (19 December): still a stance contradiction.
    // The paste disputes claims not made by then (the FBI's is bounded by the 23rd), so no dispute.
    expect(kindsOf(before)).toEqual(['sony-hack/dprk/stance']);
    expect(sidesOf(before.contradictions[0]!)).toEqual([
      '-/asserts/dprk: sa-suspicion-on-dprk',
      '-/denies/dprk: paste-hacks-not-from-dprk',
    ]);
    // Undated sony-hack accusations: fbi-director-very-confident, security-experts-doubt-dprk, nsa-analysis,
    // nsa-director-backs-fbi, revenge-dprk-hacked-sony = 5. Later: fbi-attributes, dprk-denies, sa-dprk-played-with-fire
    // (the 23rd) and obama-blames-dprk (December, so the 31st) = 4.
    expect(before.asOf).toEqual({ asOf: '2014-12-22', lastDay: '2014-12-22', undatedLeftOut: 5, laterLeftOut: 4 });

    const on = await contradictionsOf('incident=sony-hack&asOf=2014-12-23');
    expect(kindsOf(on)).toEqual(['sony-hack/dprk/stance', 'sony-hack/dprk/dispute']);
    // The 23rd adds fbi-attributes-sony-hack, sa-dprk-played-with-fire and dprk-denies-sony-hack.
    expect(sidesOf(on.contradictions[0]!)).toEqual([
      '-/asserts/dprk: sa-suspicion-on-dprk fbi-attributes-sony-hack sa-dprk-played-with-fire',
      '-/denies/dprk: paste-hacks-not-from-dprk dprk-denies-sony-hack',
    ]);
    // Of the disputes, only those between claims both made by then: dprk-denies → fbi-attributes and sa-suspicion,
    // paste-hacks → fbi-attributes.
    expect(on.contradictions[1]!.links).toEqual([
      { claim: 'dprk-denies-sony-hack', disputes: 'fbi-attributes-sony-hack' },
      { claim: 'dprk-denies-sony-hack', disputes: 'sa-suspicion-on-dprk' },
      { claim: 'paste-hacks-not-from-dprk', disputes: 'fbi-attributes-sony-hack' },
    ]);
  });
});

describe('the small story (tests/fixtures/analysis-small.json)', () => {
  test('the vault breach: asserted and denied, disputed, and reversed by the analyst', async () => {
    const answer = await contradictionsOf('incident=vault-breach');
    // The gang is only asserted or declined: no contradiction. Rival: the three kinds.
    expect(kindsOf(answer)).toEqual(['vault-breach/rival/stance', 'vault-breach/rival/dispute', 'vault-breach/rival/reversal']);
    const [stance, dispute, reversal] = answer.contradictions;
    // Asserting, earliest first: 2, 5, 10, 11, 12 March; denying: 6 March, April, then the undated press denial.
    expect(sidesOf(stance!)).toEqual([
      '-/asserts/rival: analyst-rival-first agency-blames-rival minister-blames-rival tribune-repeats-minister herald-repeats-tribune',
      '-/denies/rival: rival-denies analyst-retracts rival-press-denies',
    ]);
    // Five asserting voices; the Rival State and its press are one, the analyst another: 2 denying.
    expect(stance!.sides.map((side) => side.independentClaimants)).toEqual([5, 2]);
    // herald-repeats-tribune also disputes agency-blames-rival, but both assert the Rival State: no contradiction.
    expect(sidesOf(dispute!)).toEqual([
      'disputed/asserts/rival: agency-blames-rival minister-blames-rival',
      'disputing/denies/rival: rival-denies rival-press-denies',
    ]);
    expect(dispute!.links).toEqual([
      { claim: 'rival-denies', disputes: 'agency-blames-rival' },
      { claim: 'rival-press-denies', disputes: 'minister-blames-rival' },
    ]);
    // The analyst asserted on 2 March and denied in April, which begins after the 2nd ends.
    expect(reversal!.group).toEqual({ id: 'analyst', claimants: [{ id: 'analyst', name: 'Independent analyst', kind: 'person' }] });
    expect(sidesOf(reversal!)).toEqual(['-/asserts/rival: analyst-rival-first', '-/denies/rival: analyst-retracts']);
    // The minister's words, quote and all.
    const minister = stance!.sides[0]!.claims.find((entry) => entry.claim.id === 'minister-blames-rival')!;
    expect(minister.claim.quote).toBe('We are confident the Rival State did it.');
    expect(minister.evidence).toHaveLength(1);
    expect(minister.evidence[0]!.text).toBe('On 10 March the minister said: "We are confident the Rival State did it."');
    expect(minister.evidence[0]!.source).toBe('vault-dispatch');
  });

  test('the power cut: the Rival State against a faulty cable, but not against an unknown cause', async () => {
    const answer = await contradictionsOf('incident=power-cut');
    expect(kindsOf(answer)).toEqual(['power-cut/rival/alternative']);
    expect(sidesOf(answer.contradictions[0]!)).toEqual([
      '-/asserts/rival: tribune-blames-rival-cut',
      '-/asserts/faulty-cable: engineers-cable',
    ]);
    expect(answer.incident).toEqual({ id: 'power-cut', name: 'Power cut' });
  });

  test('asOf: a contradiction exists once the claims on both sides were made', async () => {
    const early = await contradictionsOf('incident=vault-breach&asOf=2020-03-06');
    // By 6 March: analyst-rival-first and agency-blames-rival assert, rival-denies denies and disputes the agency.
    expect(kindsOf(early)).toEqual(['vault-breach/rival/stance', 'vault-breach/rival/dispute']);
    expect(sidesOf(early.contradictions[1]!)).toEqual([
      'disputed/asserts/rival: agency-blames-rival',
      'disputing/denies/rival: rival-denies',
    ]);
    // rival-press-denies, the one undated accusation of the breach, is left out; so are the 8 claims dated after the
    // 6th (12 claims accuse someone of the breach: 3 counted + 1 undated + 8 later).
    expect(early.asOf).toEqual({ asOf: '2020-03-06', lastDay: '2020-03-06', undatedLeftOut: 1, laterLeftOut: 8 });
    // analyst-retracts ("2020-04") counts from 30 April, and with it the reversal.
    expect(kindsOf(await contradictionsOf('incident=vault-breach&asOf=2020-04-29'))).not.toContain('vault-breach/rival/reversal');
    const april = await contradictionsOf('incident=vault-breach&asOf=2020-04-30');
    expect(kindsOf(april)).toContain('vault-breach/rival/reversal');
    expect(sidesOf(april.contradictions[0]!)[1]).toBe('-/denies/rival: rival-denies analyst-retracts');
  });

  test('caps: claims per side and contradictions listed, with the counts kept and truncated set', async () => {
    const fewer = await contradictionsOf('incident=vault-breach&claimsPerSide=2');
    expect(fewer.contradictions[0]!.sides[0]!.claims.map((entry) => entry.claim.id)).toEqual([
      'analyst-rival-first',
      'agency-blames-rival',
    ]);
    expect(fewer.contradictions[0]!.sides[0]!.claimCount).toBe(5);
    expect(fewer.truncated).toBe(true);
    const one = await contradictionsOf('incident=vault-breach&limit=1');
    expect([one.contradictions.length, one.total, one.truncated]).toEqual([1, 3, true]);
  });
});

describe('every incident', () => {
  test('without an incident, every contradiction of both stories, by incident', async () => {
    const answer = await contradictionsOf('');
    // Sony: nk-internet-outage 5 (above); op-rip-north-korea 1, youranonnews-distances disputing
    // theanonmessage-op-engaged (it takes no stance on @TheAnonMessage, which is asserted); sony-hack 2. The small
    // story: power-cut 1, vault-breach 3. 5 + 1 + 2 + 1 + 3 = 12.
    expect(answer.total).toBe(12);
    expect(answer.incident).toBeNull();
    expect(answer.contradictions.map((entry) => entry.incident.id)).toEqual([
      ...Array(5).fill('nk-internet-outage'),
      'op-rip-north-korea',
      'power-cut',
      'sony-hack',
      'sony-hack',
      'vault-breach',
      'vault-breach',
      'vault-breach',
    ]);
    expect(sidesOf(answer.contradictions[5]!)).toEqual([
      'disputed/asserts/anon-theanonmessage: theanonmessage-op-engaged',
      'disputing/none/anon-theanonmessage: youranonnews-distances',
    ]);
  });

  test('an unknown incident is 404; bad caps are 400 naming the field', async () => {
    expect((await request(app).get('/api/contradictions?incident=no-such-incident')).status).toBe(404);
    for (const [query, field] of [
      ['claimsPerSide=0', 'claimsPerSide'],
      ['limit=201', 'limit'],
      ['asOf=yesterday', 'asOf'],
    ] as const) {
      const response = await request(app).get(`/api/contradictions?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
  });
});
