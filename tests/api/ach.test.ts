// GET /api/incidents/:id/ach and PUT /api/incidents/:id/ach/ratings against the real Neo4j: the Sony story, and the
// small made-up story (tests/fixtures/hypotheses-small.json) whose every rating, score, flag and sensitivity row is
// worked out by hand below; analysts' ratings override derived ones, are validated and guarded, and one per cell.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { PROJECT_ROOT } from '../../server/config';
import { loadDataset } from '../../server/db/load';
import { readTransaction } from '../../server/db/neo4j';
import { ensureSchema } from '../../server/db/schema';
import { achSchema, type Ach } from '../../server/model/hypotheses';
import { validateDataset } from '../../server/model/validate';
import { testApp } from '../support/api';
import { useDatabase, wipe, PATIENT } from '../support/db';

const SMALL = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'hypotheses-small.json');
const TOKEN = 'ach-token-0123456789';
const R2 = Math.SQRT2;

function achGetter(appOf: () => Express) {
  return async (url: string): Promise<Ach> => {
    const response = await request(appOf()).get(url);
    expect(response.status).toBe(200);
    return achSchema.parse(response.body);
  };
}

/** Each evidence row as `claim: ratings in hypothesis order`, the way the matrix is read. */
const matrixOf = (ach: Ach) =>
  Object.fromEntries(ach.evidence.map((row) => [row.claim.id, row.cells.map((cell) => cell.rating).join(' ')]));
const scoresOf = (ach: Ach) => ach.hypotheses.map((hypothesis) => [hypothesis.id, hypothesis.score] as const);
function expectScores(ach: Ach, expected: Array<readonly [string, number]>) {
  expect(ach.hypotheses.map((hypothesis) => hypothesis.id)).toEqual(expected.map(([id]) => id));
  scoresOf(ach).forEach(([, score], index) => expect(score).toBeCloseTo(expected[index]![1], 9));
}

describe('on the Sony story', () => {
  const store = useDatabase({ seed: true, env: PATIENT });
  let app: Express;
  beforeAll(() => {
    app = testApp(store.db);
  });
  const ach = achGetter(() => app);

  test('the Sony hack has one hypothesis, North Korea; its two certain denials make its score −4√2', async () => {
    const sony = await ach('/api/incidents/sony-hack/ach');
    // Every accusation of the Sony hack names dprk.
    expect(sony.hypotheses.map((hypothesis) => hypothesis.id)).toEqual(['dprk']);
    const cell = (claim: string) => sony.evidence.find((row) => row.claim.id === claim)!.cells[0]!;
    expect(cell('fbi-attributes-sony-hack').rating).toBe('CC'); // asserts, certain
    expect(cell('sa-suspicion-on-dprk').rating).toBe('C'); // asserts, moderate
    expect(cell('security-experts-doubt-dprk').rating).toBe('N'); // declines
    expect(cell('dprk-denies-sony-hack').rating).toBe('II'); // denies, certain
    // The two denials, dprk-denies-sony-hack and paste-hacks-not-from-dprk, are both certain: II × credibility high
    // (√2) × relevance medium (1) = −2√2 each; nothing else is inconsistent with dprk.
    expect(sony.hypotheses[0]!.score).toBeCloseTo(-4 * R2, 9);
    // One hypothesis: no row can tell it from another, and no row's removal changes the least inconsistent.
    expect(sony.evidence.every((row) => !row.diagnostic)).toBe(true);
    expect(sony.leastInconsistent).toEqual(['dprk']);
    expect(sony.sensitivity).toEqual([]);
  });
});

describe('on the small made-up story', () => {
  const store = useDatabase({ env: PATIENT });
  let app: Express;
  beforeAll(async () => {
    await wipe(store.db);
    await ensureSchema(store.db);
    const validated = validateDataset(JSON.parse(readFileSync(SMALL, 'utf8')), 'hypotheses-small.json');
    if (!validated.ok) throw new Error(JSON.stringify(validated.problems));
    await loadDataset(store.db, validated.dataset);
    app = testApp(store.db, { WRITE_TOKEN: TOKEN });
  });
  const ach = achGetter(() => app);
  const put = (body: object, token: string | null = TOKEN) => {
    const call = request(app).put('/api/incidents/relay-breach/ach/ratings');
    return (token === null ? call : call.set('Authorization', `Bearer ${token}`)).send(body);
  };

  /*
   * Hypotheses of relay-breach: south-state and ghost-crew (accused), config-error (a technical failure, which leaves
   * no one to blame, so it and each accused actor exclude each other; the two actors do not exclude each other).
   * Evidence: the ten claims about relay-breach (the two leak claims are about relay-leak only), by date, then id:
   *   claim                   confidence → credibility   ghost-crew  south-state  config-error
   *   operator-logs           certain  → high √2         N           N            N     observation
   *   agency-blames-south     certain  → high √2         N           CC           I     asserts S (excludes E)
   *   south-blames-ghost      moderate → medium 1        C           N            I     asserts G
   *   south-denies            certain  → high √2         N           II           N     denies S, certain
   *   minister-blames-south   high     → high √2         N           CC           I
   *   lab-blames-ghost        moderate → medium 1        C           N            I
   *   lab-doubts-south        low      → low 1/√2        N           I            N     denies S, not certain
   *   daily-declines-ghost    moderate → medium 1        N           N            N     declines
   *   daily-config-error      low      → low 1/√2        I           I            C     asserts E (excludes G, S)
   *   operator-denies-ghost   certain  → high √2         II          N            N     undated, so last
   * Scores (I −1, II −2, × credibility × relevance 1):
   *   ghost-crew   −1/√2 (daily-config-error) − 2√2 (operator-denies-ghost)            = −2.5√2   ≈ −3.5355
   *   south-state  −2√2 (south-denies) − 1/√2 (lab-doubts-south) − 1/√2 (daily-config) = −3√2     ≈ −4.2426
   *   config-error −√2 − √2 (agency, minister) − 1 − 1 (south-blames-ghost, lab-blames-ghost) = −2√2 − 2 ≈ −4.8284
   */
  test('every derived rating, score and diagnosticity flag', async () => {
    const relay = await ach('/api/incidents/relay-breach/ach');
    expectScores(relay, [
      ['ghost-crew', -2.5 * R2],
      ['south-state', -3 * R2],
      ['config-error', -2 * R2 - 2],
    ]);
    expect(relay.hypotheses.map((hypothesis) => [hypothesis.type, hypothesis.rank])).toEqual([
      ['actor', 1],
      ['actor', 2],
      ['explanation', 3],
    ]);
    expect(relay.leastInconsistent).toEqual(['ghost-crew']);
    expect(Object.keys(matrixOf(relay))).toEqual([
      'operator-logs',
      'agency-blames-south',
      'south-blames-ghost',
      'south-denies',
      'minister-blames-south',
      'lab-blames-ghost',
      'lab-doubts-south',
      'daily-declines-ghost',
      'daily-config-error',
      'operator-denies-ghost',
    ]);
    expect(matrixOf(relay)).toEqual({
      'operator-logs': 'N N N',
      'agency-blames-south': 'N CC I',
      'south-denies': 'N II N',
      'south-blames-ghost': 'C N I',
      'minister-blames-south': 'N CC I',
      'lab-blames-ghost': 'C N I',
      'lab-doubts-south': 'N I N',
      'daily-declines-ghost': 'N N N',
      'daily-config-error': 'I I C',
      'operator-denies-ghost': 'II N N',
    });
    // Rows that rate every hypothesis the same tell none of them apart.
    expect(relay.evidence.filter((row) => !row.diagnostic).map((row) => row.claim.id)).toEqual(['operator-logs', 'daily-declines-ghost']);
    expect(relay.evidence.map((row) => row.credibility)).toEqual([
      'high',
      'high',
      'medium',
      'high',
      'high',
      'medium',
      'low',
      'medium',
      'low',
      'high',
    ]);
    const southDenies = relay.evidence.find((row) => row.claim.id === 'south-denies')!.cells[1]!;
    expect(southDenies).toMatchObject({
      hypothesis: 'south-state',
      rating: 'II',
      source: 'derived',
      derived: 'II',
      relevance: 'medium',
      analyst: null,
    });
    expect(southDenies.weight).toBeCloseTo(-2 * R2, 9);
    expect(relay.asOf).toBeNull();
    expect(relay).toMatchObject({ hypothesesTotal: 3, evidenceTotal: 10, truncated: false });
  });

  /*
   * Leaving one row out (ghost-crew leads south-state by 0.5√2 ≈ 0.71 and config-error by 2 − 0.5√2 ≈ 1.29):
   *   agency-blames-south    config-error −2√2 − 2 + √2 = −√2 − 2 ≈ −3.414 > ghost-crew −3.536  → config-error
   *   south-denies           south-state −3√2 + 2√2 = −√2 ≈ −1.414                             → south-state
   *   minister-blames-south  as agency-blames-south                                            → config-error
   *   lab-doubts-south       south-state −3√2 + 1/√2 = −2.5√2 = ghost-crew                      → a tie of both
   *   daily-config-error     ghost-crew −2√2 ≈ −2.83, south-state −2.5√2: ghost-crew still leads; the others gain
   *                          less than the gap (south-blames-ghost, lab-blames-ghost: config-error −2√2 − 1 ≈ −3.83;
   *                          operator-denies-ghost: ghost-crew −0.5√2), and rows rated N everywhere change nothing.
   */
  test('sensitivity: the rows whose removal changes the least inconsistent hypothesis, ties included', async () => {
    const relay = await ach('/api/incidents/relay-breach/ach');
    expect(relay.sensitivity).toEqual([
      { claim: 'agency-blames-south', leastInconsistentWithout: ['config-error'] },
      { claim: 'south-denies', leastInconsistentWithout: ['south-state'] },
      { claim: 'minister-blames-south', leastInconsistentWithout: ['config-error'] },
      { claim: 'lab-doubts-south', leastInconsistentWithout: ['ghost-crew', 'south-state'] },
    ]);
  });

  /*
   * By 11 May: operator-logs (9 May), agency-blames-south (10), south-denies and south-blames-ghost (11). Left out:
   * operator-denies-ghost (undated) and five later claims. Only south-state and ghost-crew have been accused yet.
   *   ghost-crew: nothing inconsistent → 0; south-state: south-denies −2√2.
   * Without south-denies both score 0: a tie, so that row is sensitive. Rows rated the same: operator-logs.
   */
  test('asOf: only the claims made by then, and only the hypotheses they name', async () => {
    const may11 = await ach('/api/incidents/relay-breach/ach?asOf=2021-05-11');
    expectScores(may11, [
      ['ghost-crew', 0],
      ['south-state', -2 * R2],
    ]);
    expect(matrixOf(may11)).toEqual({
      'operator-logs': 'N N',
      'agency-blames-south': 'N CC',
      'south-denies': 'N II',
      'south-blames-ghost': 'C N',
    });
    expect(may11.evidence.filter((row) => !row.diagnostic).map((row) => row.claim.id)).toEqual(['operator-logs']);
    expect(may11.sensitivity).toEqual([{ claim: 'south-denies', leastInconsistentWithout: ['ghost-crew', 'south-state'] }]);
    expect(may11.asOf).toEqual({ asOf: '2021-05-11', lastDay: '2021-05-11', undatedLeftOut: 1, laterLeftOut: 5 });
    // daily-config-error is dated "June 2021": it counts from 30 June, and with it the configuration error.
    const ids = (ach: Ach) => ach.hypotheses.map((hypothesis) => hypothesis.id).sort();
    expect(ids(await ach('/api/incidents/relay-breach/ach?asOf=2021-06-29'))).toEqual(['ghost-crew', 'south-state']);
    expect(ids(await ach('/api/incidents/relay-breach/ach?asOf=2021-06'))).toEqual(['config-error', 'ghost-crew', 'south-state']);
  });

  test('unknown incident 404, bad asOf 400', async () => {
    expect((await request(app).get('/api/incidents/no-such-incident/ach')).status).toBe(404);
    const bad = await request(app).get('/api/incidents/relay-breach/ach?asOf=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'asOf' })]);
  });

  describe('PUT /api/incidents/:id/ach/ratings', () => {
    const valid = {
      claim: 'operator-logs',
      hypothesis: 'south-state',
      rating: 'I',
      relevance: 'high',
      note: 'Logs show a South State address',
      analyst: 'R. Rater',
    };

    test('a missing or wrong token gets 401 and nothing is stored', async () => {
      const none = await put(valid, null);
      expect(none.status).toBe(401);
      expect(none.headers['www-authenticate']).toBe('Bearer');
      expect((await put(valid, 'ach-token-0123456788')).status).toBe(401);
      const stored = await readTransaction(store.db, (tx) => tx.run('MATCH (r:AchRating) RETURN count(r) AS n'));
      expect(stored.records[0]!.get('n').toNumber()).toBe(0);
    });

    test('bad input gets 400 naming every field at fault', async () => {
      const response = await put({ claim: 'Not An Id', hypothesis: 7, rating: 'III', relevance: 'vital', analyst: '  ', colour: 'red' });
      expect(response.status).toBe(400);
      expect(response.type).toBe('application/problem+json');
      expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
        'analyst',
        'claim',
        'colour',
        'hypothesis',
        'rating',
        'relevance',
      ]);
      const empty = await put({});
      expect(empty.status).toBe(400);
      expect(empty.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['analyst', 'claim', 'hypothesis', 'rating']);
    });

    test('an unknown incident, claim or hypothesis, or a claim about another incident, gets 404', async () => {
      const other = await request(app)
        .put('/api/incidents/no-such-incident/ach/ratings')
        .set('Authorization', `Bearer ${TOKEN}`)
        .send(valid);
      expect(other.status).toBe(404);
      expect((await put({ ...valid, claim: 'no-such-claim' })).status).toBe(404);
      // agency-blames-ghost-leak is about relay-leak only: no evidence of the breach.
      const elsewhere = await put({ ...valid, claim: 'agency-blames-ghost-leak' });
      expect(elsewhere.status).toBe(404);
      expect(elsewhere.body.detail).toContain('agency-blames-ghost-leak');
      // north-agency exists but no claim accuses it of the breach.
      const notHypothesis = await put({ ...valid, hypothesis: 'north-agency' });
      expect(notHypothesis.status).toBe(404);
      expect(notHypothesis.body.detail).toContain('north-agency');
    });

    /*
     * The analyst rates operator-logs I for south-state, relevance high: −1 × √2 (credibility) × √2 (relevance) = −2.
     *   south-state −3√2 − 2 ≈ −6.243 falls behind config-error −2√2 − 2 ≈ −4.828; ghost-crew −2.5√2 ≈ −3.536 leads.
     *   operator-logs now rates the hypotheses differently (N I N … in score order N N I): diagnostic.
     * Sensitivity: agency-blames-south and minister-blames-south still lift config-error to −√2 − 2 ≈ −3.414 >
     * −3.536; south-denies lifts south-state to −√2 − 2 ≈ −3.414 > −3.536; lab-doubts-south only to ≈ −5.536 now.
     */
    test('an analyst rating overrides the derived one, is marked so, and changes the scores', async () => {
      const response = await put(valid);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ incident: 'relay-breach', ...valid });
      expect(Number.isNaN(Date.parse(response.body.ratedAt))).toBe(false);

      const relay = await ach('/api/incidents/relay-breach/ach');
      expectScores(relay, [
        ['ghost-crew', -2.5 * R2],
        ['config-error', -2 * R2 - 2],
        ['south-state', -3 * R2 - 2],
      ]);
      const logs = relay.evidence.find((row) => row.claim.id === 'operator-logs')!;
      expect(logs.diagnostic).toBe(true);
      expect(logs.cells.map((cell) => [cell.hypothesis, cell.rating, cell.source, cell.derived])).toEqual([
        ['ghost-crew', 'N', 'derived', 'N'],
        ['config-error', 'N', 'derived', 'N'],
        ['south-state', 'I', 'analyst', 'N'],
      ]);
      expect(logs.cells[2]!.weight).toBeCloseTo(-2, 9);
      expect(logs.cells[2]!.analyst).toMatchObject({ analyst: 'R. Rater', note: 'Logs show a South State address', relevance: 'high' });
      expect(relay.sensitivity).toEqual([
        { claim: 'agency-blames-south', leastInconsistentWithout: ['config-error'] },
        { claim: 'south-denies', leastInconsistentWithout: ['south-state'] },
        { claim: 'minister-blames-south', leastInconsistentWithout: ['config-error'] },
      ]);
    });

    test('concurrent writes to one cell leave exactly one rating, holding one of the values written', async () => {
      const writes = [1, 2, 3, 4, 5, 6].map((n) =>
        put({
          claim: 'daily-declines-ghost',
          hypothesis: 'config-error',
          rating: n % 2 === 0 ? 'I' : 'II',
          note: `write ${n}`,
          analyst: `Analyst ${n}`,
        }),
      );
      const responses = await Promise.all(writes);
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 200]);
      const stored = await readTransaction(store.db, (tx) =>
        tx.run(
          `MATCH (r:AchRating {incident: 'relay-breach', claim: 'daily-declines-ghost', hypothesis: 'config-error'})
           RETURN count(r) AS n, collect(r.note) AS notes`,
        ),
      );
      expect(stored.records[0]!.get('n').toNumber()).toBe(1);
      const [note] = stored.records[0]!.get('notes') as string[];
      expect(['write 1', 'write 2', 'write 3', 'write 4', 'write 5', 'write 6']).toContain(note);
      // The matrix shows that one rating: even-numbered writes rated I, odd ones II.
      const cell = (await ach('/api/incidents/relay-breach/ach')).evidence
        .find((row) => row.claim.id === 'daily-declines-ghost')!
        .cells.find((candidate) => candidate.hypothesis === 'config-error')!;
      expect(cell).toMatchObject({ source: 'analyst', derived: 'N', rating: Number(note!.slice(-1)) % 2 === 0 ? 'I' : 'II' });
      // Two ratings stored in all: this cell's and the one before.
      const all = await readTransaction(store.db, (tx) => tx.run('MATCH (r:AchRating) RETURN count(r) AS n'));
      expect(all.records[0]!.get('n').toNumber()).toBe(2);
    });
  });
});
