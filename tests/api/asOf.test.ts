// GET /api/incidents/:id/attribution?asOf=: belief as of a date on the Sony story, every count worked out by hand from
// seed/data/sony-dprk-2014.json below, plus the as-of rule itself (server/graph/asOf.ts) on partial dates.
import request from 'supertest';
import { claimCountsBy, graphAsOf, resolveAsOf } from '../../server/graph/asOf';
import type { Attribution } from '../../server/model/api';
import { testApp } from '../support/api';
import { useDatabase, PATIENT } from '../support/db';

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

describe('graphAsOf', () => {
  const node = (key: string, type: string, date?: string) => ({
    key,
    attributes: { type, label: key, ...(date === undefined ? {} : { date }) },
  });
  const edge = (source: string, target: string) => ({ key: `${source}->${target}`, source, target, attributes: { type: 'REPORTED_IN' } });
  // Two claims by one actor: an early one reported in s1, a December one reported in s2; and an undated one in s1.
  const graph = {
    attributes: {},
    options: { type: 'directed' as const, multi: true, allowSelfLoops: false },
    nodes: [
      node('early', 'claim', '2014-11'),
      node('late', 'claim', '2014-12'),
      node('undated', 'claim'),
      node('s1', 'source'),
      node('s2', 'source'),
      node('speaker', 'actor'),
      node('alone', 'actor'),
    ],
    edges: [edge('early', 's1'), edge('late', 's2'), edge('undated', 's1'), edge('speaker', 'early'), edge('speaker', 'late')],
  };

  test('drops the claims not made by then, the records only they held, and counts why', () => {
    // As of 2014-12-20: "2014-11" ended on 30 November, so it counts; "2014-12" ends on the 31st: later; one undated.
    const dated = graphAsOf(graph as never, resolveAsOf('2014-12-20')!);
    expect(dated.nodes.map((n) => n.key)).toEqual(['early', 's1', 'speaker', 'alone']);
    // s2 reported only the later claim, so it goes; "alone" never had an edge, so it stays as it was.
    expect(dated.edges.map((e) => e.key)).toEqual(['early->s1', 'speaker->early']);
    expect(dated.attributes.asOf).toEqual({ asOf: '2014-12-20', lastDay: '2014-12-20', undatedLeftOut: 1, laterLeftOut: 1 });
  });

  test('keeps the records a view was asked about even when nothing is left around them', () => {
    const dated = graphAsOf(graph as never, resolveAsOf('2014-10')!, ['s2']);
    // Nothing counts by 31 October: two later, one undated; s2 is the centre and stays, s1 and the speaker go.
    expect(dated.nodes.map((n) => n.key)).toEqual(['s2', 'alone']);
    expect(dated.attributes.asOf).toEqual({ asOf: '2014-10', lastDay: '2014-10-31', undatedLeftOut: 1, laterLeftOut: 2 });
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

describe('the claims list and the graph views as of a date', () => {
  const seeded = useDatabase({ seed: true, env: PATIENT });
  const get = async (url: string) => {
    const response = await request(testApp(seeded.db)).get(url);
    expect(response.status).toBe(200);
    return response.body as Record<string, unknown>;
  };
  type Graph = {
    attributes: { asOf?: unknown };
    nodes: Array<{ key: string; attributes: Record<string, unknown> }>;
    edges: Array<{ source: string; target: string }>;
  };
  const claimKeys = (graph: Graph) =>
    graph.nodes
      .filter((node) => node.attributes.type === 'claim')
      .map((node) => node.key)
      .sort();

  test('the claims list: the denials of North Korea’s responsibility made by 20 December 2014', async () => {
    // Two claims deny it (seed): the paste (2014-12-19) and North Korea's own denial (2014-12-23). By the 20th only
    // the paste had been made.
    const all = (await get('/api/claims?accused=dprk&stance=denies')) as { items: Array<{ id: string }> };
    expect(all.items.map((claim) => claim.id).sort()).toEqual(['dprk-denies-sony-hack', 'paste-hacks-not-from-dprk']);
    const early = (await get('/api/claims?accused=dprk&stance=denies&asOf=2014-12-20')) as { items: Array<{ id: string }> };
    expect(early.items.map((claim) => claim.id)).toEqual(['paste-hacks-not-from-dprk']);
  });

  test('a neighbourhood keeps only the claims made by then, and says how many it left out', async () => {
    const whole = (await get('/api/graph/neighborhood/sony-hack?depth=1&limit=500')) as { graph: Graph };
    const early = (await get('/api/graph/neighborhood/sony-hack?depth=1&limit=500&asOf=2014-12-20')) as { graph: Graph };
    const kept = claimKeys(early.graph);
    // The attribution's two claims of that day are there (see above); the FBI's attribution, dated 23 December, is not.
    expect(kept).toEqual(expect.arrayContaining(['paste-hacks-not-from-dprk', 'sa-suspicion-on-dprk']));
    expect(kept).not.toContain('fbi-attributes-sony-hack');
    // Every claim left is dated, and its period ended by the 20th; the others are counted, undated or later.
    for (const node of early.graph.nodes.filter((candidate) => candidate.attributes.type === 'claim'))
      expect(claimCountsBy(node.attributes.date, node.attributes.datePrecision, '2014-12-20')).toBe('counts');
    const summary = early.graph.attributes.asOf as { undatedLeftOut: number; laterLeftOut: number; lastDay: string };
    expect(summary.lastDay).toBe('2014-12-20');
    expect(kept.length + summary.undatedLeftOut + summary.laterLeftOut).toBe(claimKeys(whole.graph).length);
    // No edge hangs loose: both ends of every edge are in the view, and the centre stays.
    const keys = new Set(early.graph.nodes.map((node) => node.key));
    expect(early.graph.edges.every((edge) => keys.has(edge.source) && keys.has(edge.target))).toBe(true);
    expect(keys.has('sony-hack')).toBe(true);
  });

  test('paths and chains as of a date pass only through claims made by then', async () => {
    const paths = (await get('/api/graph/paths?from=fbi&to=dprk&maxHops=4&asOf=2014-12-20')) as {
      paths: Array<{ nodes: string[] }>;
      graph: Graph;
    };
    // The FBI's attribution is dated 23 December, so no path of that day runs through it.
    expect(paths.paths.flatMap((path) => path.nodes)).not.toContain('fbi-attributes-sony-hack');
    for (const node of paths.graph.nodes.filter((candidate) => candidate.attributes.type === 'claim'))
      expect(claimCountsBy(node.attributes.date, node.attributes.datePrecision, '2014-12-20')).toBe('counts');
    // The FBI's own chain as of the 20th is empty: its root claim had not been made.
    const chain = (await get('/api/graph/chains/fbi-attributes-sony-hack?asOf=2014-12-20')) as { steps: unknown[]; graph: Graph };
    expect(chain.steps).toEqual([]);
    expect(claimKeys(chain.graph)).toEqual([]);
    // As of the end of 2014 the root counts, and every step kept hangs from a kept step.
    const later = (await get('/api/graph/chains/fbi-attributes-sony-hack?asOf=2014')) as {
      steps: Array<{ claim: { id: string }; from: string | null }>;
    };
    expect(later.steps[0]?.claim.id).toBe('fbi-attributes-sony-hack');
    const ids = new Set(later.steps.map((step) => step.claim.id));
    expect(later.steps.every((step) => step.from === null || ids.has(step.from))).toBe(true);
  });

  test('asOf on a graph view is validated like any other', async () => {
    const response = await request(testApp(seeded.db)).get('/api/graph/neighborhood/sony-hack?asOf=2014-13');
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('asOf');
  });
});
