// GET /api/incidents/:id/attribution?asOf=: belief as of a date on the Sony story, every count worked out by hand from
// seed/data/sony-dprk-2014.json below, plus the as-of rule itself (server/graph/asOf.ts) on partial dates.
import request from 'supertest';
import { resolveAsOf } from '../../server/graph/asOf';
import type { Attribution } from '../../server/model/api';
import { testApp } from '../support/api';
import { useDatabase } from '../support/db';

// These tests check values, not speed (the bench measures that): a first, unplanned query on a loaded machine must
// not turn into a 503 under the default 2 s timeout.
const PATIENT = { QUERY_TIMEOUT_MS: '20000' };

// The accusations of sony-hack in the dataset (all name North Korea, `dprk`), with their dates:
//   asserts  fbi-attributes-sony-hack   fbi                2014-12-23 (bounded by its article)
//   asserts  obama-blames-dprk          barack-obama       2014-12    (month: its period ends 2014-12-31)
//   asserts  sa-dprk-played-with-fire   siliconangle       2014-12-23
//   asserts  sa-suspicion-on-dprk       unnamed-observers  2014-11    (ends 2014-11-30)
//   asserts  fbi-director-very-confident, nsa-analysis-identifies-dprk, nsa-director-backs-fbi,
//            revenge-dprk-hacked-sony                      undated
//   denies   dprk-denies-sony-hack      dprk               2014-12-23
//   denies   paste-hacks-not-from-dprk  anon-paste-authors 2014-12-19
//   neither  security-experts-doubt-dprk                   undated
// 11 claims: 6 dated, 5 undated. fbi and barack-obama are both confirmed parts of `usa`, so they are one voice.

describe('resolveAsOf', () => {
  test.each([
    ['2014', '2014-12-31'],
    ['2014-02', '2014-02-28'],
    ['2016-02', '2016-02-29'],
    ['2014-12-20', '2014-12-20'],
  ])('%s covers up to %s', (asOf, lastDay) => {
    expect(resolveAsOf(asOf)).toEqual({ asOf, lastDay });
  });

  test('no date means no limit', () => {
    expect(resolveAsOf(undefined)).toBeUndefined();
  });
});

describe('GET /api/incidents/:id/attribution?asOf=', () => {
  const seeded = useDatabase({ seed: true, env: PATIENT });
  const attributionAsOf = async (asOf: string) => {
    const response = await request(testApp(seeded.db)).get(`/api/incidents/sony-hack/attribution?asOf=${asOf}`);
    expect(response.status).toBe(200);
    return response.body as Attribution;
  };
  const listed = (entries: Attribution['accused'][number]['assertedBy']) => entries.map((entry) => entry.claim.id).sort();

  test('as of 20 December 2014 only the November suspicion and the paste of the 19th count', async () => {
    const attribution = await attributionAsOf('2014-12-20');
    // Dated by 2014-12-20: sa-suspicion-on-dprk (ends 2014-11-30) and paste-hacks-not-from-dprk (2014-12-19).
    // Later: fbi, obama (ends 2014-12-31), sa-dprk-played-with-fire and dprk-denies (2014-12-23) = 4. Undated: 5.
    expect(attribution.asOf).toEqual({ asOf: '2014-12-20', lastDay: '2014-12-20', undatedLeftOut: 5, laterLeftOut: 4 });
    const dprk = attribution.accused.find((accused) => accused.actor.id === 'dprk')!;
    expect(dprk.claims).toEqual({ asserts: 1, denies: 1, neither: 0 });
    expect(dprk.independentClaimants).toEqual({ asserts: 1, denies: 1, neither: 0 });
    expect(listed(dprk.assertedBy)).toEqual(['sa-suspicion-on-dprk']);
    expect(listed(dprk.deniedBy)).toEqual(['paste-hacks-not-from-dprk']);
    // No official has asserted North Korea's responsibility yet: neither the FBI nor the President is listed.
    expect(dprk.assertedBy.map((entry) => entry.claimant.id)).not.toContain('fbi');
  });

  test('as of December 2014 every dated claim counts, and the undated ones are counted as left out', async () => {
    const attribution = await attributionAsOf('2014-12');
    expect(attribution.asOf).toEqual({ asOf: '2014-12', lastDay: '2014-12-31', undatedLeftOut: 5, laterLeftOut: 0 });
    const dprk = attribution.accused.find((accused) => accused.actor.id === 'dprk')!;
    // Asserts: fbi, obama, sa-dprk-played-with-fire, sa-suspicion-on-dprk = 4 claims; voices: {fbi, barack-obama}
    // (one, through usa), siliconangle, unnamed-observers = 3. Denies: dprk and anon-paste-authors = 2 and 2.
    expect(dprk.claims).toEqual({ asserts: 4, denies: 2, neither: 0 });
    expect(dprk.independentClaimants).toEqual({ asserts: 3, denies: 2, neither: 0 });
  });

  test('as of a day before any claim nothing is accused', async () => {
    const attribution = await attributionAsOf('2014-10-31');
    expect(attribution.accused).toEqual([]);
    // 6 dated claims all end after 31 October; 5 undated.
    expect(attribution.asOf).toEqual({ asOf: '2014-10-31', lastDay: '2014-10-31', undatedLeftOut: 5, laterLeftOut: 6 });
  });

  test('without asOf the answer says so and counts undated claims too', async () => {
    const response = await request(testApp(seeded.db)).get('/api/incidents/sony-hack/attribution');
    const attribution = response.body as Attribution;
    expect(attribution.asOf).toBeNull();
    // 4 dated + 4 undated assertions = 8; 2 denials; security-experts-doubt-dprk = 1 neither.
    expect(attribution.accused.find((accused) => accused.actor.id === 'dprk')!.claims).toEqual({ asserts: 8, denies: 2, neither: 1 });
  });

  test.each(['2014-13', '2014-02-30', 'yesterday'])('asOf=%s answers 400 naming the field', async (asOf) => {
    const response = await request(testApp(seeded.db)).get(`/api/incidents/sony-hack/attribution?asOf=${asOf}`);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('asOf');
  });
});
