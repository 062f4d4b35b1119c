// GET /api/incidents/:id/attribution, /api/claims/:id and /api/sources/:id/document on a small made-up story whose
// every count is worked out by hand below: accusations are scoped to their incident, explanations and related
// incidents have their own sections, claimants carry their affiliations, and document spans slice to their words.
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { PROJECT_ROOT } from '../../server/config';
import { loadDataset } from '../../server/db/load';
import { ensureSchema } from '../../server/db/schema';
import { attribution } from '../../server/graph/service';
import { attributionQuery, type ActorDetail, type Attribution, type ClaimDetail, type SourceDocument } from '../../server/model/api';
import { validateDataset } from '../../server/model/validate';
import { testApp } from '../support/api';
import { FIXTURE_DOCUMENTS, readDataset, useDatabase, wipe, PATIENT } from '../support/db';

const TEXT = [
  'PORT GAZETTE',
  '',
  'Alpha Agency said Bravo State hacked the port.',
  'Bravo State denied hacking the port.',
  'Charlie Daily said the blackout was revenge for the port hack, and that Delta Land caused it.',
  'Engineers called a power failure "a distinct possibility" for the blackout.',
  'The Alpha director, reportedly from Alpha Agency, said "[Bravo State] did it".',
].join('\n');

const STORY = {
  dataset: { id: 'port-story', title: 'A made-up story for attribution tests' },
  sources: [{ id: 'gazette', title: 'Port Gazette', documentRef: 'port-gazette.txt', text: TEXT }],
  actors: [
    { id: 'alpha', name: 'Alpha Agency', kind: 'agency' },
    {
      id: 'alpha-director',
      name: 'Alpha director',
      kind: 'official',
      affiliations: [
        {
          actor: 'alpha',
          role: 'director',
          certainty: 'reported',
          hedge: 'reportedly from',
          sources: ['gazette'],
          evidence: [{ source: 'gazette', excerpt: 'The Alpha director, reportedly from Alpha Agency' }],
        },
      ],
    },
    { id: 'bravo', name: 'Bravo State', kind: 'state' },
    { id: 'charlie', name: 'Charlie Daily', kind: 'media' },
    { id: 'delta', name: 'Delta Land', kind: 'state' },
    { id: 'engineers', name: 'Engineers', kind: 'group' },
  ],
  incidents: [
    { id: 'port-hack', name: 'Port hack', kind: 'intrusion', description: 'An intrusion into the port.' },
    { id: 'blackout', name: 'Blackout', kind: 'outage', description: 'A blackout after the hack.', relatedTo: ['port-hack'] },
  ],
  explanations: [{ id: 'power-failure', name: 'Power failure', kind: 'technical-failure' }],
  claims: [
    {
      id: 'alpha-blames-bravo',
      claimant: 'alpha',
      kind: 'attribution',
      about: ['port-hack'],
      accusations: [{ incident: 'port-hack', accused: 'bravo' }],
      stance: 'asserts',
      confidence: 'certain',
      text: 'Alpha Agency says Bravo State hacked the port.',
      sources: ['gazette'],
      evidence: [{ source: 'gazette', excerpt: 'Alpha Agency said Bravo State hacked the port.' }],
    },
    {
      id: 'bravo-denies',
      claimant: 'bravo',
      kind: 'denial',
      about: ['port-hack'],
      accusations: [{ incident: 'port-hack', accused: 'bravo' }],
      stance: 'denies',
      confidence: 'certain',
      text: 'Bravo State denies the hack.',
      sources: ['gazette'],
      evidence: [{ source: 'gazette', excerpt: 'Bravo State denied hacking the port.' }],
    },
    {
      // About the port hack as context, but it blames Delta Land for the blackout only.
      id: 'charlie-revenge',
      claimant: 'charlie',
      kind: 'attribution',
      about: ['blackout', 'port-hack'],
      accusations: [{ incident: 'blackout', accused: 'delta' }],
      stance: 'asserts',
      confidence: 'moderate',
      text: 'Charlie Daily says Delta Land caused the blackout in revenge for the port hack.',
      sources: ['gazette'],
      evidence: [
        { source: 'gazette', excerpt: 'Charlie Daily said the blackout was revenge for the port hack, and that Delta Land caused it.' },
      ],
    },
    {
      id: 'engineers-power',
      claimant: 'engineers',
      kind: 'speculation',
      about: ['blackout'],
      accusations: [{ incident: 'blackout', explanation: 'power-failure' }],
      stance: 'asserts',
      confidence: 'moderate',
      hedge: 'a distinct possibility',
      text: 'Engineers think a power failure may explain the blackout.',
      sources: ['gazette'],
      evidence: [{ source: 'gazette', excerpt: 'Engineers called a power failure "a distinct possibility" for the blackout.' }],
    },
    {
      id: 'director-agrees',
      claimant: 'alpha-director',
      kind: 'attribution',
      about: ['port-hack'],
      accusations: [{ incident: 'port-hack', accused: 'bravo' }],
      stance: 'asserts',
      confidence: 'certain',
      text: 'The Alpha director says Bravo State did it.',
      quote: '[Bravo State] did it',
      sources: ['gazette'],
      evidence: [{ source: 'gazette', excerpt: 'The Alpha director, reportedly from Alpha Agency, said "[Bravo State] did it".' }],
    },
  ],
};

const store = useDatabase({ env: PATIENT });
let app: Express;
beforeAll(async () => {
  await wipe(store.db);
  await ensureSchema(store.db);
  const validated = validateDataset(STORY, 'port-story.json');
  if (!validated.ok) throw new Error(JSON.stringify(validated.problems));
  await loadDataset(store.db, validated.dataset);
  app = testApp(store.db);
});

const get = async <T>(url: string): Promise<T> => {
  const response = await request(app).get(url);
  expect(response.status).toBe(200);
  return response.body as T;
};

describe('GET /api/incidents/:id/attribution', () => {
  test('counts only accusations of the incident asked about: Delta Land, blamed for the blackout, is not accused of the port hack', async () => {
    const body = await get<Attribution>('/api/incidents/port-hack/attribution');
    // Accusations of port-hack: alpha and the director assert Bravo, Bravo denies. charlie-revenge is ABOUT the
    // port hack but accuses Delta Land of the blackout, so Delta Land is no accused here: one accused, Bravo.
    expect(body.accused.map((entry) => entry.actor.id)).toEqual(['bravo']);
    expect(body.accusedTotal).toBe(1);
    const bravo = body.accused[0]!;
    // Claims per side: asserts = alpha-blames-bravo + director-agrees = 2; denies = bravo-denies = 1; neither = 0.
    expect(bravo.claims).toEqual({ asserts: 2, denies: 1, neither: 0 });
    // The director is reportedly from Alpha Agency (a firm tie), so the two asserting voices are one: 1; denies 1.
    expect(bravo.independentClaimants).toEqual({ asserts: 1, denies: 1, neither: 0 });
    // No claim of the story cites or characterizes another, so each is its own origin: the agency and its director
    // are one origin, Bravo State another.
    expect(bravo.independentOrigins).toEqual({ asserts: 1, denies: 1, neither: 0 });
    expect(bravo.assertedBy.map((entry) => entry.claim.id).sort()).toEqual(['alpha-blames-bravo', 'director-agrees']);
    expect(body.explanations).toEqual([]);
  });

  test('lists a related incident apart, with its own accused and explanations, never in the main counts', async () => {
    const body = await get<Attribution>('/api/incidents/port-hack/attribution');
    // The blackout is related to the port hack (blackout.relatedTo = [port-hack]), so it is the one related section.
    expect(body.related.map((entry) => entry.incident.id)).toEqual(['blackout']);
    const blackout = body.related[0]!;
    // On the blackout: Delta Land asserted once (charlie-revenge); the power failure asserted once (engineers-power).
    expect(blackout.accused.map((entry) => [entry.actor.id, entry.claims])).toEqual([['delta', { asserts: 1, denies: 0, neither: 0 }]]);
    expect(blackout.explanations.map((entry) => [entry.explanation.id, entry.claims])).toEqual([
      ['power-failure', { asserts: 1, denies: 0, neither: 0 }],
    ]);
    // The related sections count origins on their own incident's claims: charlie-revenge, engineers-power, one each.
    expect(blackout.accused[0]!.independentOrigins).toEqual({ asserts: 1, denies: 0, neither: 0 });
    expect(blackout.explanations[0]!.independentOrigins).toEqual({ asserts: 1, denies: 0, neither: 0 });
  });

  test('lists explanations beside the accused, with who put them forward and in what words', async () => {
    const body = await get<Attribution>('/api/incidents/blackout/attribution');
    expect(body.accused.map((entry) => entry.actor.id)).toEqual(['delta']);
    expect(body.explanations).toHaveLength(1);
    const power = body.explanations[0]!;
    expect(power.explanation).toEqual({ id: 'power-failure', name: 'Power failure', kind: 'technical-failure' });
    expect(power.assertedBy.map((entry) => [entry.claimant.id, entry.claim.hedge])).toEqual([['engineers', 'a distinct possibility']]);
    expect(power.independentClaimants).toEqual({ asserts: 1, denies: 0, neither: 0 });
    expect(body.related.map((entry) => entry.incident.id)).toEqual(['port-hack']);
  });

  test("draws the incident's listed claims with what surrounds them, and lists related claims without drawing them", async () => {
    const body = await get<Attribution>('/api/incidents/port-hack/attribution');
    // Drawn: the three claims listed for the port hack (alpha-blames-bravo, director-agrees, bravo-denies), their
    // claimants (alpha, alpha-director, bravo), the one source (gazette), the one accused (bravo, already there) and
    // what they are about (port-hack, also the incident itself): 3 claims + 5 other records = 8 nodes, in key order.
    expect(body.graph.nodes.map((node) => node.key)).toEqual([
      'alpha',
      'alpha-blames-bravo',
      'alpha-director',
      'bravo',
      'bravo-denies',
      'director-agrees',
      'gazette',
      'port-hack',
    ]);
    // Each drawn claim has one MADE, one REPORTED_IN, one ACCUSES (of the port hack) and one ABOUT: 3 × 4 = 12 edges.
    const edges = body.graph.edges.map((edge) => edge.key);
    expect(edges).toHaveLength(12);
    expect(edges.filter((key) => key.includes('director-agrees'))).toEqual([
      'ABOUT:director-agrees->port-hack',
      'ACCUSES:director-agrees->bravo@port-hack',
      'MADE:alpha-director->director-agrees',
      'REPORTED_IN:director-agrees->gazette',
    ]);
    // The edge carries the relationship's stored properties, integers as numbers. Evidence: "PORT GAZETTE" (12) and
    // two newlines put the third line at 14; its 46 characters end at 60. The quote of the last line: the lines before
    // it take 14 + 47 + 37 + 94 + 76 = 268 characters with their newlines, and `The Alpha director, reportedly from
    // Alpha Agency, said "` 56 more, so "[Bravo State] did it" (20) stands at 324–344 in the span 268–346.
    const reported = (claim: string) => body.graph.edges.find((edge) => edge.key === `REPORTED_IN:${claim}->gazette`)!.attributes;
    expect(reported('alpha-blames-bravo')).toEqual({ type: 'REPORTED_IN', position: 0, evidenceStarts: [14], evidenceEnds: [60] });
    expect(reported('director-agrees')).toEqual({
      type: 'REPORTED_IN',
      position: 0,
      evidenceStarts: [268],
      evidenceEnds: [346],
      quoteStart: 324,
      quoteEnd: 344,
    });
    const claimNode = body.graph.nodes.find((node) => node.key === 'director-agrees')!.attributes;
    expect([claimNode.type, claimNode.label, claimNode.quote, claimNode.stance]).toEqual([
      'claim',
      'The Alpha director says Bravo State did it.',
      '[Bravo State] did it',
      'asserts',
    ]);
    // The blackout's claims (charlie-revenge, engineers-power) are listed under `related` but not drawn: neither they,
    // their claimants (charlie, engineers), nor what they blame (delta, power-failure) or are about (blackout).
    for (const key of ['charlie-revenge', 'engineers-power', 'charlie', 'engineers', 'delta', 'power-failure', 'blackout'])
      expect(body.graph.nodes.some((node) => node.key === key)).toBe(false);
    // Listed, they still carry their claimant and their source, read once for the drawn and undrawn claims alike.
    const revenge = body.related[0]!.accused[0]!.assertedBy[0]!;
    expect(revenge.claim.id).toBe('charlie-revenge');
    expect(revenge.claimant).toEqual({ id: 'charlie', name: 'Charlie Daily', kind: 'media', affiliations: [] });
    const gazette = {
      id: 'gazette',
      title: 'Port Gazette',
      publisher: null,
      author: null,
      published: null,
      publishedPrecision: null,
      url: null,
      documentRef: 'port-gazette.txt',
    };
    expect(revenge.sources).toEqual([gazette]);
    expect(body.accused[0]!.deniedBy.map((entry) => entry.sources)).toEqual([[gazette]]);
    // The incident's own fields come with it: no aliases given, so an empty list; no dates, so nulls.
    expect(body.incident).toEqual({
      id: 'port-hack',
      name: 'Port hack',
      kind: 'intrusion',
      aliases: [],
      description: 'An intrusion into the port.',
      start: null,
      end: null,
      datePrecision: null,
    });
  });

  test("every claimant carries its affiliations, with the source's hedge", async () => {
    const body = await get<Attribution>('/api/incidents/port-hack/attribution');
    const director = body.accused[0]!.assertedBy.find((entry) => entry.claimant.id === 'alpha-director')!;
    expect(director.claimant.affiliations).toEqual([
      { actor: { id: 'alpha', name: 'Alpha Agency', kind: 'agency' }, role: 'director', certainty: 'reported', hedge: 'reportedly from' },
    ]);
    const alpha = body.accused[0]!.assertedBy.find((entry) => entry.claimant.id === 'alpha')!;
    expect(alpha.claimant.affiliations).toEqual([]);
  });
});

describe('GET /api/actors/:id', () => {
  test('lists what its affiliates said, grouped by how firm the tie is', async () => {
    const detail = await get<ActorDetail>('/api/actors/alpha');
    // One affiliate, the director, reportedly from Alpha Agency, made one claim: one group, "reported", of one claim.
    expect(
      detail.affiliatesSaid.map((group) => [
        group.certainty,
        group.claims.map((claim) => [claim.id, claim.affiliate.id, claim.role, claim.hedge]),
      ]),
    ).toEqual([['reported', [['director-agrees', 'alpha-director', 'director', 'reportedly from']]]]);
    expect((await get<ActorDetail>('/api/actors/bravo')).affiliatesSaid).toEqual([]);
  });
});

describe('GET /api/claims/:id and /api/sources/:id/document', () => {
  test('a claim carries its evidence, cut from the document at its offsets, and its accusations', async () => {
    const detail = await get<ClaimDetail>('/api/claims/director-agrees');
    const excerpt = 'The Alpha director, reportedly from Alpha Agency, said "[Bravo State] did it".';
    // The excerpt is the story's last line: every earlier line and its newline come first.
    const start = TEXT.length - excerpt.length;
    expect(detail.evidence).toEqual([{ source: 'gazette', start, end: TEXT.length, text: excerpt }]);
    // "[Bravo State]" opens the quote: the bracket, 11 letters and a space, the bracket: 0 to 13, the reporter's words.
    expect(detail.quoteInsertions).toEqual([{ start: 0, end: 13, text: '[Bravo State]' }]);
    expect(detail.accusations).toEqual([
      { incident: { id: 'port-hack', name: 'Port hack' }, target: { id: 'bravo', type: 'actor', name: 'Bravo State' }, stance: 'asserts' },
    ]);
  });

  test("the document's spans slice to their words: evidence, quote and hedge", async () => {
    const document = await get<SourceDocument>('/api/sources/gazette/document');
    expect(document.text).toBe(TEXT);
    // Five claims with one evidence span each, plus one quote (director-agrees) and one hedge (engineers-power): 7.
    expect(document.spans).toHaveLength(7);
    for (const span of document.spans) expect(document.text.slice(span.start, span.end).length).toBe(span.end - span.start);
    const quote = document.spans.find((span) => span.role === 'quote')!;
    expect([quote.claim, document.text.slice(quote.start, quote.end)]).toEqual(['director-agrees', '[Bravo State] did it']);
    const hedge = document.spans.find((span) => span.role === 'hedge')!;
    expect([hedge.claim, hedge.stance, document.text.slice(hedge.start, hedge.end)]).toEqual([
      'engineers-power',
      'asserts',
      'a distinct possibility',
    ]);
    const evidence = document.spans.filter((span) => span.role === 'evidence');
    expect(evidence.map((span) => document.text.slice(span.start, span.end))).toEqual(
      STORY.claims.map((claim) => claim.evidence[0]!.excerpt),
    );
  });

  test('a source without text answers 404 problem+json saying so', async () => {
    const TOKEN = 'document-token-0123456789';
    const untexted = {
      ...STORY,
      dataset: { id: 'untexted', title: 'x' },
      sources: [{ id: 'wire', title: 'Wire', documentRef: 'wire.txt' }],
    };
    const response = await request(testApp(store.db, { WRITE_TOKEN: TOKEN }))
      .post('/api/datasets')
      .set('Authorization', `Bearer ${TOKEN}`)
      .send({ ...untexted, actors: [], incidents: [], explanations: [], claims: [] });
    expect(response.status).toBe(200);
    const missing = await request(app).get('/api/sources/wire/document');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.body.detail).toBe('document of source "wire" was not found');
  });
});

describe('independent origins on the small story of the analyst views (tests/fixtures/analysis-small.json)', () => {
  beforeAll(async () => {
    await wipe(store.db);
    await loadDataset(store.db, await readDataset(path.join(PROJECT_ROOT, 'tests', 'fixtures', 'analysis-small.json'), FIXTURE_DOCUMENTS));
    // The data was reloaded, so Neo4j plans afresh; a string \`asOf\` is planned apart from a null one. Paid here, with time to spare.
    for (const asOf of [undefined, '2020-03-10'])
      await attribution({ ...store.db, queryTimeoutMs: 60_000 }, 'vault-breach', attributionQuery.parse({ asOf }));
  });

  test('outlets repeating the minister count once; claims citing only each other count for nothing', async () => {
    const body = await get<Attribution>('/api/incidents/vault-breach/attribution');
    const [rival, gang] = body.accused;
    expect([rival!.actor.id, gang!.actor.id]).toEqual(['rival', 'gang']);
    // Asserting the Rival State: the analyst, the agency and the minister speak for themselves; the Tribune
    // characterizes the minister and the Herald cites the Tribune, so both rest on the minister: 3 origins for 5
    // independent claimants. Denying: the Rival State with its press (one group), and the analyst: 2.
    expect(rival!.independentClaimants).toEqual({ asserts: 5, denies: 2, neither: 0 });
    expect(rival!.independentOrigins).toEqual({ asserts: 3, denies: 2, neither: 0 });
    // The gang: the blogger and the Herald cite only each other, leaving the analyst's claim: 1. The ministry's
    // non-answer is its own origin: 1.
    expect(gang!.independentOrigins).toEqual({ asserts: 1, denies: 0, neither: 1 });
    // The power cut is related: its accused and explanations carry their own origins, one claim each.
    expect(
      body.related[0]!.accused.map((entry) => [entry.actor.id, entry.independentOrigins]).concat(
        body.related[0]!.explanations.map((entry) => [entry.explanation.id, entry.independentOrigins]),
      ),
    ).toEqual([
      ['rival', { asserts: 1, denies: 0, neither: 0 }],
      ['faulty-cable', { asserts: 1, denies: 0, neither: 0 }],
      ['unknown-cause', { asserts: 1, denies: 0, neither: 0 }],
    ]);
  });

  test('as of a date, origins are counted on the claims made by then', async () => {
    const body = await get<Attribution>('/api/incidents/vault-breach/attribution?asOf=2020-03-10');
    const rival = body.accused.find((entry) => entry.actor.id === 'rival')!;
    // By 10 March: analyst-rival-first, agency-blames-rival and minister-blames-rival assert (three origins); the
    // Tribune's and the Herald's (11th, 12th) are still to come. rival-denies denies; rival-press-denies is undated.
    expect(rival.claims).toEqual({ asserts: 3, denies: 1, neither: 0 });
    expect(rival.independentOrigins).toEqual({ asserts: 3, denies: 1, neither: 0 });
    // By 12 March the two outlets repeat the minister: two more claims and voices, no new origin.
    const later = (await get<Attribution>('/api/incidents/vault-breach/attribution?asOf=2020-03-12')).accused.find(
      (entry) => entry.actor.id === 'rival',
    )!;
    expect([later.claims.asserts, later.independentClaimants.asserts, later.independentOrigins.asserts]).toEqual([5, 5, 3]);
  });
});
