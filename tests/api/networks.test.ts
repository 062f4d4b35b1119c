// GET /api/networks/claimants and /api/export?view=network against the real Neo4j: the Sony story, and a small made-up
// story (tests/fixtures/hypotheses-small.json) whose every tie weight and normalisation is worked out by hand below.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';
import Graph from 'graphology';
import request from 'supertest';
import { PROJECT_ROOT } from '../../server/config';
import { loadDataset } from '../../server/db/load';
import { ensureSchema } from '../../server/db/schema';
import { EXPORT_FORMATS } from '../../server/interchange';
import { claimantNetworkSchema, type ClaimantNetwork } from '../../server/model/hypotheses';
import { validateDataset } from '../../server/model/validate';
import { testApp } from '../support/api';
import { useDatabase, wipe, PATIENT } from '../support/db';

type Edge = ClaimantNetwork['edges'][number];

const SMALL = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'hypotheses-small.json');

/** The ties of a network by `source->target`, with their weight. */
const weights = (network: ClaimantNetwork) =>
  Object.fromEntries(network.edges.map((edge) => [`${edge.source}->${edge.target}`, edge.attributes.weight]));
const edge = (network: ClaimantNetwork, source: string, target: string): Edge => {
  const found = network.edges.find((candidate) => candidate.source === source && candidate.target === target);
  if (found === undefined) throw new Error(`no tie ${source}->${target} in ${JSON.stringify(weights(network))}`);
  return found;
};
/** Each expected weight, to 9 places, and no other tie. */
function expectWeights(network: ClaimantNetwork, expected: Record<string, number>) {
  const actual = weights(network);
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [tie, weight] of Object.entries(expected)) expect(actual[tie]).toBeCloseTo(weight, 9);
}

function networkGetter(appOf: () => Express) {
  return async (query: string): Promise<ClaimantNetwork> => {
    const response = await request(appOf()).get(`/api/networks/claimants?${query}`);
    expect(response.status).toBe(200);
    const network = claimantNetworkSchema.parse(response.body);
    // graphology's own reader takes the answer as it is.
    expect(Graph.from(response.body).order).toBe(network.nodes.length);
    return network;
  };
}

describe('on the Sony story', () => {
  const store = useDatabase({ seed: true, env: PATIENT });
  let app: Express;
  beforeAll(() => {
    app = testApp(store.db);
  });
  const network = networkGetter(() => app);

  test('the FBI and the NSA are congruent on North Korea: one concept, one pair of claims', async () => {
    const congruence = await network('incident=sony-hack&mode=congruence');
    // fbi-attributes-sony-hack and nsa-analysis-identifies-dprk are each agency's only position on the Sony hack, and both
    // assert (dprk, sony-hack): congruence 1·1 = 1, unnormalised.
    const tie = edge(congruence, 'fbi', 'nsa');
    expect(tie.key).toBe('STANCE_TIE:fbi->nsa');
    expect(tie.attributes.weight).toBe(1);
    expect(tie.attributes.conflict).toBe(0);
    expect(tie.attributes.pairs).toEqual([
      {
        incident: 'sony-hack',
        target: 'dprk',
        relation: 'congruence',
        claims: ['fbi-attributes-sony-hack', 'nsa-analysis-identifies-dprk'],
        stances: ['asserts', 'asserts'],
      },
    ]);
    expect(congruence.attributes.signedWeights).toBe(false);
    // The FBI and its director, the NSA and its director are one independent voice each (reported affiliations).
    const group = (id: string) => congruence.nodes.find((node) => node.key === id)!.attributes.independentGroup;
    expect(group('fbi-director')).toBe(group('fbi'));
    expect(group('nsa-director')).toBe(group('nsa'));
  });

  test('the FBI and North Korea are in conflict: DPRK denies what the FBI asserts', async () => {
    const conflict = await network('incident=sony-hack&mode=conflict');
    const tie = edge(conflict, 'dprk', 'fbi');
    expect(tie.attributes.weight).toBe(1);
    expect(tie.attributes.pairs.map((pair) => pair.claims)).toEqual([['dprk-denies-sony-hack', 'fbi-attributes-sony-hack']]);
    expect(conflict.edges.some((candidate) => candidate.source === 'fbi' && candidate.target === 'nsa')).toBe(false);
  });

  test('asOf: the undated NSA claim never counts, and before 23 December the FBI had not spoken', async () => {
    // As of 2014-12-23 the Sony-hack positions that count are the FBI's and DPRK's (bounded by the 23 December
    // articles), SiliconANGLE's (23 Dec), the unnamed observers' (November 2014) and the paste's (19 Dec). Obama's
    // "December 2014" counts only from 31 December. Undated: fbi-director, nsa, nsa-director, revenge-dprk-hacked-sony.
    const on23 = await network('incident=sony-hack&mode=congruence&asOf=2014-12-23');
    expect(on23.nodes.map((node) => node.key)).toEqual(['anon-paste-authors', 'dprk', 'fbi', 'siliconangle', 'unnamed-observers']);
    // Asserting: the FBI, SiliconANGLE, the observers (three ties); denying: DPRK and the paste's authors (one).
    expectWeights(on23, {
      'anon-paste-authors->dprk': 1,
      'fbi->siliconangle': 1,
      'fbi->unnamed-observers': 1,
      'siliconangle->unnamed-observers': 1,
    });
    expect(on23.attributes.asOf).toEqual({ asOf: '2014-12-23', lastDay: '2014-12-23', undatedLeftOut: 4, laterLeftOut: 1 });

    // A day earlier only the observers (asserting) and the paste's authors (denying) had taken a position.
    const on22 = await network('incident=sony-hack&mode=conflict&asOf=2014-12-22');
    expect(on22.nodes.map((node) => node.key)).toEqual(['anon-paste-authors', 'unnamed-observers']);
    expectWeights(on22, { 'anon-paste-authors->unnamed-observers': 1 });
    // Later than the 22nd: the FBI, DPRK, SiliconANGLE and Obama.
    expect(on22.attributes.asOf).toMatchObject({ undatedLeftOut: 4, laterLeftOut: 4 });
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
    app = testApp(store.db);
  });
  const network = networkGetter(() => app);

  /*
   * Positions: one per claimant, concept (target @ incident) and stance, however many claims repeat it. "Declining"
   * (daily-declines-ghost) and the observation (operator-logs) take none. B = relay-breach, L = relay-leak.
   *   east-daily      config-error@B +                                   (daily-config-error)          activity 1
   *   north-agency    south-state@B +, ghost-crew@L +                    (agency-blames-south, …-leak)  activity 2
   *   north-minister  south-state@B +                                    (minister-blames-south)        activity 1
   *   relay-operator  ghost-crew@B −                                     (operator-denies-ghost)        activity 1
   *   south-state     south-state@B −, ghost-crew@B +                    (south-denies, south-blames-ghost) activity 2
   *   west-lab        ghost-crew@B +, south-state@B −, ghost-crew@L +    (lab-blames-ghost, lab-doubts-south, lab-blames-ghost-leak) activity 3
   * Congruence = shared positions; conflict = concepts where one asserts what the other denies:
   *   north-agency–north-minister  congruence 1 (south-state@B +)           conflict 0
   *   north-agency–south-state     congruence 0                              conflict 1 (south-state@B)
   *   north-agency–west-lab        congruence 1 (ghost-crew@L +)             conflict 1 (south-state@B)
   *   north-minister–south-state   0 / 1;  north-minister–west-lab 0 / 1 (south-state@B)
   *   relay-operator–south-state   0 / 1;  relay-operator–west-lab 0 / 1 (ghost-crew@B)
   *   south-state–west-lab         congruence 2 (south-state@B −, ghost-crew@B +)  conflict 0
   *   east-daily shares no concept with anyone: a node without ties.
   */
  test('congruence: the shared positions, each tie with the claim pairs behind it', async () => {
    const congruence = await network('mode=congruence');
    expect(congruence.nodes.map((node) => node.key)).toEqual([
      'east-daily',
      'north-agency',
      'north-minister',
      'relay-operator',
      'south-state',
      'west-lab',
    ]);
    expect(congruence.nodes.map((node) => node.attributes.positions)).toEqual([1, 2, 1, 1, 2, 3]);
    expectWeights(congruence, { 'north-agency->north-minister': 1, 'north-agency->west-lab': 1, 'south-state->west-lab': 2 });
    // Pairs by incident, target (ghost-crew before south-state), then claims.
    expect(edge(congruence, 'south-state', 'west-lab').attributes.pairs).toEqual([
      {
        incident: 'relay-breach',
        target: 'ghost-crew',
        relation: 'congruence',
        claims: ['south-blames-ghost', 'lab-blames-ghost'],
        stances: ['asserts', 'asserts'],
      },
      {
        incident: 'relay-breach',
        target: 'south-state',
        relation: 'congruence',
        claims: ['south-denies', 'lab-doubts-south'],
        stances: ['denies', 'denies'],
      },
    ]);
    // The concepts: south-state@B, ghost-crew@B, config-error@B, ghost-crew@L; the claims with a position: all but
    // operator-logs and daily-declines-ghost, 12 − 2 = 10.
    expect(congruence.attributes).toMatchObject({ concepts: 4, claims: 10, claimantsTotal: 6, truncated: false, asOf: null });
    // The minister is reportedly speaking for the agency: one independent voice.
    expect(congruence.nodes.find((node) => node.key === 'north-minister')!.attributes.independentGroup).toBe('north-agency');
  });

  test('conflict and subtract: subtract is congruence − conflict, signed, and a balanced pair has no tie', async () => {
    const conflict = await network('mode=conflict');
    expectWeights(conflict, {
      'north-agency->south-state': 1,
      'north-agency->west-lab': 1,
      'north-minister->south-state': 1,
      'north-minister->west-lab': 1,
      'relay-operator->south-state': 1,
      'relay-operator->west-lab': 1,
    });
    expect(edge(conflict, 'relay-operator', 'west-lab').attributes.pairs).toEqual([
      {
        incident: 'relay-breach',
        target: 'ghost-crew',
        relation: 'conflict',
        claims: ['operator-denies-ghost', 'lab-blames-ghost'],
        stances: ['denies', 'asserts'],
      },
    ]);
    const subtract = await network('mode=subtract');
    // north-agency–west-lab: 1 − 1 = 0, so no tie (as rDNA's matrix has none).
    expectWeights(subtract, {
      'north-agency->north-minister': 1,
      'north-agency->south-state': -1,
      'north-minister->south-state': -1,
      'north-minister->west-lab': -1,
      'relay-operator->south-state': -1,
      'relay-operator->west-lab': -1,
      'south-state->west-lab': 2,
    });
    expect(subtract.attributes.signedWeights).toBe(true);
    expect(subtract.attributes.weights).toContain('SIGNED');
    expect(conflict.attributes.signedWeights).toBe(false);
  });

  test('the three normalisations of rDNA, on congruence and on subtract', async () => {
    // average: weight / ((a₁ + a₂) / 2): agency–minister 1 / 1.5; agency–lab 1 / 2.5; south–lab 2 / 2.5.
    expectWeights(await network('mode=congruence&normalize=average'), {
      'north-agency->north-minister': 1 / 1.5,
      'north-agency->west-lab': 0.4,
      'south-state->west-lab': 0.8,
    });
    // jaccard: weight / positions either holds. agency {S@B+, G@L+} ∪ minister {S@B+} = 2 → 1/2; agency ∪ lab
    // {S@B+, G@L+, G@B+, S@B−} = 4 → 1/4; south {S@B−, G@B+} ∪ lab {G@B+, S@B−, G@L+} = 3 → 2/3.
    expectWeights(await network('mode=congruence&normalize=jaccard'), {
      'north-agency->north-minister': 0.5,
      'north-agency->west-lab': 0.25,
      'south-state->west-lab': 2 / 3,
    });
    // cosine as rDNA computes it: weight / (a₁ · a₂): 1 / (2·1); 1 / (2·3); 2 / (2·3).
    expectWeights(await network('mode=congruence&normalize=cosine'), {
      'north-agency->north-minister': 0.5,
      'north-agency->west-lab': 1 / 6,
      'south-state->west-lab': 1 / 3,
    });
    // subtract, average: agency–south −1 / 2; minister–south −1 / 1.5; minister–lab −1 / 2; operator–south −1 / 1.5;
    // operator–lab −1 / 2; and the two positive ties as above.
    expectWeights(await network('mode=subtract&normalize=average'), {
      'north-agency->north-minister': 1 / 1.5,
      'north-agency->south-state': -0.5,
      'north-minister->south-state': -1 / 1.5,
      'north-minister->west-lab': -0.5,
      'relay-operator->south-state': -1 / 1.5,
      'relay-operator->west-lab': -0.5,
      'south-state->west-lab': 0.8,
    });
  });

  test('hedged: each tie weighs the product of the two claims’ confidence numbers (0.95, 0.85, 0.50, 0.15)', async () => {
    const hedged = await network('mode=congruence&hedged=true');
    // agency (certain 0.95) × minister (high 0.85) = 0.8075; agency's leak claim (high 0.85) × the lab's (moderate
    // 0.50) = 0.425; south–lab: denials 0.95 × 0.15 (low) + assertions 0.50 × 0.50 = 0.1425 + 0.25 = 0.3925.
    expectWeights(hedged, { 'north-agency->north-minister': 0.8075, 'north-agency->west-lab': 0.425, 'south-state->west-lab': 0.3925 });
    expect(hedged.attributes.hedged).toBe(true);
    // Hedged activities: agency 0.95 + 0.85 = 1.8, minister 0.85; average 0.8075 / ((1.8 + 0.85) / 2) = 0.8075 / 1.325.
    expect(
      edge(await network('mode=congruence&hedged=true&normalize=average'), 'north-agency', 'north-minister').attributes.weight,
    ).toBeCloseTo(0.8075 / 1.325, 9);
    // The undated denial is certain (0.95), south-blames-ghost moderate (0.50): 0.475.
    expect(edge(await network('mode=conflict&hedged=true'), 'relay-operator', 'south-state').attributes.weight).toBeCloseTo(0.475, 9);
  });

  test('one incident: only its concepts; the leak tie between the agency and the lab disappears', async () => {
    const breach = await network('incident=relay-breach&mode=congruence&normalize=jaccard');
    // agency now holds only S@B+ (activity 1): with the minister 1 / 1 = 1; south {S@B−, G@B+} = lab {G@B+, S@B−}: 2 / 2 = 1.
    expectWeights(breach, { 'north-agency->north-minister': 1, 'south-state->west-lab': 1 });
    expect(breach.attributes).toMatchObject({ incident: 'relay-breach', concepts: 3 });
    expect((await request(app).get('/api/networks/claimants?incident=no-such-incident')).status).toBe(404);
  });

  test('asOf: only positions made by the end of the day count; the undated denial and later claims are counted as left out', async () => {
    // By 11 May: agency-blames-south (10 May), south-denies and south-blames-ghost (11 May). Left out: the undated
    // operator-denies-ghost; and six later ones (minister 12 May, leak 15 and 21 May, lab 20 May ×2, "June 2021").
    const conflict = await network('mode=conflict&asOf=2021-05-11');
    expect(conflict.nodes.map((node) => node.key)).toEqual(['north-agency', 'south-state']);
    expectWeights(conflict, { 'north-agency->south-state': 1 });
    expect(conflict.attributes.asOf).toEqual({ asOf: '2021-05-11', lastDay: '2021-05-11', undatedLeftOut: 1, laterLeftOut: 6 });
    expectWeights(await network('mode=congruence&asOf=2021-05-11'), {});
    // "2021-05" covers the whole of May; daily-config-error, dated "June 2021", counts only from 30 June, so
    // east-daily is not there yet.
    const may = await network('mode=congruence&asOf=2021-05');
    expect(may.nodes.map((node) => node.key)).toEqual(['north-agency', 'north-minister', 'south-state', 'west-lab']);
    expect(may.attributes.asOf).toMatchObject({ lastDay: '2021-05-31', undatedLeftOut: 1, laterLeftOut: 1 });
    expect((await network('mode=congruence&asOf=2021-06')).nodes.map((node) => node.key)).toContain('east-daily');
  });

  test('invalid parameters get 400 naming each', async () => {
    const response = await request(app).get('/api/networks/claimants?mode=agree&normalize=dice&hedged=yes&asOf=2021-13');
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['asOf', 'hedged', 'mode', 'normalize']);
  });

  describe('GET /api/export?view=network', () => {
    test.each(EXPORT_FORMATS.map((info) => [info.format, info.contentType]))('as %s', async (format, contentType) => {
      const response = await request(app)
        .get(`/api/export?format=${format}&view=network&incident=relay-breach&mode=subtract`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toContain(contentType.split(';')[0]);
      expect(response.headers['content-disposition']).toContain('network-relay-breach-subtract');
      const body = response.body as Buffer;
      if (format === 'json') {
        const graph = Graph.from(JSON.parse(body.toString('utf8')));
        // relay-breach only, subtract: agency–minister +1, agency–south −1, agency–lab 0 − 1 = −1 (their shared leak
        // position is another incident's), minister–south −1, minister–lab −1, operator–south −1, operator–lab −1,
        // south–lab +2: eight ties.
        expect(graph.size).toBe(8);
        expect(graph.getEdgeAttribute('STANCE_TIE:north-minister->west-lab', 'weight')).toBe(-1);
        expect(graph.getAttribute('signedWeights')).toBe(true);
        expect(String(graph.getAttribute('title'))).toContain('SIGNED');
      }
      if (format === 'gexf' || format === 'graphml') {
        const text = body.toString('utf8');
        expect(text).toContain('SIGNED');
        expect(text).toContain('STANCE_TIE');
      }
      if (format === 'cypher') expect(body.toString('utf8')).toContain(':STANCE_TIE');
    });

    test('a network parameter on another view is refused', async () => {
      const response = await request(app).get('/api/export?format=json&view=graph&mode=subtract');
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'mode', message: 'not a parameter of view "graph"' })]);
    });
  });
});
