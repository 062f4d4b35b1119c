// Checks the STIX export against the OASIS STIX 2.1 JSON schemas and its mapping, determinism, the import's errors, and the graph → bundle → dataset round trip.
import { datasetSchema, type Dataset } from '../../server/model/dataset';
import { ClaimGraphError } from '../../server/model/errors';
import { formatProblem, validateDataset } from '../../server/model/validate';
import { type Stance } from '../../server/model/vocabulary';
import type { SerializedGraph } from '../../server/model/wire';
import {
  CONFIDENCE_SCALE,
  confidenceFromScale,
  fromStixBundle,
  importStixBundle,
  StixValidationError,
  stixId,
  toStixBundle,
  type StixBundle,
  type StixObject,
} from '../../server/interchange';
import { reversedGraph } from './helpers';
import { interchangeDocuments, interchangeGraph, parsedInterchangeDataset } from '../fixtures/interchange-graph';
import { loadValidators, schemaFor } from '../support/stixSchemas';

/** For each incident and accused actor or explanation, the claimants asserting, denying and taking neither side. */
type Answers = Record<string, Record<string, Record<Stance, string[]>>>;

function addAnswer(answers: Answers, incident: string, target: string, stance: Stance, claimant: string) {
  const forIncident = (answers[incident] ??= {});
  const forTarget = (forIncident[target] ??= { asserts: [], denies: [], neither: [] });
  if (!forTarget[stance].includes(claimant)) forTarget[stance] = [...forTarget[stance], claimant].sort();
}

/** Each accusation counts for its own incident only, with its own stance (the claim's when it gives none). */
function answersFromDataset(dataset: Dataset): Answers {
  const answers: Answers = {};
  for (const claim of dataset.claims) {
    for (const accusation of claim.accusations) {
      const stance = accusation.stance ?? claim.stance;
      if (stance === undefined) continue;
      addAnswer(answers, accusation.incident, (accusation.accused ?? accusation.explanation)!, stance, claim.claimant);
    }
  }
  return answers;
}

function answersFromGraph(graph: SerializedGraph): Answers {
  const answers: Answers = {};
  const claimantOf = new Map(graph.edges.filter((edge) => edge.attributes.type === 'MADE').map((edge) => [edge.target, edge.source]));
  for (const edge of graph.edges.filter((candidate) => candidate.attributes.type === 'ACCUSES')) {
    addAnswer(answers, String(edge.attributes.incident), edge.target, edge.attributes.stance!, claimantOf.get(edge.source)!);
  }
  return answers;
}

/** A claim with its lists in a fixed order and its defaults spelled out, so two that say the same thing compare equal. */
function normalClaim(claim: Dataset['claims'][number] | undefined) {
  if (claim === undefined) return undefined;
  const key = (value: object) => JSON.stringify(value);
  return {
    ...claim,
    about: [...claim.about].sort(),
    accusations: claim.accusations
      .map((accusation) => ({ ...accusation, stance: accusation.stance ?? claim.stance }))
      .sort((a, b) => key(a).localeCompare(key(b))),
    evidence: [...claim.evidence].sort((a, b) => a.source.localeCompare(b.source) || a.start! - b.start!),
    // The loader records "stated" for a dated claim that gives no basis.
    dateBasis: claim.date === undefined ? undefined : (claim.dateBasis ?? 'stated'),
  };
}

const meta = { generatedAt: '2024-05-01T10:00:00.000Z', documents: interchangeDocuments };
const relationship = (claim: string, incident: string, accused: string) =>
  stixId('relationship', `attributed-to:${claim}:${incident}:${accused}`);
const incidentRef = (incident: string) => stixId('incident', `incident:${incident}`);
const explanationNote = (explanation: string, incident: string) => stixId('note', `explanation:${explanation}:${incident}`);

describe('toStixBundle', () => {
  const bundle = toStixBundle(interchangeGraph, meta);
  const byId = new Map(bundle.objects.map((object) => [object.id, object]));
  const ofType = <T extends StixObject['type']>(type: T) =>
    bundle.objects.filter((object): object is Extract<StixObject, { type: T }> => object.type === type);
  const forRecord = (record: string) => bundle.objects.filter((object) => object.x_claimgraph_id === record);
  const validator = loadValidators();
  const expectValid = (objects: readonly StixObject[]) => {
    for (const object of objects) {
      const validate = validator(schemaFor(object));
      const valid = validate(object);
      expect({ id: object.id, errors: valid ? null : validate.errors }).toEqual({ id: object.id, errors: null });
    }
  };

  test('every object passes its OASIS STIX 2.1 schema, and the bundle envelope passes bundle.json', () => {
    expectValid(bundle.objects);
    // bundle.json cannot check incident, opinion and note objects (see NOTES.md), so the envelope is checked without them.
    const envelope = validator('common/bundle.json');
    expect(envelope({ type: bundle.type, id: bundle.id })).toBe(true);
    expect(bundle.objects.every((object) => object.spec_version === '2.1')).toBe(true);
    // So is a bundle exported without the documents' texts, and one whose accusations predate their incidents.
    expectValid(toStixBundle(interchangeGraph, { generatedAt: meta.generatedAt }).objects);
  });

  test('ids are unique and every reference points at an object in the bundle', () => {
    expect(byId.size).toBe(bundle.objects.length);
    for (const object of bundle.objects) {
      const refs = [
        object.created_by_ref,
        ...(object.type === 'relationship' ? [object.source_ref, object.target_ref] : []),
        ...('object_refs' in object ? object.object_refs : []),
      ].filter((ref): ref is string => ref !== undefined);
      for (const ref of refs) expect({ from: object.id, ref, found: byId.has(ref) }).toEqual({ from: object.id, ref, found: true });
    }
  });

  test('each actor is one object: accused states and collectives are threat-actors, everyone else an identity', () => {
    const identities = new Map(ofType('identity').map((identity) => [identity.x_claimgraph_id, identity]));
    const threatActors = new Map(ofType('threat-actor').map((actor) => [actor.x_claimgraph_id, actor]));
    expect([...identities.keys()].sort()).toEqual(['dyn-research', 'hackread']);
    expect([...threatActors.keys()].sort()).toEqual(['guardians-of-peace', 'north-korea', 'united-states']);
    const actorNodes = interchangeGraph.nodes.filter((node) => node.attributes.type === 'actor').map((node) => node.key);
    expect(
      bundle.objects
        .filter((object) => object.type === 'identity' || object.type === 'threat-actor')
        .map((object) => object.x_claimgraph_id)
        .sort(),
    ).toEqual([...actorNodes].sort());
    expect(threatActors.get('north-korea')).toMatchObject({
      id: stixId('threat-actor', 'threat-actor:north-korea'),
      name: 'North Korea',
      threat_actor_types: ['nation-state'],
      aliases: ['DPRK', "Democratic People's Republic of Korea"],
    });
    expect(identities.get('dyn-research')).toMatchObject({ identity_class: 'organization', description: 'Internet monitoring firm.' });
    // STIX requires created_by_ref to name an identity.
    for (const object of bundle.objects) {
      if (object.created_by_ref !== undefined) expect(byId.get(object.created_by_ref)?.type).toBe('identity');
    }
    // Every object a claim became names its claimant, the claim's MADE source: as created_by_ref when the claimant is an
    // identity, else (a threat-actor cannot be created_by_ref) as x_claimgraph_claimant; only synthesised propositions name none.
    const claimants = new Map(
      interchangeGraph.edges.filter((edge) => edge.attributes.type === 'MADE').map((edge) => [edge.target, edge.source] as const),
    );
    const claimObjects = bundle.objects.filter((object) => object.x_claimgraph_id !== undefined && claimants.has(object.x_claimgraph_id));
    expect(new Set(claimObjects.map((object) => object.x_claimgraph_id))).toEqual(new Set(claimants.keys()));
    for (const object of claimObjects) {
      const claimant = claimants.get(object.x_claimgraph_id!)!;
      expect({ id: object.id, created_by_ref: object.created_by_ref, x_claimgraph_claimant: object.x_claimgraph_claimant }).toEqual(
        identities.has(claimant)
          ? { id: object.id, created_by_ref: stixId('identity', `identity:${claimant}`), x_claimgraph_claimant: undefined }
          : { id: object.id, created_by_ref: undefined, x_claimgraph_claimant: claimant },
      );
    }
    expect(claimObjects.filter((object) => object.created_by_ref !== undefined).length).toBeGreaterThan(0);
    expect(claimObjects.filter((object) => object.x_claimgraph_claimant !== undefined).length).toBeGreaterThan(0);
    const unclaimed = bundle.objects.filter((object) => object.created_by_ref === undefined && object.x_claimgraph_claimant === undefined);
    expect(new Set(unclaimed.map((object) => object.type))).toEqual(
      new Set(['identity', 'threat-actor', 'incident', 'relationship', 'note', 'report']),
    );
    for (const object of unclaimed.filter((candidate) => candidate.type === 'relationship')) {
      expect(object).toEqual(
        expect.objectContaining(
          object.type === 'relationship' && object.relationship_type === 'attributed-to'
            ? { x_claimgraph_synthesized: true }
            : { relationship_type: 'related-to' },
        ),
      );
    }
    // The only notes nobody wrote stand for explanations.
    for (const object of unclaimed.filter((candidate) => candidate.type === 'note'))
      expect(object).toMatchObject({ x_claimgraph_type: 'explanation' });
  });

  test('an actor carries its affiliations, with their hedge and evidence, on its object', () => {
    const affiliations = [
      {
        actor: 'north-korea',
        role: 'acting for',
        certainty: 'claimed',
        hedge: 'said to be acting on behalf of',
        sources: ['s-siliconangle'],
        evidence: [
          {
            source: 's-siliconangle',
            start: 275,
            end: 343,
            excerpt: 'Guardians of Peace, a group said to be acting on behalf of Pyongyang',
          },
        ],
      },
    ];
    expect(forRecord('guardians-of-peace').map((object) => [object.type, object.x_claimgraph_affiliations])).toEqual([
      ['threat-actor', affiliations],
    ]);
    expect(forRecord('north-korea').every((object) => object.x_claimgraph_affiliations === undefined)).toBe(true);
  });

  test('each asserted accusation is one attributed-to relationship, from its incident to the accused, by the claimant, with a note for the quote', () => {
    const relationships = forRecord('c-us-attributes-sony').filter((object) => object.type === 'relationship');
    // Three accusations, North Korea of two incidents: three relationships, not claim × about × accused.
    expect(
      relationships
        .map((object) =>
          object.type === 'relationship'
            ? `${byId.get(object.source_ref)?.x_claimgraph_id} → ${byId.get(object.target_ref)?.x_claimgraph_id}`
            : '',
        )
        .sort(),
    ).toEqual(['cinema-threats → north-korea', 'sony-hack → guardians-of-peace', 'sony-hack → north-korea']);
    for (const object of relationships) {
      expect(object).toMatchObject({
        relationship_type: 'attributed-to',
        // The United States is accused too, so it is a threat-actor, which created_by_ref cannot name.
        x_claimgraph_claimant: 'united-states',
        confidence: 95,
        description:
          'The FBI says the North Korean government, through the Guardians of Peace, is responsible for the Sony hack and the threats.',
        created: '2014-12-19T00:00:00.000Z',
        modified: '2014-12-19T00:00:00.000Z',
        x_claimgraph_claim: 'c-us-attributes-sony',
        x_claimgraph_about: ['cinema-threats', 'sony-hack'],
        x_claimgraph_date_basis: 'stated',
      });
      expect(object.type === 'relationship' && object.source_ref).toBe(incidentRef(String(object.x_claimgraph_incident)));
    }
    expect(relationships.map((object) => object.id).sort()).toEqual(
      [
        relationship('c-us-attributes-sony', 'sony-hack', 'north-korea'),
        relationship('c-us-attributes-sony', 'cinema-threats', 'north-korea'),
        relationship('c-us-attributes-sony', 'sony-hack', 'guardians-of-peace'),
      ].sort(),
    );
    const [note] = forRecord('c-us-attributes-sony').filter((object) => object.type === 'note');
    expect(note).toMatchObject({
      content: 'Such acts of intimidation fall outside the bounds of acceptable state behavior',
      authors: ['United States'],
      object_refs: relationships.map((object) => object.id).sort(),
    });
    // A claim about two incidents that accuses each of its own: the US is not accused of the Sony hack.
    expect(
      forRecord('c-revenge-theory').map(
        (object) => object.type === 'relationship' && [object.x_claimgraph_incident, byId.get(object.target_ref)?.x_claimgraph_id],
      ),
    ).toEqual([
      ['sony-hack', 'north-korea'],
      ['nk-outage', 'united-states'],
    ]);
    const [supporting] = forRecord('c-nsa-supports');
    expect(supporting).toMatchObject({
      type: 'relationship',
      confidence: 85,
      created: '2015-01-01T00:00:00.000Z',
      x_claimgraph_supports: ['c-us-attributes-sony'],
      x_claimgraph_date_basis: 'bounded',
    });
  });

  test('denials and non-committal claims are opinions on the assertions they answer, or on a synthesised proposition', () => {
    expect(forRecord('c-nk-denies-sony')).toEqual([
      expect.objectContaining({
        type: 'opinion',
        opinion: 'strongly-disagree',
        // Only the accusation against North Korea of the Sony hack, not those of the threats or against the Guardians of Peace.
        object_refs: [relationship('c-us-attributes-sony', 'sony-hack', 'north-korea')],
        explanation: "a “righteous deed” — but it wasn't us",
        authors: ['North Korea'],
        x_claimgraph_claimant: 'north-korea',
        confidence: 95,
      }),
    ]);
    const [rumoured] = forRecord('c-gop-denies-state-ties');
    expect(rumoured).toMatchObject({
      type: 'opinion',
      opinion: 'disagree',
      confidence: 5,
      explanation: 'The hackers were said to deny acting for any state.',
    });
    const proposition = rumoured?.type === 'opinion' ? byId.get(rumoured.object_refs[0] ?? '') : undefined;
    expect(proposition).toMatchObject({
      type: 'relationship',
      relationship_type: 'attributed-to',
      source_ref: incidentRef('sony-hack'),
      target_ref: stixId('threat-actor', 'threat-actor:north-korea'),
      x_claimgraph_synthesized: true,
    });
    expect(proposition).not.toHaveProperty('created_by_ref');
    expect(forRecord('c-us-outage-no-comment')).toEqual([
      expect.objectContaining({ opinion: 'neutral', object_refs: [relationship('c-nk-accuses-us-outage', 'nk-outage', 'united-states')] }),
    ]);
  });

  test('an explanation is a note on its incident, and claims that put it forward, deny it or leave it open are opinions on that note', () => {
    const note = explanationNote('infrastructure-failure', 'nk-outage');
    expect(forRecord('infrastructure-failure')).toEqual([
      {
        type: 'note',
        spec_version: '2.1',
        id: note,
        // The explanation has no date of its own, so it is stamped with the export time, never the epoch.
        created: meta.generatedAt,
        modified: meta.generatedAt,
        abstract: 'Infrastructure failure',
        content: "A failure of North Korea's own fragile network, with no attacker.",
        object_refs: [incidentRef('nk-outage')],
        x_claimgraph_id: 'infrastructure-failure',
        x_claimgraph_type: 'explanation',
        x_claimgraph_kind: 'technical-failure',
        x_claimgraph_incident: 'nk-outage',
      },
    ]);
    expect(forRecord('c-infrastructure-possible')).toEqual([
      expect.objectContaining({
        type: 'opinion',
        opinion: 'strongly-agree',
        object_refs: [note],
        x_claimgraph_hedge: 'a distinct possibility',
      }),
    ]);
    // Dyn takes neither side on the US and on the explanation alike: one neutral opinion on both.
    expect(forRecord('c-dyn-outage-neither')).toEqual([
      expect.objectContaining({
        type: 'opinion',
        opinion: 'neutral',
        confidence: 50,
        object_refs: [note, stixId('relationship', 'attributed-to:proposition:nk-outage:united-states')].sort(),
      }),
    ]);
    // North Korea asserts the US did it and denies the explanation: a relationship and an opinion, each with the claim's own stance.
    const nk = forRecord('c-nk-accuses-us-outage');
    expect(
      nk.map((object) => [object.type, object.type === 'opinion' ? object.opinion : object.type === 'relationship' && object.target_ref]),
    ).toEqual([
      ['relationship', stixId('threat-actor', 'threat-actor:united-states')],
      ['opinion', 'strongly-disagree'],
    ]);
    expect(nk[1]).toMatchObject({ id: stixId('opinion', 'opinion:c-nk-accuses-us-outage:denies'), object_refs: [note] });
    for (const object of nk) expect(object).toMatchObject({ x_claimgraph_stance: 'asserts', x_claimgraph_date_basis: 'inferred' });
    // A claim whose accusations share its stance does not repeat it.
    expect(bundle.objects.filter((object) => object.x_claimgraph_stance !== undefined).map((object) => object.x_claimgraph_id)).toEqual([
      'c-nk-accuses-us-outage',
      'c-nk-accuses-us-outage',
    ]);
  });

  test('claims without a stance are notes on what they are about, with the quote as content', () => {
    expect(forRecord('c-gop-threat')).toEqual([
      expect.objectContaining({
        type: 'note',
        content: 'Remember the 11th of September 2001 & <stay away>',
        abstract: 'The hackers threatened cinemas that would screen "The Interview".',
        authors: ['Guardians of Peace'],
        object_refs: [incidentRef('cinema-threats')],
      }),
    ]);
    const [observation] = forRecord('c-dyn-observes-outage');
    expect(observation).toMatchObject({
      type: 'note',
      content: 'All four of North Korea’s main cables went offline',
      // Quote and paraphrase are the same words, so the quote is stated outright for the import to keep it.
      x_claimgraph_quote: 'All four of North Korea’s main cables went offline',
      created: meta.generatedAt,
    });
    expect(observation?.type === 'note' ? [...observation.object_refs].sort() : []).toEqual(
      [incidentRef('nk-outage'), stixId('threat-actor', 'threat-actor:north-korea')].sort(),
    );
    // A reporter's description of another's claim is a claim of its own, linked to it.
    expect(forRecord('c-hackread-refused')).toEqual([
      expect.objectContaining({ type: 'note', authors: ['HackRead'], x_claimgraph_characterizes: ['c-us-outage-no-comment'] }),
    ]);
  });

  test('evidence is the offsets into each source with the excerpt they hold, on every object of the claim', () => {
    for (const object of bundle.objects) {
      for (const span of (object.x_claimgraph_evidence ?? []) as Array<{ source: string; start: number; end: number; excerpt: string }>) {
        expect(span.excerpt).toBe(interchangeDocuments[span.source]?.slice(span.start, span.end));
      }
    }
    const evidence = [
      { source: 's-siliconangle', start: 452, end: 515, excerpt: "Pyongyang called the hack a “righteous deed” — but it wasn't us" },
      { source: 's-siliconangle', start: 540, end: 570, excerpt: 'It repeated: we did not do it.' },
    ];
    expect(forRecord('c-nk-denies-sony').map((object) => object.x_claimgraph_evidence)).toEqual([evidence]);
    // Without the documents, the offsets alone; a claim of a source with no text has none.
    const bare = toStixBundle(interchangeGraph, { generatedAt: meta.generatedAt });
    const bareOf = (record: string) => bare.objects.filter((object) => object.x_claimgraph_id === record);
    expect(bareOf('c-nk-denies-sony').map((object) => object.x_claimgraph_evidence)).toEqual([
      evidence.map(({ excerpt: _excerpt, ...offsets }) => offsets),
    ]);
    expect(forRecord('c-nsa-supports').every((object) => object.x_claimgraph_evidence === undefined)).toBe(true);
  });

  test('each source is a report naming the objects of the claims it reports, with its publisher, document, text and start-of-period date', () => {
    const reports = new Map(ofType('report').map((report) => [report.x_claimgraph_id, report]));
    expect([...reports.keys()].sort()).toEqual(['s-hackread', 's-siliconangle', 's-techweek']);
    expect(reports.get('s-siliconangle')).toMatchObject({
      published: '2014-12-23T00:00:00.000Z',
      external_references: [
        {
          source_name: 'SiliconANGLE',
          external_id: '000_ba0ce5195182ee33.txt',
          url: 'https://siliconangle.com/2014/12/23/north-korea-kicked-entirely-offline/',
        },
      ],
      x_claimgraph_text: interchangeDocuments['s-siliconangle'],
    });
    expect(reports.get('s-techweek')?.published).toBe('2015-01-01T00:00:00.000Z');
    expect(reports.get('s-techweek')).not.toHaveProperty('x_claimgraph_text');
    expect(reports.get('s-hackread')).toMatchObject({
      published: '2014-01-01T00:00:00.000Z',
      x_claimgraph_author: "Waqas O'Brien",
      x_claimgraph_text: interchangeDocuments['s-hackread'],
    });
    const techweek = new Set(reports.get('s-techweek')?.object_refs);
    for (const object of [...forRecord('c-nsa-supports'), ...forRecord('c-nk-accuses-us-outage'), ...forRecord('c-us-attributes-sony')]) {
      expect(techweek.has(object.id)).toBe(true);
    }
    expect(techweek.has(incidentRef('sony-hack'))).toBe(true);
    // The explanation North Korea's claim denies, and the incident it explains.
    expect(techweek.has(explanationNote('infrastructure-failure', 'nk-outage'))).toBe(true);
    expect(techweek.has(incidentRef('nk-outage'))).toBe(true);
    expect(forRecord('c-gop-threat').every((object) => !techweek.has(object.id))).toBe(true);
    // The source of an affiliation names the two actors it ties.
    const siliconangle = new Set(reports.get('s-siliconangle')?.object_refs);
    expect(siliconangle.has(stixId('threat-actor', 'threat-actor:guardians-of-peace'))).toBe(true);
    expect(siliconangle.has(stixId('threat-actor', 'threat-actor:north-korea'))).toBe(true);
    expect(
      toStixBundle(interchangeGraph, { generatedAt: meta.generatedAt }).objects.some(
        (object) => object.type === 'report' && object.x_claimgraph_text !== undefined,
      ),
    ).toBe(false);
  });

  test('incident targets and related incidents are related-to relationships, the spec having none else from an incident', () => {
    const links = ofType('relationship').filter((object) => object.relationship_type !== 'attributed-to');
    expect(
      links
        .map((link) => [
          link.relationship_type,
          link.x_claimgraph_link,
          byId.get(link.source_ref)?.x_claimgraph_id,
          byId.get(link.target_ref)?.x_claimgraph_id,
        ])
        .sort(),
    ).toEqual([
      ['related-to', undefined, 'cinema-threats', 'sony-hack'],
      ['related-to', undefined, 'nk-outage', 'sony-hack'],
      ['related-to', 'targets', 'nk-outage', 'north-korea'],
    ]);
  });

  test('a graph whose ACCUSES edges name no incident accuses of every incident the claim is about, as before', () => {
    const legacy: SerializedGraph = {
      ...interchangeGraph,
      edges: interchangeGraph.edges
        .filter((edge) => edge.attributes.type !== 'ACCUSES' || edge.source === 'c-us-outage-no-comment')
        .map((edge) => {
          if (edge.attributes.type !== 'ACCUSES') return edge;
          const { incident: _incident, ...attributes } = edge.attributes;
          return { ...edge, key: `ACCUSES:${edge.source}->${edge.target}`, attributes };
        }),
    };
    const objects = toStixBundle(legacy, meta).objects.filter((object) => object.x_claimgraph_id === 'c-us-outage-no-comment');
    expect(objects).toEqual([
      expect.objectContaining({
        opinion: 'neutral',
        object_refs: [stixId('relationship', 'attributed-to:proposition:nk-outage:united-states')],
      }),
    ]);
  });

  test('exports the documented confidence scale', () => {
    expect(CONFIDENCE_SCALE).toEqual({ certain: 95, high: 85, moderate: 50, low: 15, rumoured: 5 });
    expect(confidenceFromScale(70)).toBe('high');
    expect(confidenceFromScale(67.5)).toBe('moderate');
    expect(confidenceFromScale(0)).toBe('rumoured');
    expect(confidenceFromScale(100)).toBe('certain');
  });

  test('is deterministic: the same bundle for the same view in any order, apart from the export time on undated objects', () => {
    const shuffled = reversedGraph(interchangeGraph);
    expect(JSON.stringify(toStixBundle(shuffled, meta))).toBe(JSON.stringify(bundle));
    const again: StixBundle = toStixBundle(shuffled, { ...meta, generatedAt: '2031-01-01T00:00:00.000Z' });
    expect(JSON.stringify(again).replaceAll('2031-01-01T00:00:00.000Z', meta.generatedAt)).toBe(JSON.stringify(bundle));
  });

  test('has no timestamp at the epoch: dated claims and sources keep their dates, the rest take the export time', () => {
    const stamps = bundle.objects.flatMap((object) =>
      (['created', 'modified', 'published'] as const).flatMap((field) => {
        const value = (object as unknown as Record<string, unknown>)[field];
        return typeof value === 'string' ? [value] : [];
      }),
    );
    expect(stamps.length).toBeGreaterThan(bundle.objects.length);
    for (const stamp of stamps) {
      expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      expect(stamp.startsWith('1970')).toBe(false);
    }
    const report = bundle.objects.find((object) => object.type === 'report' && object.name.startsWith('North Korea Web Outage'));
    expect(report).toMatchObject({ published: '2015-01-01T00:00:00.000Z' });
    expect(() => toStixBundle(interchangeGraph, { ...meta, generatedAt: 'yesterday' })).toThrow(/generatedAt/);
  });
});

describe('fromStixBundle', () => {
  const bundle = JSON.parse(JSON.stringify(toStixBundle(interchangeGraph, meta))) as unknown;
  const imported = datasetSchema.parse(fromStixBundle(bundle));
  const original = parsedInterchangeDataset;

  test('the imported dataset passes validation: every evidence span matches the text its report carries', () => {
    const result = validateDataset(fromStixBundle(bundle), 'bundle');
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  });

  test('round trip: graph → bundle → dataset gives the same attribution answers, incident by incident', () => {
    const expected = answersFromGraph(interchangeGraph);
    expect(expected).toEqual({
      'sony-hack': {
        'north-korea': { asserts: ['hackread', 'united-states'], denies: ['guardians-of-peace', 'north-korea'], neither: [] },
        'guardians-of-peace': { asserts: ['united-states'], denies: [], neither: [] },
      },
      'cinema-threats': { 'north-korea': { asserts: ['united-states'], denies: [], neither: [] } },
      'nk-outage': {
        'united-states': { asserts: ['hackread', 'north-korea'], denies: [], neither: ['dyn-research', 'united-states'] },
        'infrastructure-failure': { asserts: ['hackread'], denies: ['north-korea'], neither: ['dyn-research'] },
      },
    });
    expect(answersFromDataset(imported)).toEqual(expected);
    expect(answersFromDataset(original)).toEqual(expected);
  });

  test('round trip keeps record ids and the records themselves: accusations, explanations, evidence, dates and their basis, source texts', () => {
    const ids = (records: ReadonlyArray<{ id: string }>) => records.map((record) => record.id).sort();
    expect(ids(imported.actors)).toEqual(ids(original.actors));
    expect(ids(imported.incidents)).toEqual(ids(original.incidents));
    expect(ids(imported.explanations)).toEqual(ids(original.explanations));
    expect(ids(imported.sources)).toEqual(ids(original.sources));
    expect(ids(imported.claims)).toEqual(ids(original.claims));
    for (const actor of original.actors) expect(imported.actors.find((candidate) => candidate.id === actor.id)).toEqual(actor);
    for (const incident of original.incidents)
      expect(imported.incidents.find((candidate) => candidate.id === incident.id)).toEqual(incident);
    expect(imported.explanations).toEqual(original.explanations);
    for (const source of original.sources) expect(imported.sources.find((candidate) => candidate.id === source.id)).toEqual(source);
    // The graph keeps no order among a claim's subjects and accusations, so those are compared as sets; sources keep theirs.
    for (const claim of original.claims) {
      expect(normalClaim(imported.claims.find((candidate) => candidate.id === claim.id))).toEqual(normalClaim(claim));
    }
    expect(imported.claims.find((claim) => claim.id === 'c-nk-accuses-us-outage')).toMatchObject({
      stance: 'asserts',
      accusations: [
        { incident: 'nk-outage', accused: 'united-states' },
        { incident: 'nk-outage', explanation: 'infrastructure-failure', stance: 'denies' },
      ],
      dateBasis: 'inferred',
    });
  });

  test("a claim's sources keep their order, which the reports alone do not give", () => {
    const swapped: SerializedGraph = {
      ...interchangeGraph,
      edges: interchangeGraph.edges.map((edge) =>
        edge.attributes.type === 'REPORTED_IN' && edge.source === 'c-us-attributes-sony'
          ? { ...edge, attributes: { ...edge.attributes, position: edge.target === 's-techweek' ? 0 : 1 } }
          : edge,
      ),
    };
    for (const [graph, order] of [
      [interchangeGraph, ['s-siliconangle', 's-techweek']],
      [swapped, ['s-techweek', 's-siliconangle']],
    ] as const) {
      const dataset = fromStixBundle(JSON.parse(JSON.stringify(toStixBundle(graph, meta))));
      expect(dataset.claims?.find((claim) => claim.id === 'c-us-attributes-sony')?.sources).toEqual(order);
    }
  });

  test('a bundle exported without the documents imports with the offsets it cannot check left out', () => {
    const bare = importStixBundle(JSON.parse(JSON.stringify(toStixBundle(interchangeGraph, { generatedAt: meta.generatedAt }))));
    const dataset = datasetSchema.parse(bare.dataset);
    expect(dataset.sources.every((source) => source.text === undefined)).toBe(true);
    expect(dataset.claims.every((claim) => claim.evidence.length === 0)).toBe(true);
    expect(validateDataset(bare.dataset, 'bundle').ok).toBe(true);
    expect(answersFromDataset(dataset)).toEqual(answersFromGraph(interchangeGraph));
  });

  test('reads a bundle from another producer: intrusion sets, campaigns, opinions by identity, authored notes', () => {
    const ids = {
      vendor: 'identity--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a01',
      critic: 'identity--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a02',
      group: 'intrusion-set--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a03',
      campaign: 'campaign--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a04',
      attribution: 'relationship--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a05',
      opinion: 'opinion--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a06',
      note: 'note--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a07',
      report: 'report--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a08',
      indicator: 'indicator--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a09',
      state: 'threat-actor--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a0a',
      sponsorship: 'relationship--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a0b',
      incident: 'incident--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a0c',
      second: 'relationship--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a0d',
      target: 'relationship--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a0e',
      related: 'relationship--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a0f',
    };
    const created = '2016-05-10T12:00:00.000Z';
    const common = { spec_version: '2.1', created, modified: created };
    const foreign = {
      type: 'bundle',
      id: 'bundle--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a00',
      objects: [
        { type: 'identity', id: ids.vendor, ...common, name: 'Threat Intel Vendor', identity_class: 'organization' },
        { type: 'identity', id: ids.critic, ...common, name: 'Independent Researcher', identity_class: 'individual' },
        { type: 'intrusion-set', id: ids.group, ...common, name: 'Lazarus Group', aliases: ['Hidden Cobra'] },
        { type: 'threat-actor', id: ids.state, ...common, name: 'Some State', threat_actor_types: ['nation-state'] },
        { type: 'campaign', id: ids.campaign, ...common, name: 'Bank heist', first_seen: '2016-02-04T00:00:00Z' },
        { type: 'incident', id: ids.incident, ...common, name: 'Wiper outbreak' },
        {
          type: 'relationship',
          id: ids.attribution,
          ...common,
          relationship_type: 'attributed-to',
          source_ref: ids.campaign,
          target_ref: ids.group,
          created_by_ref: ids.vendor,
          confidence: 70,
          description: 'The vendor ties the heist to Lazarus.',
        },
        {
          // The same vendor's second attribution is a claim of its own, of its own incident.
          type: 'relationship',
          id: ids.second,
          ...common,
          relationship_type: 'attributed-to',
          source_ref: ids.incident,
          target_ref: ids.group,
          created_by_ref: ids.vendor,
        },
        {
          // A group attributed to a state names no incident: a statement about both, not an accusation.
          type: 'relationship',
          id: ids.sponsorship,
          ...common,
          relationship_type: 'attributed-to',
          source_ref: ids.group,
          target_ref: ids.state,
          created_by_ref: ids.vendor,
          description: 'Lazarus works for the state.',
        },
        // OpenCTI writes an incident's victim as `targets`; a plain related-to from an incident to an identity says too little to be one.
        { type: 'relationship', id: ids.target, ...common, relationship_type: 'targets', source_ref: ids.incident, target_ref: ids.critic },
        {
          type: 'relationship',
          id: ids.related,
          ...common,
          relationship_type: 'related-to',
          source_ref: ids.incident,
          target_ref: ids.vendor,
        },
        {
          type: 'opinion',
          id: ids.opinion,
          ...common,
          opinion: 'strongly-disagree',
          object_refs: [ids.attribution],
          created_by_ref: ids.critic,
          explanation: 'Code reuse proves nothing.',
        },
        {
          type: 'note',
          id: ids.note,
          ...common,
          content: 'Wiper shares code with earlier tools.',
          authors: ['A. Analyst'],
          object_refs: [ids.campaign],
        },
        { type: 'indicator', id: ids.indicator, ...common, pattern: "[file:name = 'x']", pattern_type: 'stix', valid_from: created },
        {
          type: 'report',
          id: ids.report,
          ...common,
          name: 'Heist report',
          published: created,
          object_refs: [ids.attribution, ids.note],
          external_references: [{ source_name: 'Vendor blog', external_id: 'heist-2016', url: 'https://vendor.example/heist' }],
        },
      ],
    };
    const result = importStixBundle(foreign);
    expect(validateDataset(result.dataset, 'foreign').ok).toBe(true);
    const dataset = datasetSchema.parse(result.dataset);
    expect(dataset.actors.map((actor) => [actor.id, actor.kind])).toEqual([
      [ids.vendor, 'company'],
      [ids.critic, 'person'],
      [ids.group, 'group'],
      [ids.state, 'state'],
      ['author-a-analyst', 'person'],
    ]);
    expect(dataset.incidents).toEqual([
      expect.objectContaining({ id: ids.campaign, kind: 'campaign', start: '2016-02-04', datePrecision: 'day', description: 'Bank heist' }),
      expect.objectContaining({ id: ids.incident, kind: 'incident', description: 'Wiper outbreak', targets: [ids.critic] }),
    ]);
    expect(dataset.explanations).toEqual([]);
    const claim = (id: string) => dataset.claims.find((candidate) => candidate.id === id);
    expect(claim(ids.attribution)).toMatchObject({
      claimant: ids.vendor,
      kind: 'attribution',
      stance: 'asserts',
      about: [ids.campaign],
      accusations: [{ incident: ids.campaign, accused: ids.group }],
      confidence: 'high',
      date: '2016-05-10',
      sources: [ids.report],
      evidence: [],
    });
    expect(claim(ids.attribution)).not.toHaveProperty('dateBasis');
    expect(claim(ids.second)).toMatchObject({ accusations: [{ incident: ids.incident, accused: ids.group }] });
    expect(claim(ids.sponsorship)).toMatchObject({
      kind: 'statement',
      about: [ids.group, ids.state],
      accusations: [],
      text: 'Lazarus works for the state.',
    });
    expect(claim(ids.sponsorship)).not.toHaveProperty('stance');
    expect(claim(ids.opinion)).toMatchObject({
      claimant: ids.critic,
      kind: 'denial',
      stance: 'denies',
      accusations: [{ incident: ids.campaign, accused: ids.group }],
      respondsTo: [ids.attribution],
      text: 'Code reuse proves nothing.',
    });
    expect(claim(ids.note)).toMatchObject({
      claimant: 'author-a-analyst',
      kind: 'statement',
      about: [ids.campaign],
      sources: [ids.report],
    });
    expect(dataset.sources).toContainEqual(
      expect.objectContaining({
        id: ids.report,
        title: 'Heist report',
        publisher: 'Vendor blog',
        documentRef: 'heist-2016',
        url: 'https://vendor.example/heist',
        published: '2016-05-10',
      }),
    );
    expect(dataset.sources.every((source) => source.text === undefined)).toBe(true);
    expect(result.skipped).toEqual([
      expect.objectContaining({ id: ids.related, reason: expect.stringContaining('"related-to"') }),
      expect.objectContaining({ id: ids.indicator, reason: expect.stringContaining('"indicator"') }),
    ]);
  });

  test('rejects malformed bundles with errors naming the object index, id and field', () => {
    const badId = 'relationship--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a05';
    const malformed = {
      type: 'bundle',
      id: 'bundle--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a00',
      objects: [
        { type: 'identity', id: 'identity--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a01', name: 'Fine' },
        { type: 'relationship', id: badId, relationship_type: 'attributed-to', target_ref: 'not-an-id', confidence: 150 },
        { type: 'opinion', id: 'note--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a06', opinion: 'meh', object_refs: [] },
        'not an object',
      ],
    };
    let error: unknown;
    try {
      fromStixBundle(malformed);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StixValidationError);
    const { issues, message } = error as StixValidationError;
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ index: 1, id: badId, field: 'source_ref' }),
        expect.objectContaining({ index: 1, id: badId, field: 'target_ref', message: expect.stringContaining('STIX identifier') }),
        expect.objectContaining({ index: 1, id: badId, field: 'confidence' }),
        expect.objectContaining({ index: 2, field: 'id', message: expect.stringContaining('"opinion--"') }),
        expect.objectContaining({ index: 3, id: null }),
      ]),
    );
    expect(issues.some((issue) => issue.index === 0)).toBe(false);
    expect(message).toContain(`objects[1] (${badId}): target_ref: expected a STIX identifier`);
    expect(() => fromStixBundle({ type: 'collection', objects: [] })).toThrow(/bundle: type: /);
  });

  test('rejects evidence spans that are not spans, naming the field', () => {
    const id = 'relationship--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a05';
    const bundle = {
      type: 'bundle',
      id: 'bundle--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a00',
      objects: [
        {
          type: 'relationship',
          id,
          relationship_type: 'attributed-to',
          source_ref: 'incident--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a01',
          target_ref: 'threat-actor--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a02',
          x_claimgraph_evidence: [
            { source: 's-one', start: 10, end: 4 },
            { source: 's-one', start: 0, end: 3, excerpt: 'four' },
          ],
        },
      ],
    };
    expect(() => fromStixBundle(bundle)).toThrow(StixValidationError);
    try {
      fromStixBundle(bundle);
    } catch (error) {
      expect((error as StixValidationError).issues.map((issue) => issue.field)).toEqual([
        'x_claimgraph_evidence[0].end',
        'x_claimgraph_evidence[1].excerpt',
      ]);
    }
  });

  test('a malformed bundle is an invalid_stix error whose fields are the paths at fault in the bundle', () => {
    const badId = 'relationship--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a05';
    const malformed = {
      type: 'bundle',
      id: 'bundle--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a00',
      objects: [
        { type: 'relationship', id: badId, relationship_type: 'attributed-to', source_ref: 'nope', target_ref: 'not-an-id' },
        { type: 'opinion', id: 'note--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a06', opinion: 'agree', object_refs: [badId] },
        { type: 'note', id: 'note--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a07', content: 'x', object_refs: [badId, 'bad'] },
        42,
      ],
    };
    const caught = (input: unknown): StixValidationError => {
      try {
        importStixBundle(input);
      } catch (error) {
        if (error instanceof StixValidationError) return error;
        throw error;
      }
      throw new Error('expected a StixValidationError');
    };
    const error = caught(malformed);
    expect(error).toBeInstanceOf(ClaimGraphError);
    expect(error.code).toBe('invalid_stix');
    expect(error.name).toBe('StixValidationError');
    expect(error.errors).toEqual([
      { field: 'objects[0].source_ref', message: expect.stringContaining(`STIX identifier`) },
      { field: 'objects[0].target_ref', message: expect.stringContaining(`(object ${badId})`) },
      { field: 'objects[1].id', message: expect.stringContaining('"opinion--"') },
      { field: 'objects[2].object_refs[1]', message: expect.stringContaining('STIX identifier') },
      { field: 'objects[3]', message: expect.any(String) },
    ]);
    expect(error.errors).toHaveLength(error.issues.length);
    expect(error.message).toContain(`objects[0] (${badId}): source_ref: expected a STIX identifier`);
    // Problems with the envelope are named by its own fields, or as the bundle when it is no object at all.
    expect(caught({ type: 'collection', id: 'bundle--6c3b3f7e-2a1e-4f4b-9d55-0f6f1c1e8a00', objects: [] }).errors).toEqual([
      { field: 'type', message: expect.any(String) },
    ]);
    expect(caught(null).errors).toEqual([{ field: 'bundle', message: expect.any(String) }]);
  });
});
