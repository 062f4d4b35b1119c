// GET /api/overview on the seeded Sony story: the graph's size, incidents ranked and paged, each incident's most-blamed
// targets with their stance split and independent claimants, as of a date, the ranking read from each incident's kept
// total, and the same counts from stale tallies, all of them or some.
import type { Express } from 'express';
import request from 'supertest';
import { writeTransaction } from '../../server/db/neo4j';
import { toInteger } from '../../server/db/records';
import { CURRENT, KEPT_TOTAL, markTalliesStale, rebuildTallies } from '../../server/db/tallies';
import { overviewSchema, type Overview } from '../../server/model/overview';
import { testApp } from '../support/api';
import { useDatabase, PATIENT } from '../support/db';

// These tests check values, not speed: a first, unplanned query on a loaded machine must not time out.
const store = useDatabase({ seed: true, env: PATIENT });
let app: Express;
beforeAll(() => {
  app = testApp(store.db);
});

const overviewOf = async (url: string): Promise<Overview> => {
  const response = await request(app).get(url);
  expect(response.status).toBe(200);
  return overviewSchema.parse(response.body);
};

/*
 * Worked from seed/data/sony-dprk-2014.json. A claim's accusations are counted once per target it names:
 *   nk-internet-outage: 17 (14 claims: sa-outage-us-retaliation names usa, sony-pictures and us-sony-allies,
 *                       pinto-open-question names usa and anonymous, the other 12 one target each: 12 + 3 + 2 = 17)
 *   sony-hack: 11 (11 claims, each naming dprk once)
 *   alleged-attacks-on-dprk-2013: 2 (one claim naming usa and south-korea)
 *   nk-ddos-attacks: 2, op-rip-north-korea: 2 (two one-target claims each)
 *   dprk-attacks-south-korea: 1
 *   the seven other incidents: 0.
 * Ties are broken by id, so the order is this.
 */
const RANKED = [
  'nk-internet-outage',
  'sony-hack',
  'alleged-attacks-on-dprk-2013',
  'nk-ddos-attacks',
  'op-rip-north-korea',
  'dprk-attacks-south-korea',
  'anon-paste-threat',
  'cinema-threats',
  'dprk-threat-us',
  'sony-data-publication',
  'sony-employee-threats',
  'sony-films-leak',
  'the-interview-cancelled',
];
const ACCUSATIONS = [17, 11, 2, 2, 2, 1, 0, 0, 0, 0, 0, 0, 0];

test('the graph’s size: every record, and every incident', async () => {
  const answer = await overviewOf('/api/overview?limit=1');
  // 3 sources + 55 actors + 13 incidents + 1 explanation + 93 claims = 165 records.
  expect(answer.nodes).toBe(165);
  expect(answer.incidentTotal).toBe(13);
  expect(answer.asOf).toBeNull();
});

test('incidents come most accused first, a page at a time, and the pages join up to every incident once', async () => {
  const seen: string[] = [];
  const counts: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const answer: Overview = await overviewOf(`/api/overview?limit=5${cursor === null ? '' : `&cursor=${cursor}`}`);
    seen.push(...answer.incidents.map((entry) => entry.incident.id));
    counts.push(...answer.incidents.map((entry) => entry.accusations));
    cursor = answer.nextCursor;
    pages += 1;
  } while (cursor !== null && pages < 10);
  // 13 incidents in pages of 5: 5 + 5 + 3.
  expect(pages).toBe(3);
  expect(seen).toEqual(RANKED);
  expect(counts).toEqual(ACCUSATIONS);
  // The whole list in one page has no next page.
  expect((await overviewOf('/api/overview?limit=13')).nextCursor).toBeNull();
});

test('the Sony hack: North Korea alone, asserted by four independent claimants', async () => {
  const answer = await overviewOf('/api/overview?limit=2');
  const sony = answer.incidents.find((entry) => entry.incident.id === 'sony-hack')!;
  expect(sony.incident).toEqual({ id: 'sony-hack', name: expect.any(String), start: expect.any(String) });
  // Every one of the 11 accusations names dprk.
  expect(sony.targetTotal).toBe(1);
  expect(sony.targets).toHaveLength(1);
  const [dprk] = sony.targets;
  expect(dprk).toMatchObject({ id: 'dprk', type: 'actor' });
  // Asserting: fbi, fbi-director, nsa, nsa-director, barack-obama, siliconangle, unnamed-observers,
  // outlet-nk-outage-revenge = 8; denying: dprk, anon-paste-authors = 2; declining: security-experts = 1.
  expect(dprk!.claims).toEqual({ asserts: 8, denies: 2, neither: 1 });
  // The first five are confirmed members of usa (fbi-director through fbi, nsa-director through nsa): one voice;
  // with siliconangle, unnamed-observers and outlet-nk-outage-revenge, 1 + 3 = 4. Denying: dprk and
  // anon-paste-authors (reportedly from anonymous) share no tie: 2. Declining: 1.
  expect(dprk!.independentClaimants).toEqual({ asserts: 4, denies: 2, neither: 1 });
  expect(sony.stances).toEqual({ asserts: 8, denies: 2, neither: 1 });
});

test('the North Korean outage: the most blamed first, actors and explanations together, cut at `targets`', async () => {
  const answer = await overviewOf('/api/overview?limit=1&targets=4');
  const [outage] = answer.incidents;
  expect(outage!.incident.id).toBe('nk-internet-outage');
  // usa, anonymous, infrastructure-failure, sony-pictures, us-sony-allies.
  expect(outage!.targetTotal).toBe(5);
  // usa: 4 independent asserting claimants (unattributed-reports, siliconangle, outlet-nk-outage-revenge,
  // delwyn-pinto); anonymous: 2 (unattributed-reports, delwyn-pinto); the last three 1 each with 1 asserting
  // claim, so by id: infrastructure-failure, sony-pictures (us-sony-allies is the fifth, past `targets=4`).
  expect(outage!.targets.map((target) => target.id)).toEqual(['usa', 'anonymous', 'infrastructure-failure', 'sony-pictures']);
  expect(outage!.targets.map((target) => target.type)).toEqual(['actor', 'actor', 'explanation', 'actor']);
  const usa = outage!.targets[0]!;
  // Asserting usa: early-reports-us-response, sa-outage-us-retaliation, sa-proportional-response-question,
  // revenge-us-admitted, revenge-us-almost-certain, pinto-us-response-question, pinto-more-than-coincidence,
  // pinto-us-response-plausible = 8; declining: harf-neither-confirm-nor-deny, mccaul-declines-us-role,
  // pinto-open-question = 3.
  expect(usa.claims).toEqual({ asserts: 8, denies: 0, neither: 3 });
  // Declining: marie-harf (state-department, part of usa) and michael-mccaul (usa) are one voice; delwyn-pinto
  // another: 2.
  expect(usa.independentClaimants).toEqual({ asserts: 4, denies: 0, neither: 2 });
  // Over all five targets: asserts 8 (usa) + 2 (anonymous) + 1 + 1 + 1 = 13; neither 3 (usa) + 1
  // (pinto-open-question on anonymous) = 4; 13 + 4 = 17 accusations.
  expect(outage!.stances).toEqual({ asserts: 13, denies: 0, neither: 4 });
});

test('as of a date, only claims whose dated period has ended count; the ranking stays by every accusation', async () => {
  const answer = await overviewOf('/api/overview?limit=2&asOf=2014-12-22');
  expect(answer.asOf).toEqual({ asOf: '2014-12-22', lastDay: '2014-12-22' });
  const sony = answer.incidents.find((entry) => entry.incident.id === 'sony-hack')!;
  expect(sony.accusations).toBe(11);
  // By 22 December: sa-suspicion-on-dprk (2014-11, over by 30 November) asserts; paste-hacks-not-from-dprk
  // (2014-12-19) denies. obama-blames-dprk (2014-12) ends on the 31st; the 23 December claims and the undated ones
  // do not count.
  expect(sony.targets[0]!.claims).toEqual({ asserts: 1, denies: 1, neither: 0 });
  expect(sony.stances).toEqual({ asserts: 1, denies: 1, neither: 0 });
});

test('bad queries answer 400 naming the field', async () => {
  for (const [query, field] of [
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['targets=11', 'targets'],
    ['asOf=2014-13', 'asOf'],
    ['cursor=not*a*cursor', 'cursor'],
    // Well-formed base64url, but not a cursor this route wrote.
    [`cursor=${Buffer.from('{"after":"sony-hack"}').toString('base64url')}`, 'cursor'],
  ] as const) {
    const response = await request(app).get(`/api/overview?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  }
});

test('stale tallies give the same counts, counted from the claims', async () => {
  const kept = await overviewOf('/api/overview?limit=13');
  await writeTransaction(store.db, (tx) => markTalliesStale(tx, RANKED));
  try {
    const counted = await overviewOf('/api/overview?limit=13');
    expect(counted.incidents.map((entry) => entry.accusations)).toEqual(ACCUSATIONS);
    expect(counted).toEqual(kept);
  } finally {
    await writeTransaction(store.db, (tx) => rebuildTallies(tx, RANKED));
  }
});

test('the ranking reads each incident’s kept total, not its rows', async () => {
  // A total that disagrees with the rows can only be written by hand: dprk-attacks-south-korea (1 accusation) is
  // given 99, more than nk-internet-outage's 17, and nothing else changes.
  await writeTransaction(store.db, (tx) =>
    tx.run(`MATCH (m:${CURRENT} {incident: $id}) SET m.${KEPT_TOTAL} = $accusations`, {
      id: 'dprk-attacks-south-korea',
      accusations: toInteger(99),
    }),
  );
  try {
    const answer = await overviewOf('/api/overview?limit=2');
    expect(answer.incidents.map((entry) => [entry.incident.id, entry.accusations])).toEqual([
      ['dprk-attacks-south-korea', 99],
      ['nk-internet-outage', 17],
    ]);
    // Its stance split still comes from its rows: revenge-dprk-accused-sk-attacks's one assertion against dprk.
    expect(answer.incidents[0]!.stances).toEqual({ asserts: 1, denies: 0, neither: 0 });
  } finally {
    await writeTransaction(store.db, (tx) => rebuildTallies(tx, RANKED));
  }
  expect((await overviewOf('/api/overview?limit=13')).incidents.map((entry) => entry.accusations)).toEqual(ACCUSATIONS);
});

test('with some incidents stale and the rest current, pages of two join up to the same ranking', async () => {
  const kept = await overviewOf('/api/overview?limit=13');
  // One stale incident in each kind of place: the top (nk-internet-outage), a tie at 2 (nk-ddos-attacks), and a tie
  // at 0 (sony-films-leak); the other ten keep their marks.
  const stale = ['nk-internet-outage', 'nk-ddos-attacks', 'sony-films-leak'];
  await writeTransaction(store.db, (tx) => markTalliesStale(tx, stale));
  try {
    const seen: string[] = [];
    const counts: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer: Overview = await overviewOf(`/api/overview?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`);
      seen.push(...answer.incidents.map((entry) => entry.incident.id));
      counts.push(...answer.incidents.map((entry) => entry.accusations));
      cursor = answer.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    // 13 incidents in pages of 2: six full pages and one of 1.
    expect(pages).toBe(7);
    expect(seen).toEqual(RANKED);
    expect(counts).toEqual(ACCUSATIONS);
    expect(await overviewOf('/api/overview?limit=13')).toEqual(kept);
  } finally {
    await writeTransaction(store.db, (tx) => rebuildTallies(tx, stale));
  }
});
