// Export: a graph view as a STIX 2.1 bundle, with claims as attributed-to relationships, opinions and notes.
import { startTimestamp } from '../../model/dates';
import {
  CLAIM_LINKS,
  CONFIDENCE_SCALE,
  CONFIDENCES,
  STANCES,
  type ActorKind,
  type ClaimLink,
  type Confidence,
  type Stance,
} from '../../model/vocabulary';
import type { SerializedGraph, SerializedNode } from '../../model/wire';
import { compareText, orderedGraph, type ExportMeta, type OrderedGraph } from '../common';
import { nonEmptyString, stixId, UNDATED_TIMESTAMP } from './common';
import type {
  StixBundle,
  StixExternalReference,
  StixIdentity,
  StixIncident,
  StixNote,
  StixObject,
  StixOpinion,
  StixRelationship,
  StixReport,
  StixThreatActor,
} from './types';

/** Accused actors of these kinds become `threat-actor` objects; everyone else is an `identity`. */
const THREAT_ACTOR_KINDS: ReadonlySet<string> = new Set<ActorKind>(['state', 'group', 'collective', 'online-account', 'agency']);

/** Drops undefined values and empty lists: the OASIS schemas reject both (custom list properties need an item). */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, item]) => item !== undefined && !(Array.isArray(item) && item.length === 0)),
  ) as T;
}

const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => nonEmptyString(item) !== undefined) : [];
const sortedUnique = (values: Iterable<string>): string[] => [...new Set(values)].sort(compareText);

const asStance = (value: unknown): Stance | undefined =>
  typeof value === 'string' && (STANCES as readonly string[]).includes(value) ? (value as Stance) : undefined;
const asConfidence = (value: unknown): Confidence | undefined =>
  typeof value === 'string' && (CONFIDENCES as readonly string[]).includes(value) ? (value as Confidence) : undefined;

/** A claim node with the links the graph gives it, gathered from its edges. */
interface ClaimView {
  id: string;
  node: SerializedNode;
  stance: Stance | undefined;
  claimant: string | undefined;
  about: string[];
  accused: string[];
  sources: string[];
  supports: string[];
  disputes: string[];
  respondsTo: string[];
  cites: string[];
  reportedVia: string[];
}

interface GraphView {
  nodes: Map<string, SerializedNode>;
  actors: SerializedNode[];
  incidents: SerializedNode[];
  sources: SerializedNode[];
  claims: ClaimView[];
  targets: Array<[incident: string, actor: string]>;
  relatedTo: Array<[incident: string, related: string]>;
}

/** The claim link (`supports`, …) each claim-to-claim relationship type stands for: CLAIM_LINKS read backwards. */
const CLAIM_LINK_OF = Object.fromEntries(Object.entries(CLAIM_LINKS).map(([link, type]) => [type, link])) as Record<
  (typeof CLAIM_LINKS)[ClaimLink],
  ClaimLink
>;

function readView(graph: OrderedGraph): GraphView {
  const nodes = graph.nodesByKey;
  // The graph's nodes and edges come sorted by key, so every list below is in key order.
  const byType = (type: string) => graph.nodes.filter((node) => node.attributes.type === type);
  const claims = new Map<string, ClaimView & { sourcePositions: Map<string, number> }>(
    byType('claim').map((node) => [
      node.key,
      {
        id: node.key,
        node,
        stance: asStance(node.attributes.stance),
        claimant: undefined,
        about: [],
        accused: [],
        sources: [],
        supports: [],
        disputes: [],
        respondsTo: [],
        cites: [],
        reportedVia: [],
        sourcePositions: new Map(),
      },
    ]),
  );
  const targets: GraphView['targets'] = [];
  const relatedTo: GraphView['relatedTo'] = [];
  const typeOf = (key: string) => nodes.get(key)?.attributes.type;
  for (const edge of graph.edges) {
    const { source, target } = edge;
    switch (edge.attributes.type) {
      case 'MADE': {
        const claim = claims.get(target);
        if (claim && typeOf(source) === 'actor' && claim.claimant === undefined) claim.claimant = source;
        break;
      }
      case 'ABOUT':
        claims.get(source)?.about.push(target);
        break;
      case 'ACCUSES':
        if (typeOf(target) === 'actor') claims.get(source)?.accused.push(target);
        break;
      case 'REPORTED_IN': {
        const claim = claims.get(source);
        const position = typeof edge.attributes.position === 'number' ? edge.attributes.position : Number.MAX_SAFE_INTEGER;
        if (claim && typeOf(target) === 'source') claim.sourcePositions.set(target, position);
        break;
      }
      case 'REPORTED_VIA':
        if (typeOf(target) === 'actor') claims.get(source)?.reportedVia.push(target);
        break;
      case 'SUPPORTS':
      case 'DISPUTES':
      case 'RESPONDS_TO':
      case 'CITES':
        if (typeOf(target) === 'claim') claims.get(source)?.[CLAIM_LINK_OF[edge.attributes.type]].push(target);
        break;
      case 'TARGETS':
        if (typeOf(source) === 'incident' && typeOf(target) === 'actor') targets.push([source, target]);
        break;
      case 'RELATED_TO':
        if (typeOf(source) === 'incident' && typeOf(target) === 'incident') relatedTo.push([source, target]);
        break;
      case 'AFFILIATED_WITH':
        // Affiliations have no STIX counterpart between identities that OpenCTI reads; they stay out of the bundle.
        break;
    }
  }
  for (const claim of claims.values()) {
    claim.sources = [...claim.sourcePositions.entries()].sort((a, b) => a[1] - b[1] || compareText(a[0], b[0])).map(([source]) => source);
  }
  return {
    nodes,
    actors: byType('actor'),
    incidents: byType('incident'),
    sources: byType('source'),
    claims: [...claims.values()],
    targets,
    relatedTo,
  };
}

const nameOf = (node: SerializedNode): string =>
  nonEmptyString(node.attributes.name) ?? nonEmptyString(node.attributes.label) ?? nonEmptyString(node.attributes.title) ?? node.key;

/** STIX identity_class for each actor kind. */
const IDENTITY_CLASS: Readonly<Record<ActorKind, string>> = {
  state: 'organization',
  'government-body': 'organization',
  agency: 'organization',
  official: 'individual',
  company: 'organization',
  collective: 'group',
  'online-account': 'unknown',
  media: 'organization',
  person: 'individual',
  group: 'group',
};

/**
 * The STIX objects that stand for actors. A claimant must be an `identity` (only identities can be
 * `created_by_ref`), while OpenCTI expects attributions to point at a `threat-actor`; an actor that is
 * both — say a state that denies what others accuse it of — gets both objects, with distinct ids, and
 * both carry the same `x_claimgraph_id` so an import folds them back into one actor.
 */
class ActorRefs {
  private readonly threatActors = new Set<string>();
  private readonly claimants = new Set<string>();

  constructor(
    private readonly view: GraphView,
    readonly actors: ReadonlyMap<string, SerializedNode>,
  ) {
    for (const claim of view.claims) {
      if (claim.claimant !== undefined) this.claimants.add(claim.claimant);
      for (const accused of claim.accused)
        if (THREAT_ACTOR_KINDS.has(String(actors.get(accused)?.attributes.kind))) this.threatActors.add(accused);
    }
  }

  identity(actor: string): string {
    return stixId('identity', `identity:${actor}`);
  }

  threatActor(actor: string): string {
    return stixId('threat-actor', `threat-actor:${actor}`);
  }

  hasIdentity(actor: string): boolean {
    return this.claimants.has(actor) || !this.threatActors.has(actor);
  }

  hasThreatActor(actor: string): boolean {
    return this.threatActors.has(actor);
  }

  /** The object that stands for the actor as a subject: its threat-actor if it has one, else its identity. */
  primary(actor: string): string {
    return this.threatActors.has(actor) ? this.threatActor(actor) : this.identity(actor);
  }
}

function actorObjects(view: GraphView, refs: ActorRefs): StixObject[] {
  return view.actors.flatMap((node): StixObject[] => {
    const kind = nonEmptyString(node.attributes.kind);
    const aliases = stringList(node.attributes.aliases);
    const base = {
      spec_version: '2.1' as const,
      created: UNDATED_TIMESTAMP,
      modified: UNDATED_TIMESTAMP,
      name: nameOf(node),
      description: nonEmptyString(node.attributes.description),
      x_claimgraph_id: node.key,
      x_claimgraph_kind: kind,
    };
    const objects: StixObject[] = [];
    if (refs.hasIdentity(node.key)) {
      objects.push(
        compact<StixIdentity>({
          type: 'identity',
          id: refs.identity(node.key),
          ...base,
          identity_class: (kind !== undefined && IDENTITY_CLASS[kind as ActorKind]) || 'unknown',
          x_claimgraph_aliases: aliases,
        }),
      );
    }
    if (refs.hasThreatActor(node.key)) {
      objects.push(
        compact<StixThreatActor>({
          type: 'threat-actor',
          id: refs.threatActor(node.key),
          ...base,
          aliases,
          // Only states and their agencies are known to be nation-state actors; the rest is left open.
          threat_actor_types: kind === 'state' || kind === 'agency' ? ['nation-state'] : ['unknown'],
        }),
      );
    }
    return objects;
  });
}

function incidentObject(node: SerializedNode): StixIncident {
  return compact<StixIncident>({
    type: 'incident',
    spec_version: '2.1',
    id: stixId('incident', `incident:${node.key}`),
    created: UNDATED_TIMESTAMP,
    modified: UNDATED_TIMESTAMP,
    name: nameOf(node),
    description: nonEmptyString(node.attributes.description),
    x_claimgraph_id: node.key,
    x_claimgraph_kind: nonEmptyString(node.attributes.kind),
    x_claimgraph_aliases: stringList(node.attributes.aliases),
    x_claimgraph_start: nonEmptyString(node.attributes.start),
    x_claimgraph_end: nonEmptyString(node.attributes.end),
    x_claimgraph_date_precision: nonEmptyString(node.attributes.datePrecision),
  });
}

/** What the export derived from one claim: its own objects and everything they point at (for report object_refs). */
interface ClaimObjects {
  own: StixObject[];
  referenced: string[];
}

class BundleBuilder {
  private readonly refs: ActorRefs;
  private readonly incidents: Set<string>;
  private readonly claimsById: Map<string, ClaimView>;
  /** Relationships of each asserting claim, by "about|accused" pair of record ids. */
  private readonly assertions = new Map<string, Map<string, string>>();
  private readonly synthesized = new Map<string, StixRelationship>();
  readonly derived = new Map<string, ClaimObjects>();

  constructor(private readonly view: GraphView) {
    this.refs = new ActorRefs(view, new Map(view.actors.map((node) => [node.key, node])));
    this.incidents = new Set(view.incidents.map((node) => node.key));
    this.claimsById = new Map(view.claims.map((claim) => [claim.id, claim]));
  }

  build(): StixBundle {
    // Assertions first, so the opinions that answer them can point at their relationships.
    const ordered = [...this.view.claims].sort(
      (a, b) => Number(a.stance !== 'asserts') - Number(b.stance !== 'asserts') || compareText(a.id, b.id),
    );
    for (const claim of ordered) this.derived.set(claim.id, this.claimObjects(claim));
    const objects: StixObject[] = [
      ...actorObjects(this.view, this.refs),
      ...this.view.incidents.map(incidentObject),
      ...[...this.derived.values()].flatMap((derived) => derived.own),
      ...this.synthesized.values(),
      ...this.incidentLinks(),
      ...this.reports(),
    ];
    objects.sort((a, b) => TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) || compareText(a.id, b.id));
    return {
      type: 'bundle',
      id: stixId('bundle', objects.map((object) => object.id).join('\n')),
      objects,
    };
  }

  private subjectRef(record: string): string | undefined {
    if (this.incidents.has(record)) return stixId('incident', `incident:${record}`);
    if (this.refs.actors.has(record)) return this.refs.primary(record);
    return undefined;
  }

  /** What a claim is about, as the subjects of its relationships: its incidents, or its actors when it names no incident. */
  private subjects(claim: ClaimView): string[] {
    const incidents = claim.about.filter((record) => this.incidents.has(record));
    return incidents.length > 0 ? incidents : claim.about.filter((record) => this.refs.actors.has(record));
  }

  private claimCore(claim: ClaimView) {
    const { attributes } = claim.node;
    const timestamp = startTimestamp(attributes.date) ?? UNDATED_TIMESTAMP;
    const confidence = asConfidence(attributes.confidence);
    const claimant = claim.claimant === undefined ? undefined : this.refs.actors.get(claim.claimant);
    return {
      /** What every object a claim becomes carries after its type, spec_version and id, in this order. */
      stamp: {
        created: timestamp,
        modified: timestamp,
        created_by_ref: claim.claimant === undefined ? undefined : this.refs.identity(claim.claimant),
        confidence: confidence === undefined ? undefined : CONFIDENCE_SCALE[confidence],
      },
      authors: claimant === undefined ? undefined : [nameOf(claimant)],
      details: {
        x_claimgraph_id: claim.id,
        x_claimgraph_kind: nonEmptyString(attributes.kind),
        x_claimgraph_date: nonEmptyString(attributes.date),
        x_claimgraph_date_precision: nonEmptyString(attributes.datePrecision),
        x_claimgraph_hedge: nonEmptyString(attributes.hedge),
        x_claimgraph_supports: claim.supports,
        x_claimgraph_disputes: claim.disputes,
        x_claimgraph_responds_to: claim.respondsTo,
        x_claimgraph_cites: claim.cites,
        x_claimgraph_reported_via: claim.reportedVia,
      },
    };
  }

  private claimObjects(claim: ClaimView): ClaimObjects {
    if (claim.stance === 'asserts') {
      const derived = this.assertion(claim);
      if (derived) return derived;
    } else if (claim.stance === 'denies' || claim.stance === 'neither') {
      const derived = this.opinion(claim, claim.stance);
      if (derived) return derived;
    }
    return this.statementNote(claim);
  }

  /** An asserting claim: one attributed-to relationship per (subject, accused) pair, and a note for its quote. */
  private assertion(claim: ClaimView): ClaimObjects | undefined {
    const core = this.claimCore(claim);
    const text = nonEmptyString(claim.node.attributes.text) ?? nameOf(claim.node);
    const pairs = new Map<string, string>();
    const own: StixObject[] = [];
    for (const subject of this.subjects(claim)) {
      for (const accused of claim.accused) {
        const source = this.subjectRef(subject);
        if (source === undefined) continue;
        const relationship = compact<StixRelationship>({
          type: 'relationship',
          spec_version: '2.1',
          id: stixId('relationship', `attributed-to:${claim.id}:${subject}:${accused}`),
          ...core.stamp,
          relationship_type: 'attributed-to',
          source_ref: source,
          target_ref: this.refs.primary(accused),
          description: text,
          ...core.details,
        });
        pairs.set(`${subject}|${accused}`, relationship.id);
        own.push(relationship);
      }
    }
    if (own.length === 0) return undefined;
    this.assertions.set(claim.id, pairs);
    const relationshipIds = own.map((object) => object.id);
    const quote = nonEmptyString(claim.node.attributes.quote);
    if (quote !== undefined) {
      // STIX has no quote field on relationships; a note carrying the claimant's words keeps the description a paraphrase.
      own.push(
        compact<StixNote>({
          type: 'note',
          spec_version: '2.1',
          id: stixId('note', `quote:${claim.id}`),
          ...core.stamp,
          abstract: text,
          content: quote,
          authors: core.authors,
          object_refs: relationshipIds,
          x_claimgraph_id: claim.id,
        }),
      );
    }
    return { own, referenced: this.pointedAt(own) };
  }

  /**
   * A denial or a non-committal claim: an opinion on the assertions it answers, for each (subject, accused)
   * pair it covers. A pair no answered assertion covers gets a synthesised relationship standing for the
   * proposition itself, shared by every opinion on that pair.
   */
  private opinion(claim: ClaimView, stance: 'denies' | 'neither'): ClaimObjects | undefined {
    const core = this.claimCore(claim);
    const answered = sortedUnique([...claim.respondsTo, ...claim.disputes]);
    const objectRefs = new Set<string>();
    for (const subject of this.subjects(claim)) {
      for (const accused of claim.accused) {
        const key = `${subject}|${accused}`;
        const matching = answered.map((other) => this.assertions.get(other)?.get(key)).filter((id): id is string => id !== undefined);
        if (matching.length > 0) matching.forEach((id) => objectRefs.add(id));
        else {
          const synthesized = this.proposition(subject, accused);
          if (synthesized) objectRefs.add(synthesized);
        }
      }
    }
    if (objectRefs.size === 0) return undefined;
    const confidence = asConfidence(claim.node.attributes.confidence);
    const text = nonEmptyString(claim.node.attributes.text) ?? nameOf(claim.node);
    const quote = nonEmptyString(claim.node.attributes.quote);
    const opinion = compact<StixOpinion>({
      type: 'opinion',
      spec_version: '2.1',
      id: stixId('opinion', `opinion:${claim.id}`),
      ...core.stamp,
      // A hedged denial ("low", "rumoured") disagrees; a firm one strongly disagrees.
      opinion: stance === 'neither' ? 'neutral' : confidence === 'low' || confidence === 'rumoured' ? 'disagree' : 'strongly-disagree',
      explanation: quote ?? text,
      authors: core.authors,
      object_refs: sortedUnique(objectRefs),
      ...core.details,
      // The paraphrase is kept beside the quote so an import gets both back.
      x_claimgraph_text: quote === undefined ? undefined : text,
    });
    return { own: [opinion], referenced: this.pointedAt([opinion]) };
  }

  private proposition(subject: string, accused: string): string | undefined {
    const source = this.subjectRef(subject);
    if (source === undefined) return undefined;
    const id = stixId('relationship', `attributed-to:proposition:${subject}:${accused}`);
    if (!this.synthesized.has(id)) {
      const subjectNode = this.view.nodes.get(subject);
      const accusedNode = this.view.nodes.get(accused);
      this.synthesized.set(
        id,
        compact<StixRelationship>({
          type: 'relationship',
          spec_version: '2.1',
          id,
          created: UNDATED_TIMESTAMP,
          modified: UNDATED_TIMESTAMP,
          relationship_type: 'attributed-to',
          source_ref: source,
          target_ref: this.refs.primary(accused),
          description: `The attribution of ${subjectNode ? nameOf(subjectNode) : subject} to ${accusedNode ? nameOf(accusedNode) : accused}, as disputed or left open by the opinions on it; no one in this export asserts it.`,
          x_claimgraph_synthesized: true,
        }),
      );
    }
    return id;
  }

  /** A claim without a stance (observation, threat, speculation, statement), or one whose accused or subjects are outside the view. */
  private statementNote(claim: ClaimView): ClaimObjects {
    const core = this.claimCore(claim);
    const text = nonEmptyString(claim.node.attributes.text) ?? nameOf(claim.node);
    const quote = nonEmptyString(claim.node.attributes.quote);
    const objectRefs = sortedUnique(
      [...claim.about, ...claim.accused].map((record) => this.subjectRef(record)).filter((id): id is string => id !== undefined),
    );
    if (objectRefs.length === 0) return { own: [], referenced: [] };
    const note = compact<StixNote>({
      type: 'note',
      spec_version: '2.1',
      id: stixId('note', `claim:${claim.id}`),
      ...core.stamp,
      abstract: text,
      content: quote ?? text,
      authors: core.authors,
      object_refs: objectRefs,
      ...core.details,
    });
    return { own: [note], referenced: this.pointedAt([note]) };
  }

  private pointedAt(objects: readonly StixObject[]): string[] {
    const ids = new Set<string>();
    for (const object of objects) {
      if (object.created_by_ref !== undefined) ids.add(object.created_by_ref);
      if (object.type === 'relationship') {
        ids.add(object.source_ref);
        ids.add(object.target_ref);
      }
      if (object.type === 'opinion' || object.type === 'note') {
        for (const ref of object.object_refs) {
          const synthesized = this.synthesized.get(ref);
          if (synthesized) {
            ids.add(ref);
            ids.add(synthesized.source_ref);
            ids.add(synthesized.target_ref);
          } else if (!ref.startsWith('relationship--')) {
            // Another claim's relationship is left out: a report lists the claims it reports, not the ones they answer.
            ids.add(ref);
          }
        }
      }
    }
    return [...ids];
  }

  private incidentLinks(): StixRelationship[] {
    const link = (type: 'targets' | 'related-to', from: string, to: string, target: string): StixRelationship => ({
      type: 'relationship',
      spec_version: '2.1',
      id: stixId('relationship', `${type}:${from}:${to}`),
      created: UNDATED_TIMESTAMP,
      modified: UNDATED_TIMESTAMP,
      relationship_type: type,
      source_ref: stixId('incident', `incident:${from}`),
      target_ref: target,
    });
    return [
      ...this.view.targets.map(([incident, actor]) => link('targets', incident, actor, this.refs.primary(actor))),
      ...this.view.relatedTo.map(([incident, related]) => link('related-to', incident, related, stixId('incident', `incident:${related}`))),
    ];
  }

  /** One report per source that reports a claim in the view; a report must name at least one object. */
  private reports(): StixReport[] {
    return this.view.sources.flatMap((node): StixReport[] => {
      const refs = new Set<string>();
      for (const claim of this.view.claims) {
        if (!claim.sources.includes(node.key)) continue;
        const derived = this.derived.get(claim.id);
        derived?.own.forEach((object) => refs.add(object.id));
        derived?.referenced.forEach((id) => refs.add(id));
      }
      if (refs.size === 0) return [];
      const title = nameOf(node);
      const publisher = nonEmptyString(node.attributes.publisher);
      const documentRef = nonEmptyString(node.attributes.documentRef);
      const url = nonEmptyString(node.attributes.url);
      const published = nonEmptyString(node.attributes.published);
      const reference = compact<StixExternalReference>({
        source_name: publisher ?? title,
        external_id: documentRef,
        url: url !== undefined && isAbsoluteUrl(url) ? url : undefined,
        description: documentRef === undefined ? title : undefined,
      });
      const timestamp = startTimestamp(published) ?? UNDATED_TIMESTAMP;
      return [
        compact<StixReport>({
          type: 'report',
          spec_version: '2.1',
          id: stixId('report', `report:${node.key}`),
          created: timestamp,
          modified: timestamp,
          name: title,
          published: timestamp,
          object_refs: sortedUnique(refs),
          external_references: [reference],
          x_claimgraph_id: node.key,
          x_claimgraph_author: nonEmptyString(node.attributes.author),
          x_claimgraph_published: published,
          x_claimgraph_published_precision: nonEmptyString(node.attributes.publishedPrecision),
        }),
      ];
    });
  }
}

const TYPE_ORDER: ReadonlyArray<StixObject['type']> = ['identity', 'threat-actor', 'incident', 'relationship', 'opinion', 'note', 'report'];

function isAbsoluteUrl(value: string): boolean {
  try {
    return new URL(value).protocol.length > 1;
  } catch {
    return false;
  }
}

/**
 * The view as a STIX 2.1 bundle. Every id is a UUIDv5 of our record ids and every timestamp comes from the
 * records, so re-exporting the same view gives the same bundle; `meta` is accepted for the common export
 * signature but nothing in the bundle depends on it.
 */
export function toStixBundle(graph: SerializedGraph, _meta: Pick<ExportMeta, 'generatedAt'>): StixBundle {
  return new BundleBuilder(readView(orderedGraph(graph))).build();
}
