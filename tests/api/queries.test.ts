// What the API answers on the seeded story: attribution, search, filters, pagination, paths, neighbourhoods, chains, and the start-up warm-up.
import type { Express } from 'express';
import request from 'supertest';
import type { Database } from '../../server/db/neo4j';
import type { Dataset } from '../../server/model/dataset';
import { dateSpan, overlaps } from '../../server/model/dates';
import { claimCountsBy } from '../../server/graph/asOf';
import type { Attribution, Chain, ClaimDetail, ClaimSummary, GraphView, PathsResponse, SearchResponse } from '../../server/model/api';
import { PATIENT, resetAndSeed, testDatabase } from '../support/db';
import { testApp } from '../support/api';
import { ROUTES } from '../../server/http/routes';
import { warmUp } from '../../server/http/warmUp';

let db: Database;
let app: Express;
let seeded: Dataset;
beforeAll(async () => {
  db = testDatabase(PATIENT);
  seeded = await resetAndSeed(db);
  app = testApp(db);
});
afterAll(async () => {
  await db.close();
});

const get = async <T>(url: string): Promise<T> => {
  const response = await request(app).get(url);
  expect(response.status).toBe(200);
  return response.body as T;
};

describe('GET /api/incidents/:id/attribution', () => {
  test('names the DPRK as accused of the Sony hack, the FBI among those asserting and the DPRK among those denying', async () => {
    const body = await get<Attribution>('/api/incidents/sony-hack/attribution');
    expect(body.incident.id).toBe('sony-hack');
    const dprk = body.accused.find((entry) => entry.actor.id === 'dprk');
    expect(dprk).toBeDefined();
    expect(body.accused[0]?.actor.id).toBe('dprk');
    expect(dprk!.assertedBy.map((entry) => entry.claimant.id)).toContain('fbi');
    expect(dprk!.deniedBy.map((entry) => entry.claimant.id)).toContain('dprk');
    for (const entry of dprk!.assertedBy) {
      expect(entry.claim.stance).toBe('asserts');
      expect(entry.sources.length).toBeGreaterThan(0);
    }
  });

  test('counts an organisation and its own officials as one independent claimant', async () => {
    const body = await get<Attribution>('/api/incidents/sony-hack/attribution');
    const dprk = body.accused.find((entry) => entry.actor.id === 'dprk')!;
    const distinct = new Set(dprk.assertedBy.map((entry) => entry.claimant.id));
    expect(distinct.has('fbi') && distinct.has('fbi-director')).toBe(true);
    expect(dprk.independentClaimants.asserts).toBeGreaterThan(0);
    expect(dprk.independentClaimants.asserts).toBeLessThan(distinct.size);
  });

  test('puts neither-confirm-nor-deny statements in declinedBy', async () => {
    const incidents = (await get<{ items: Array<{ id: string }> }>('/api/incidents?limit=200')).items;
    const declined: string[] = [];
    for (const incident of incidents) {
      const body = await get<Attribution>(`/api/incidents/${incident.id}/attribution`);
      for (const accused of body.accused) {
        for (const entry of accused.declinedBy) {
          expect(entry.claim.stance).toBe('neither');
          declined.push(entry.claimant.id);
        }
      }
    }
    expect(declined).toEqual(expect.arrayContaining(['marie-harf']));
  });

  test('counts every claim per side while listing at most claimsPerSide of each, earliest first', async () => {
    const full = await get<Attribution>('/api/incidents/sony-hack/attribution?claimsPerSide=50&limit=100');
    const dprk = full.accused.find((entry) => entry.actor.id === 'dprk')!;
    expect(dprk.claims.asserts).toBe(dprk.assertedBy.length);
    expect(dprk.claims.asserts).toBeGreaterThan(1);
    expect(full.truncated).toBe(false);
    expect(full.accusedTotal).toBe(full.accused.length);

    const one = await get<Attribution>('/api/incidents/sony-hack/attribution?claimsPerSide=1&limit=100');
    const dprkOne = one.accused.find((entry) => entry.actor.id === 'dprk')!;
    expect(dprkOne.assertedBy).toHaveLength(1);
    expect(dprkOne.assertedBy[0]!.claim.id).toBe(dprk.assertedBy[0]!.claim.id);
    // Counts do not shrink with the lists, nor does the ranking.
    expect(dprkOne.claims).toEqual(dprk.claims);
    expect(dprkOne.independentClaimants).toEqual(dprk.independentClaimants);
    expect(one.accused.map((entry) => entry.actor.id)).toEqual(full.accused.map((entry) => entry.actor.id));
    expect(one.truncated).toBe(true);
    const listed = new Set(
      one.accused.flatMap((entry) => [...entry.assertedBy, ...entry.deniedBy, ...entry.declinedBy]).map((e) => e.claim.id),
    );
    const graphClaims = one.graph.nodes.filter((node) => node.attributes.type === 'claim').map((node) => node.key);
    expect(new Set(graphClaims)).toEqual(listed);
  });

  test('lists only the `limit` most-blamed accused actors but reports how many there are', async () => {
    // The outage is blamed on several actors (the US, Anonymous and others), the Sony hack on North Korea alone.
    const full = await get<Attribution>('/api/incidents/nk-internet-outage/attribution?limit=100');
    expect(full.accusedTotal).toBeGreaterThan(1);
    const top = await get<Attribution>('/api/incidents/nk-internet-outage/attribution?limit=1');
    expect(top.accused.map((entry) => entry.actor.id)).toEqual([full.accused[0]!.actor.id]);
    expect(top.accusedTotal).toBe(full.accusedTotal);
    expect(top.truncated).toBe(true);
  });

  test.each(['limit=0', 'limit=101', 'claimsPerSide=51', 'claimsPerSide=x', 'depth=2'])('rejects ?%s with 400', async (query) => {
    const response = await request(app).get(`/api/incidents/sony-hack/attribution?${query}`);
    expect(response.status).toBe(400);
  });

  test('returns an importable graph with typed nodes and stance on claims', async () => {
    const { graph } = await get<Attribution>('/api/incidents/sony-hack/attribution');
    const keys = new Set(graph.nodes.map((node) => node.key));
    expect(keys.has('sony-hack') && keys.has('dprk') && keys.has('fbi')).toBe(true);
    for (const node of graph.nodes) {
      expect(['actor', 'incident', 'claim', 'source']).toContain(node.attributes.type);
      expect(typeof node.attributes.label).toBe('string');
      if (node.attributes.type === 'claim') expect(['asserts', 'denies', 'neither', undefined]).toContain(node.attributes.stance);
    }
    for (const edge of graph.edges) {
      expect(keys.has(edge.source) && keys.has(edge.target)).toBe(true);
      expect(typeof edge.attributes.type).toBe('string');
    }
  });
});

describe('independent claimants on the seeded story, worked out by hand', () => {
  /**
   * The rule: claimants joined by confirmed or reported ties, directly or along a chain, are one voice. The ties
   * that matter here (seed/data/sony-dprk-2014.json): fbi → usa, fbi-director → fbi, nsa → usa, nsa-director → nsa,
   * barack-obama → usa, marie-harf → state-department → usa, michael-mccaul → usa (all confirmed), and
   * anon-paste-authors → anonymous (reported). siliconangle, unnamed-observers, outlet-nk-outage-revenge,
   * unattributed-reports, delwyn-pinto, security-experts and dprk are tied to none of the claimants' groups.
   */
  const sides = (entry: { claims: unknown; independentClaimants: unknown }) => [entry.claims, entry.independentClaimants];

  test('the Sony hack: North Korea alone is accused', async () => {
    const body = await get<Attribution>('/api/incidents/sony-hack/attribution');
    expect(body.accused.map((entry) => entry.actor.id)).toEqual(['dprk']);
    // Asserting (8 claims): fbi, fbi-director, nsa, nsa-director, barack-obama are one voice through usa (1), plus
    // siliconangle, unnamed-observers and outlet-nk-outage-revenge (3): 4. Denying (2 claims): dprk and
    // anon-paste-authors, whose group anonymous is no denier's: 2. Declining (1 claim): security-experts: 1.
    expect(sides(body.accused[0]!)).toEqual([
      { asserts: 8, denies: 2, neither: 1 },
      { asserts: 4, denies: 2, neither: 1 },
    ]);
  });

  test('the outage: the United States, Anonymous and others accused, and an infrastructure failure put forward', async () => {
    const body = await get<Attribution>('/api/incidents/nk-internet-outage/attribution');
    const byId = new Map(body.accused.map((entry) => [entry.actor.id, entry]));
    // usa, asserting (8 claims): unattributed-reports, siliconangle (2 claims), outlet-nk-outage-revenge (2) and
    // delwyn-pinto (3), none tied to another: 4. Declining (3 claims): marie-harf and michael-mccaul are one voice
    // through usa, plus delwyn-pinto: 2.
    expect(sides(byId.get('usa')!)).toEqual([
      { asserts: 8, denies: 0, neither: 3 },
      { asserts: 4, denies: 0, neither: 2 },
    ]);
    // anonymous: asserted by unattributed-reports and delwyn-pinto (2 claims, 2 voices); declined by delwyn-pinto (1, 1).
    expect(sides(byId.get('anonymous')!)).toEqual([
      { asserts: 2, denies: 0, neither: 1 },
      { asserts: 2, denies: 0, neither: 1 },
    ]);
    // sony-pictures and us-sony-allies: one SiliconANGLE claim each.
    for (const id of ['sony-pictures', 'us-sony-allies'])
      expect(sides(byId.get(id)!)).toEqual([
        { asserts: 1, denies: 0, neither: 0 },
        { asserts: 1, denies: 0, neither: 0 },
      ]);
    expect(body.accused.map((entry) => entry.actor.id).sort()).toEqual(['anonymous', 'sony-pictures', 'us-sony-allies', 'usa']);
    // The infrastructure failure, put forward by Pinto as "a distinct possibility" (1 claim, 1 voice).
    expect(body.explanations.map((entry) => [entry.explanation.id, entry.assertedBy.map((e) => [e.claimant.id, e.claim.hedge])])).toEqual([
      ['infrastructure-failure', [['delwyn-pinto', 'a distinct possibility']]],
    ]);
    expect(sides(body.explanations[0]!)).toEqual([
      { asserts: 1, denies: 0, neither: 0 },
      { asserts: 1, denies: 0, neither: 0 },
    ]);
  });

  test("the Sony hack's deniers show the paste authors' group as the source words it", async () => {
    const body = await get<Attribution>('/api/incidents/sony-hack/attribution');
    const paste = body.accused[0]!.deniedBy.find((entry) => entry.claimant.id === 'anon-paste-authors')!;
    expect(paste.claimant.affiliations.map((tie) => [tie.actor.id, tie.certainty, tie.hedge])).toEqual([
      ['anonymous', 'reported', 'reportedly from'],
    ]);
  });
});

describe('GET /api/search', () => {
  test.each([
    ['anonmessage', 'anon-theanonmessage'],
    ['Dyn', 'dyn-research'],
    ['North Korea', 'dprk'],
    ['DPRK', 'dprk'],
    ['fbi', 'fbi'],
  ])('"%s" finds %s near the top', async (q, id) => {
    const body = await get<SearchResponse>(`/api/search?q=${encodeURIComponent(q)}&limit=10`);
    expect(body.results.slice(0, 5).map((result) => result.id)).toContain(id);
    // A record named exactly what was typed may be moved to the front; the rest follow by score.
    const scores = body.results.slice(1).map((result) => result.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  test.each([
    ['FBI', 'fbi'],
    ['north korea', 'dprk'],
  ])('"%s" ranks the record of exactly that name first (%s), above longer names that contain it', async (q, id) => {
    const body = await get<SearchResponse>(`/api/search?q=${encodeURIComponent(q)}`);
    expect(body.results[0]?.id).toBe(id);
  });

  test('filters by type and treats Lucene syntax as plain words', async () => {
    const claims = await get<SearchResponse>('/api/search?q=North%20Korea&types=claim');
    expect(claims.results.length).toBeGreaterThan(0);
    expect(claims.results.every((result) => result.type === 'claim')).toBe(true);
    const odd = await request(app).get(`/api/search?q=${encodeURIComponent('name:(fbi OR *) AND "')}`);
    expect(odd.status).toBe(200);
  });

  test('rejects an empty or unknown type with 400', async () => {
    expect((await request(app).get('/api/search?q=')).status).toBe(400);
    const bad = await request(app).get('/api/search?q=fbi&types=actor,planet');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('types');
  });
});

describe('GET /api/claims', () => {
  test('filters by accused and stance', async () => {
    const body = await get<{ items: ClaimSummary[] }>('/api/claims?accused=dprk&stance=denies');
    expect(body.items.length).toBeGreaterThan(0);
    for (const claim of body.items) {
      expect(claim.stance).toBe('denies');
      expect(claim.accused.map((actor) => actor.id)).toContain('dprk');
    }
  });

  test('filters by claimant, incident and date period', async () => {
    const body = await get<{ items: ClaimSummary[] }>('/api/claims?claimant=fbi&incident=sony-hack');
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((claim) => claim.claimant.id === 'fbi')).toBe(true);
    const december = await get<{ items: ClaimSummary[] }>('/api/claims?from=2014-12-20&to=2014-12-31&limit=200');
    // The expected claims come from the dataset file through the model's own period rule, not from the Cypher filter:
    // a claim dated "2014" or "2014-12" overlaps the window, one dated "2014-12-19" does not.
    const dated = seeded.claims.filter((claim) => claim.date !== undefined);
    const expected = dated.filter((claim) => overlaps(claim.date!, '2014-12-20', '2014-12-31')).map((claim) => claim.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(dated.length);
    expect(december.items.map((claim) => claim.id).sort()).toEqual(expected.sort());
    for (const claim of december.items) {
      expect(claim.date).not.toBeNull();
      // A claim dated only to the month or year overlaps the period.
      expect(`${claim.date}~` >= '2014-12-20' && claim.date! <= '2014-12-31~').toBe(true);
    }
  });

  test('pages with an opaque cursor without repeats or gaps', async () => {
    const all = (await get<{ items: ClaimSummary[] }>('/api/claims?limit=200')).items.map((claim) => claim.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const body: { items: ClaimSummary[]; nextCursor: string | null } = await get(
        `/api/claims?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...body.items.map((claim) => claim.id));
      cursor = body.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(all);
    expect((await request(app).get('/api/claims?cursor=not-a-cursor')).status).toBe(400);
    expect((await request(app).get('/api/claims?limit=201')).status).toBe(400);
  });
});

describe('GET /api/claims, every filter beside every other', () => {
  // The expected ids come from the dataset file: a claim is about each id in its `about`, accuses each accusation's
  // `accused`, is about an incident when `about` names it, and a partial date covers its whole period (the rule of
  // the test above). asOf counts a claim whose period ends by that day, as claimCountsBy in server/graph/asOf.ts says.
  type Filters = Partial<Record<'claimant' | 'source' | 'accused' | 'incident' | 'about' | 'stance' | 'from' | 'to' | 'asOf', string>>;
  const incidents = () => new Set(seeded.incidents.map((incident) => incident.id));
  const matches = (claim: Dataset['claims'][number], filters: Filters): boolean =>
    (filters.claimant === undefined || claim.claimant === filters.claimant) &&
    (filters.source === undefined || claim.sources.includes(filters.source)) &&
    (filters.accused === undefined || claim.accusations.some((accusation) => accusation.accused === filters.accused)) &&
    (filters.incident === undefined || (incidents().has(filters.incident) && claim.about.includes(filters.incident))) &&
    (filters.about === undefined || claim.about.includes(filters.about)) &&
    (filters.stance === undefined || claim.stance === filters.stance) &&
    (filters.from === undefined || (claim.date !== undefined && `${claim.date}~` >= filters.from)) &&
    (filters.to === undefined || (claim.date !== undefined && claim.date <= `${filters.to}~`)) &&
    (filters.asOf === undefined || claimCountsBy(claim.date, claim.datePrecision, dateSpan(filters.asOf)!.end) === 'counts');
  // Each of the six statements (no anchor, or the first of claimant, source, accused, incident, about that is set)
  // with other filters beside it, chosen so that each filter but the anchor leaves out claims the others keep:
  // every condition of the statements is then one whose loss a case would see.
  const ANCHORS = ['claimant', 'source', 'accused', 'incident', 'about'] as const;
  const cases: Array<[string, Filters]> = [
    ['no anchor: stance and a period', { stance: 'asserts', from: '2014-12', to: '2014-12-19' }],
    ['claimant with incident and stance', { claimant: 'delwyn-pinto', incident: 'nk-internet-outage', stance: 'asserts' }],
    ['claimant with source', { claimant: 'dprk', source: 'src-nk-outage-revenge' }],
    ['source with accused', { source: 'src-siliconangle-nk-offline', accused: 'dprk' }],
    ['source with about and a last day', { source: 'src-nk-outage-days-after-hack', about: 'nk-internet-outage', to: '2014-12-19' }],
    ['accused with incident and stance', { accused: 'dprk', incident: 'sony-hack', stance: 'asserts' }],
    ['incident with about and a first day', { incident: 'sony-hack', about: 'dprk', from: '2014-12-20' }],
    ['about with stance and asOf', { about: 'sony-hack', stance: 'asserts', asOf: '2014-12-20' }],
  ];
  const claimsMatching = (filters: Filters) => seeded.claims.filter((claim) => matches(claim, filters)).map((claim) => claim.id);
  test.each(cases)('%s', async (_name, filters) => {
    const expected = claimsMatching(filters);
    expect(expected.length).toBeGreaterThan(0);
    const anchor = ANCHORS.find((name) => filters[name] !== undefined);
    for (const name of Object.keys(filters) as Array<keyof Filters>) {
      if (name === anchor) continue;
      const { [name]: _left, ...others } = filters;
      expect([name, claimsMatching(others).length > expected.length]).toEqual([name, true]);
    }
    const body = await get<{ items: ClaimSummary[] }>(`/api/claims?${new URLSearchParams({ ...filters, limit: '200' })}`);
    expect(body.items.map((claim) => claim.id)).toEqual([...expected].sort());
  });
});

describe('GET /api/claims/:id', () => {
  test('gives the claim with claimant, sources and the claims it supports and that support it', async () => {
    const body = await get<ClaimDetail>('/api/claims/fbi-attributes-sony-hack');
    expect(body.claim).toMatchObject({ id: 'fbi-attributes-sony-hack', stance: 'asserts' });
    expect(body.claimant.id).toBe('fbi');
    expect(body.accused.map((actor) => actor.id)).toEqual(['dprk']);
    expect(body.sources.length).toBeGreaterThan(0);
    expect(body.supportedBy.map((linked) => linked.claim.id)).toEqual(
      expect.arrayContaining(['fbi-director-very-confident', 'obama-blames-dprk']),
    );
    expect(body.disputedBy.length).toBeGreaterThan(0);
    for (const linked of [...body.supportedBy, ...body.disputedBy]) expect(linked.claimant.id).toBeTruthy();
  });
});

describe('GET /api/graph/paths', () => {
  test('finds the shortest paths between Anonymous and the FBI, each a connected walk', async () => {
    const body = await get<PathsResponse>('/api/graph/paths?from=anonymous&to=fbi&maxHops=6');
    expect(body.paths.length).toBeGreaterThan(0);
    const edges = new Map(body.graph.edges.map((edge) => [edge.key, edge]));
    for (const path of body.paths) {
      expect(path.nodes[0]).toBe('anonymous');
      expect(path.nodes[path.nodes.length - 1]).toBe('fbi');
      expect(path.edges).toHaveLength(path.nodes.length - 1);
      path.edges.forEach((key, i) => {
        const edge = edges.get(key)!;
        expect([edge.source, edge.target].sort()).toEqual([path.nodes[i], path.nodes[i + 1]].sort());
      });
    }
  });

  test('caps maxHops at 6 and answers 404 for an unknown end', async () => {
    expect((await request(app).get('/api/graph/paths?from=anonymous&to=fbi&maxHops=7')).status).toBe(400);
    expect((await request(app).get('/api/graph/paths?from=anonymous&to=nobody')).status).toBe(404);
  });
});

describe('GET /api/graph/neighborhood/:id', () => {
  test('grows with depth and never exceeds the limit', async () => {
    const one = await get<GraphView>('/api/graph/neighborhood/fbi?depth=1');
    const two = await get<GraphView>('/api/graph/neighborhood/fbi?depth=2');
    expect(two.graph.nodes.length).toBeGreaterThan(one.graph.nodes.length);
    const capped = await get<GraphView>('/api/graph/neighborhood/fbi?depth=3&limit=10');
    expect(capped.graph.nodes.length).toBeLessThanOrEqual(10);
    expect(capped.truncated).toBe(true);
  });

  test('keeps only the requested node types around the centre', async () => {
    const body = await get<GraphView>('/api/graph/neighborhood/sony-hack?depth=2&types=claim');
    const types = new Set(body.graph.nodes.filter((node) => node.key !== 'sony-hack').map((node) => node.attributes.type));
    expect([...types]).toEqual(['claim']);
  });

  test('refuses depths outside 1–3', async () => {
    for (const depth of ['0', '4', '1.5', 'x']) {
      const response = await request(app).get(`/api/graph/neighborhood/fbi?depth=${depth}`);
      expect(response.status).toBe(400);
      expect(response.body.detail).toContain('depth: expected an integer from 1 to 3');
    }
  });
});

describe('GET /api/graph/chains/:claimId', () => {
  test('follows a claim upstream to the evidence it rests on', async () => {
    const body = await get<Chain>('/api/graph/chains/revenge-us-almost-certain?direction=upstream');
    const ids = body.steps.map((step) => step.claim.id);
    expect(ids[0]).toBe('revenge-us-almost-certain');
    expect(ids).toEqual(expect.arrayContaining(['mccaul-outage-was-response', 'mccaul-cyber-responses']));
    const depthOf = new Map(body.steps.map((step) => [step.claim.id, step.depth]));
    expect(depthOf.get('mccaul-cyber-responses')).toBeGreaterThan(depthOf.get('mccaul-outage-was-response')!);
  });

  test('lists each level in its frontier’s order, then by link type and id, the same on every call', async () => {
    const first = await get<Chain>('/api/graph/chains/fbi-attributes-sony-hack?direction=upstream');
    const again = await get<Chain>('/api/graph/chains/fbi-attributes-sony-hack?direction=upstream');
    expect(again.steps).toEqual(first.steps);
    // The FBI's attribution rests on more than one claim at its first level, so the order within a level is tested.
    expect(first.steps.filter((step) => step.depth === 1).length).toBeGreaterThan(1);
    // Within a level, steps come by where their `from` stands in the level before, then CITES before SUPPORTS, then id.
    const position = new Map(first.steps.map((step, index) => [step.claim.id, index]));
    const key = (step: Chain['steps'][number]) => [position.get(step.from ?? '') ?? -1, step.via ?? '', step.claim.id] as const;
    for (let i = 1; i < first.steps.length; i += 1) {
      const [a, b] = [first.steps[i - 1]!, first.steps[i]!];
      if (a.depth !== b.depth) continue;
      const [ka, kb] = [key(a), key(b)];
      const ordered = ka[0] < kb[0] || (ka[0] === kb[0] && (ka[1] < kb[1] || (ka[1] === kb[1] && ka[2] < kb[2])));
      expect({ after: a.claim.id, step: b.claim.id, ordered }).toEqual({ after: a.claim.id, step: b.claim.id, ordered: true });
    }
  });

  test('follows a claim downstream to those who relied on it', async () => {
    const body = await get<Chain>('/api/graph/chains/mccaul-outage-was-response?direction=downstream');
    expect(body.steps.map((step) => step.claim.id)).toEqual(
      expect.arrayContaining(['bloomberg-mccaul-first-official', 'revenge-us-almost-certain']),
    );
  });
});

describe('warmUp', () => {
  test('runs every read route of the table but the export, chains both ways, without a failure', async () => {
    const report = await warmUp({ db }, ROUTES);
    expect(report.failed).toEqual([]);
    // Every GET route but the export, whose queries are the views' own; the views that also download CSV run as JSON.
    const readRoutes = ROUTES.filter((route) => route.method === 'get' && route.path !== '/export');
    // Chains run upstream and downstream, paths once per hop bound (1–6); every other route once.
    expect(report.routes).toBe(readRoutes.length + 1 + 5);
  });

  test('reports a route whose run fails instead of throwing', async () => {
    const failing = [
      ...ROUTES.filter((route) => route.path === '/health'),
      {
        ...ROUTES.find((route) => route.path === '/stats')!,
        run: () => Promise.reject(Object.assign(new Error('x'), { code: 'Test.Failure' })),
      },
    ];
    const report = await warmUp({ db }, failing);
    expect(report.routes).toBe(2);
    expect(report.failed).toEqual(['/stats: Test.Failure']);
  });
});
