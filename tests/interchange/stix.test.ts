// Checks the STIX export against the OASIS STIX 2.1 JSON schemas and its mapping, determinism, the import's errors, and the graph → bundle → dataset round trip.
import { datasetSchema, type Dataset } from '../../server/model/dataset';
import { ClaimGraphError } from '../../server/model/errors';
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
import { interchangeGraph, parsedInterchangeDataset } from '../fixtures/interchange-graph';
import { loadValidators, schemaFor } from '../support/stixSchemas';

/** For each incident and accused actor, the claimants asserting, denying and taking neither side. */
type Answers = Record<string, Record<string, Record<Stance, string[]>>>;

function addAnswer(answers: Answers, incident: string, accused: string, stance: Stance, claimant: string) {
  const forIncident = (answers[incident] ??= {});
  const forAccused = (forIncident[accused] ??= { asserts: [], denies: [], neither: [] });
  if (!forAccused[stance].includes(claimant)) forAccused[stance] = [...forAccused[stance], claimant].sort();
}

function answersFromDataset(dataset: Dataset): Answers {
  const incidents = new Set(dataset.incidents.map((incident) => incident.id));
  const answers: Answers = {};
  for (const claim of dataset.claims) {
    if (claim.stance === undefined) continue;
    for (const incident of claim.about.filter((about) => incidents.has(about))) {
      for (const accused of claim.accused) addAnswer(answers, incident, accused, claim.stance, claim.claimant);
    }
  }
  return answers;
}

function answersFromGraph(graph: SerializedGraph): Answers {
  const typeOf = new Map(graph.nodes.map((node) => [node.key, node.attributes.type]));
  const answers: Answers = {};
  for (const claim of graph.nodes.filter((node) => node.attributes.type === 'claim')) {
    const stance = claim.attributes.stance;
    if (stance === undefined) continue;
    const claimants = graph.edges.filter((edge) => edge.attributes.type === 'MADE' && edge.target === claim.key).map((edge) => edge.source);
    const incidents = graph.edges.filter(
      (edge) => edge.attributes.type === 'ABOUT' && edge.source === claim.key && typeOf.get(edge.target) === 'incident',
    );
    const accused = graph.edges.filter((edge) => edge.attributes.type === 'ACCUSES' && edge.source === claim.key);
    for (const incident of incidents)
      for (const edge of accused) for (const claimant of claimants) addAnswer(answers, incident.target, edge.target, stance, claimant);
  }
  return answers;
}

const meta = { generatedAt: '2024-05-01T10:00:00.000Z' };

describe('toStixBundle', () => {
  const bundle = toStixBundle(interchangeGraph, meta);
  const byId = new Map(bundle.objects.map((object) => [object.id, object]));
  const ofType = <T extends StixObject['type']>(type: T) =>
    bundle.objects.filter((object): object is Extract<StixObject, { type: T }> => object.type === type);
  const forRecord = (record: string) => bundle.objects.filter((object) => object.x_claimgraph_id === record);
  const validator = loadValidators();

  test('every object passes its OASIS STIX 2.1 schema, and the bundle envelope passes bundle.json', () => {
    for (const object of bundle.objects) {
      const validate = validator(schemaFor(object));
      const valid = validate(object);
      expect({ id: object.id, errors: valid ? null : validate.errors }).toEqual({ id: object.id, errors: null });
    }
    // bundle.json cannot check incident, opinion and note objects (see NOTES.md), so the envelope is checked without them.
    const envelope = validator('common/bundle.json');
    expect(envelope({ type: bundle.type, id: bundle.id })).toBe(true);
    expect(bundle.objects.every((object) => object.spec_version === '2.1')).toBe(true);
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

  test('claimants are identities; accused states and collectives are threat-actors; an actor that is both gets both, with one record id', () => {
    const identities = new Map(ofType('identity').map((identity) => [identity.x_claimgraph_id, identity]));
    const threatActors = new Map(ofType('threat-actor').map((actor) => [actor.x_claimgraph_id, actor]));
    expect([...identities.keys()].sort()).toEqual(['dyn-research', 'guardians-of-peace', 'north-korea', 'united-states']);
    expect([...threatActors.keys()].sort()).toEqual(['guardians-of-peace', 'north-korea', 'united-states']);
    expect(identities.get('north-korea')?.id).not.toBe(threatActors.get('north-korea')?.id);
    expect(threatActors.get('north-korea')).toMatchObject({
      name: 'North Korea',
      threat_actor_types: ['nation-state'],
      aliases: ['DPRK', "Democratic People's Republic of Korea"],
    });
    expect(identities.get('dyn-research')).toMatchObject({ identity_class: 'organization', description: 'Internet monitoring firm.' });
    for (const object of bundle.objects) {
      if (object.created_by_ref !== undefined) expect(byId.get(object.created_by_ref)?.type).toBe('identity');
    }
    // Every object a claim became names its claimant, the claim's MADE source, as created_by_ref; only synthesised propositions have none.
    const claimants = new Map(
      interchangeGraph.edges.filter((edge) => edge.attributes.type === 'MADE').map((edge) => [edge.target, edge.source] as const),
    );
    const claimObjects = bundle.objects.filter((object) => object.x_claimgraph_id !== undefined && claimants.has(object.x_claimgraph_id));
    expect(new Set(claimObjects.map((object) => object.x_claimgraph_id))).toEqual(new Set(claimants.keys()));
    for (const object of claimObjects) {
      const claimant = claimants.get(object.x_claimgraph_id!)!;
      expect({ id: object.id, created_by_ref: object.created_by_ref }).toEqual({
        id: object.id,
        created_by_ref: stixId('identity', `identity:${claimant}`),
      });
      expect(byId.get(object.created_by_ref!)).toMatchObject({ type: 'identity', x_claimgraph_id: claimant });
    }
    const unclaimed = bundle.objects.filter((object) => object.created_by_ref === undefined).map((object) => object.type);
    expect(new Set(unclaimed)).toEqual(new Set(['identity', 'threat-actor', 'incident', 'relationship', 'report']));
    for (const object of bundle.objects.filter(
      (candidate) => candidate.type === 'relationship' && candidate.created_by_ref === undefined,
    )) {
      expect(object).toEqual(
        expect.objectContaining(
          object.type === 'relationship' && object.relationship_type === 'attributed-to'
            ? { x_claimgraph_synthesized: true }
            : { relationship_type: expect.stringMatching(/^(targets|related-to)$/) },
        ),
      );
    }
  });

  test('an asserting claim is an attributed-to relationship per accused, from the incident, by the claimant, with mapped confidence, and a note for its quote', () => {
    const relationships = forRecord('c-us-attributes-sony').filter((object) => object.type === 'relationship');
    expect(relationships).toHaveLength(2);
    for (const relationship of relationships) {
      expect(relationship).toMatchObject({
        relationship_type: 'attributed-to',
        source_ref: stixId('incident', 'incident:sony-hack'),
        created_by_ref: stixId('identity', 'identity:united-states'),
        confidence: 95,
        description: 'The FBI says the North Korean government, through the Guardians of Peace, is responsible for the Sony hack.',
        created: '2014-12-19T00:00:00.000Z',
        modified: '2014-12-19T00:00:00.000Z',
      });
    }
    expect(
      relationships
        .map((relationship) => relationship.type === 'relationship' && byId.get(relationship.target_ref)?.x_claimgraph_id)
        .sort(),
    ).toEqual(['guardians-of-peace', 'north-korea']);
    const [note] = forRecord('c-us-attributes-sony').filter((object) => object.type === 'note');
    expect(note).toMatchObject({
      content: 'Such acts of intimidation fall outside the bounds of acceptable state behavior',
      authors: ['United States'],
      object_refs: relationships.map((relationship) => relationship.id).sort(),
    });
    const [supporting] = forRecord('c-nsa-supports');
    expect(supporting).toMatchObject({
      type: 'relationship',
      confidence: 85,
      created: '2015-01-01T00:00:00.000Z',
      x_claimgraph_supports: ['c-us-attributes-sony'],
    });
  });

  test('denials and non-committal claims are opinions on the assertions they answer, or on a synthesised proposition', () => {
    const usOnNorthKorea = stixId('relationship', 'attributed-to:c-us-attributes-sony:sony-hack:north-korea');
    expect(forRecord('c-nk-denies-sony')).toEqual([
      expect.objectContaining({
        type: 'opinion',
        opinion: 'strongly-disagree',
        // Only the accusation against North Korea, not the one against the Guardians of Peace.
        object_refs: [usOnNorthKorea],
        explanation: "a “righteous deed” — but it wasn't us",
        authors: ['North Korea'],
        created_by_ref: stixId('identity', 'identity:north-korea'),
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
      source_ref: stixId('incident', 'incident:sony-hack'),
      target_ref: stixId('threat-actor', 'threat-actor:north-korea'),
      x_claimgraph_synthesized: true,
    });
    expect(proposition).not.toHaveProperty('created_by_ref');
    expect(forRecord('c-us-outage-no-comment')).toEqual([
      expect.objectContaining({
        opinion: 'neutral',
        object_refs: [stixId('relationship', 'attributed-to:c-nk-accuses-us-outage:nk-outage:united-states')],
      }),
    ]);
    expect(forRecord('c-dyn-outage-neither')).toEqual([expect.objectContaining({ type: 'opinion', opinion: 'neutral', confidence: 50 })]);
  });

  test('claims without a stance are notes on what they are about, with the quote as content', () => {
    expect(forRecord('c-gop-threat')).toEqual([
      expect.objectContaining({
        type: 'note',
        content: 'Remember the 11th of September 2001 & <stay away>',
        abstract: 'The hackers threatened cinemas that would screen "The Interview".',
        authors: ['Guardians of Peace'],
        object_refs: [stixId('incident', 'incident:sony-hack')],
      }),
    ]);
    const [observation] = forRecord('c-dyn-observes-outage');
    expect(observation).toMatchObject({
      type: 'note',
      content: 'All four of North Korea’s main cables went offline.',
      created: '1970-01-01T00:00:00.000Z',
    });
    expect(observation?.type === 'note' ? [...observation.object_refs].sort() : []).toEqual(
      [stixId('incident', 'incident:nk-outage'), stixId('threat-actor', 'threat-actor:north-korea')].sort(),
    );
  });

  test('each source is a report naming the objects of the claims it reports, with its publisher, document and start-of-period date', () => {
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
    });
    expect(reports.get('s-techweek')?.published).toBe('2015-01-01T00:00:00.000Z');
    expect(reports.get('s-hackread')).toMatchObject({ published: '2014-01-01T00:00:00.000Z', x_claimgraph_author: "Waqas O'Brien" });
    const techweek = new Set(reports.get('s-techweek')?.object_refs);
    for (const object of [...forRecord('c-nsa-supports'), ...forRecord('c-nk-accuses-us-outage'), ...forRecord('c-us-attributes-sony')]) {
      expect(techweek.has(object.id)).toBe(true);
    }
    expect(techweek.has(stixId('incident', 'incident:sony-hack'))).toBe(true);
    expect(forRecord('c-gop-threat').every((object) => !techweek.has(object.id))).toBe(true);
  });

  test('incident targets and related incidents are targets / related-to relationships', () => {
    const links = ofType('relationship').filter((relationship) => relationship.relationship_type !== 'attributed-to');
    expect(
      links
        .map((link) => [link.relationship_type, byId.get(link.source_ref)?.x_claimgraph_id, byId.get(link.target_ref)?.x_claimgraph_id])
        .sort(),
    ).toEqual([
      ['related-to', 'nk-outage', 'sony-hack'],
      ['targets', 'nk-outage', 'north-korea'],
    ]);
  });

  test('exports the documented confidence scale', () => {
    expect(CONFIDENCE_SCALE).toEqual({ certain: 95, high: 85, moderate: 50, low: 15, rumoured: 5 });
    expect(confidenceFromScale(70)).toBe('high');
    expect(confidenceFromScale(67.5)).toBe('moderate');
    expect(confidenceFromScale(0)).toBe('rumoured');
    expect(confidenceFromScale(100)).toBe('certain');
  });

  test('is deterministic: the same bundle for the same view in any order and at any export time', () => {
    const shuffled = reversedGraph(interchangeGraph);
    const again: StixBundle = toStixBundle(shuffled, { generatedAt: '2031-01-01T00:00:00.000Z' });
    expect(JSON.stringify(again)).toBe(JSON.stringify(bundle));
  });
});

describe('fromStixBundle', () => {
  const bundle = JSON.parse(JSON.stringify(toStixBundle(interchangeGraph, meta))) as unknown;
  const imported = datasetSchema.parse(fromStixBundle(bundle));
  const original = parsedInterchangeDataset;

  test('round trip: graph → bundle → dataset gives the same attribution answers', () => {
    const expected = answersFromGraph(interchangeGraph);
    expect(Object.keys(expected).sort()).toEqual(['nk-outage', 'sony-hack']);
    expect(expected['sony-hack']?.['north-korea']).toEqual({
      asserts: ['united-states'],
      denies: ['guardians-of-peace', 'north-korea'],
      neither: [],
    });
    expect(answersFromDataset(imported)).toEqual(expected);
    expect(answersFromDataset(original)).toEqual(expected);
  });

  test('round trip keeps record ids and the records themselves', () => {
    const ids = (records: ReadonlyArray<{ id: string }>) => records.map((record) => record.id).sort();
    expect(ids(imported.actors)).toEqual(ids(original.actors));
    expect(ids(imported.incidents)).toEqual(ids(original.incidents));
    expect(ids(imported.sources)).toEqual(ids(original.sources));
    expect(ids(imported.claims)).toEqual(ids(original.claims));
    for (const actor of original.actors) {
      // Affiliations have no STIX counterpart in this export.
      expect(imported.actors.find((candidate) => candidate.id === actor.id)).toEqual({ ...actor, affiliations: [] });
    }
    for (const incident of original.incidents)
      expect(imported.incidents.find((candidate) => candidate.id === incident.id)).toEqual(incident);
    for (const source of original.sources) expect(imported.sources.find((candidate) => candidate.id === source.id)).toEqual(source);
    // The graph keeps no order among a claim's links, so lists are compared as sets.
    const unordered = (claim: Dataset['claims'][number] | undefined) =>
      claim && { ...claim, about: [...claim.about].sort(), accused: [...claim.accused].sort(), sources: [...claim.sources].sort() };
    for (const claim of original.claims) {
      expect(unordered(imported.claims.find((candidate) => candidate.id === claim.id))).toEqual(unordered(claim));
    }
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
        { type: 'campaign', id: ids.campaign, ...common, name: 'Bank heist', first_seen: '2016-02-04T00:00:00Z' },
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
    const dataset = datasetSchema.parse(result.dataset);
    expect(dataset.actors.map((actor) => [actor.id, actor.kind])).toEqual([
      [ids.vendor, 'company'],
      [ids.critic, 'person'],
      [ids.group, 'group'],
      ['author-a-analyst', 'person'],
    ]);
    expect(dataset.incidents).toEqual([
      expect.objectContaining({ id: ids.campaign, kind: 'campaign', start: '2016-02-04', datePrecision: 'day', description: 'Bank heist' }),
    ]);
    const claim = (id: string) => dataset.claims.find((candidate) => candidate.id === id);
    expect(claim(ids.attribution)).toMatchObject({
      claimant: ids.vendor,
      kind: 'attribution',
      stance: 'asserts',
      about: [ids.campaign],
      accused: [ids.group],
      confidence: 'high',
      date: '2016-05-10',
      sources: [ids.report],
    });
    expect(claim(ids.opinion)).toMatchObject({
      claimant: ids.critic,
      kind: 'denial',
      stance: 'denies',
      accused: [ids.group],
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
    expect(result.skipped).toEqual([expect.objectContaining({ id: ids.indicator, reason: expect.stringContaining('"indicator"') })]);
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
