// Converts a graph view to a STIX 2.1 bundle (claims as attributed-to relationships, opinions and notes) and a STIX bundle back to a dataset.
import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import { CLAIM_KINDS, CONFIDENCES, STANCES, type ActorKind, type ClaimKind, type Confidence, type Stance } from '../model/vocabulary';
import { type DatasetInput } from '../model/dataset';
import type { SerializedGraph, SerializedNode } from '../model/wire';
import { checkGraph, compareText, type ExportMeta } from './common';
import { parseStixBundle, type StixImportedObject } from './stixSchema';

export { StixValidationError, type StixIssue } from './stixSchema';

/** Fixed namespace for this project's UUIDv5 ids: the same record always gets the same STIX id. */
export const STIX_NAMESPACE = '226575b3-36b4-4897-b30a-e16929954c2d';

/** The claimant's confidence level as STIX `confidence` (0–100); the README documents this scale. */
export const CONFIDENCE_SCALE: Readonly<Record<Confidence, number>> = {
  certain: 95,
  high: 85,
  moderate: 50,
  low: 15,
  rumoured: 5,
};

/**
 * `created`/`modified` of objects with no date of their own. STIX requires both, and they must not change
 * between exports, so they cannot be the export time.
 */
export const UNDATED_TIMESTAMP = '1970-01-01T00:00:00.000Z';

/** Accused actors of these kinds become `threat-actor` objects; everyone else is an `identity`. */
export const THREAT_ACTOR_KINDS: ReadonlySet<string> = new Set<ActorKind>(['state', 'group', 'collective', 'online-account', 'agency']);

// ---------------------------------------------------------------------------------------------------------------
// STIX object shapes this module writes.

export interface StixExternalReference {
  source_name: string;
  external_id?: string;
  url?: string;
  description?: string;
}

interface StixCore {
  spec_version: '2.1';
  id: string;
  created: string;
  modified: string;
  created_by_ref?: string;
  confidence?: number;
  x_claimgraph_id?: string;
  [custom: `x_claimgraph_${string}`]: unknown;
}

export interface StixIdentity extends StixCore {
  type: 'identity';
  name: string;
  description?: string;
  identity_class: string;
}

export interface StixThreatActor extends StixCore {
  type: 'threat-actor';
  name: string;
  description?: string;
  aliases?: string[];
  threat_actor_types: string[];
}

export interface StixIncident extends StixCore {
  type: 'incident';
  name: string;
  description?: string;
}

export interface StixRelationship extends StixCore {
  type: 'relationship';
  relationship_type: string;
  source_ref: string;
  target_ref: string;
  description?: string;
}

export interface StixOpinion extends StixCore {
  type: 'opinion';
  opinion: 'strongly-disagree' | 'disagree' | 'neutral' | 'agree' | 'strongly-agree';
  explanation?: string;
  authors?: string[];
  object_refs: string[];
}

export interface StixNote extends StixCore {
  type: 'note';
  content: string;
  abstract?: string;
  authors?: string[];
  object_refs: string[];
}

export interface StixReport extends StixCore {
  type: 'report';
  name: string;
  description?: string;
  published: string;
  object_refs: string[];
  external_references: StixExternalReference[];
}

export type StixObject = StixIdentity | StixThreatActor | StixIncident | StixRelationship | StixOpinion | StixNote | StixReport;

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

// ---------------------------------------------------------------------------------------------------------------
// Shared helpers.

export function stixId(type: string, name: string): string {
  return `${type}--${uuidv5(name, STIX_NAMESPACE)}`;
}

/** A partial date ("2014", "2014-12", "2014-12-19") as the STIX timestamp of the start of the period it names. */
export function partialDateToTimestamp(date: unknown): string | undefined {
  if (typeof date !== 'string') return undefined;
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!match) return undefined;
  return `${match[1]}-${match[2] ?? '01'}-${match[3] ?? '01'}T00:00:00.000Z`;
}

/** The nearest confidence level to a STIX confidence; ties go to the weaker level, the cautious reading. */
export function confidenceFromScale(value: number): Confidence {
  let best: Confidence = 'moderate';
  let bestDistance = Infinity;
  for (const level of [...CONFIDENCES].reverse()) {
    const distance = Math.abs(CONFIDENCE_SCALE[level] - value);
    if (distance < bestDistance) {
      best = level;
      bestDistance = distance;
    }
  }
  return best;
}

/** Drops undefined values and empty lists: the OASIS schemas reject both (custom list properties need an item). */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, item]) => item !== undefined && !(Array.isArray(item) && item.length === 0)),
  ) as T;
}

const nonEmptyString = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => nonEmptyString(item) !== undefined) : [];
const sortedUnique = (values: Iterable<string>): string[] => [...new Set(values)].sort(compareText);

const asStance = (value: unknown): Stance | undefined =>
  typeof value === 'string' && (STANCES as readonly string[]).includes(value) ? (value as Stance) : undefined;
const asConfidence = (value: unknown): Confidence | undefined =>
  typeof value === 'string' && (CONFIDENCES as readonly string[]).includes(value) ? (value as Confidence) : undefined;

// ---------------------------------------------------------------------------------------------------------------
// Export: graph view → bundle.

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

function readView(graph: SerializedGraph): GraphView {
  const nodes = new Map(graph.nodes.map((node) => [node.key, node]));
  const byType = (type: string) => graph.nodes.filter((node) => node.attributes.type === type).sort((a, b) => compareText(a.key, b.key));
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
  for (const edge of [...graph.edges].sort((a, b) => compareText(a.key, b.key))) {
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
        if (typeOf(target) === 'claim') claims.get(source)?.supports.push(target);
        break;
      case 'DISPUTES':
        if (typeOf(target) === 'claim') claims.get(source)?.disputes.push(target);
        break;
      case 'RESPONDS_TO':
        if (typeOf(target) === 'claim') claims.get(source)?.respondsTo.push(target);
        break;
      case 'CITES':
        if (typeOf(target) === 'claim') claims.get(source)?.cites.push(target);
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
    const timestamp = partialDateToTimestamp(attributes.date) ?? UNDATED_TIMESTAMP;
    const confidence = asConfidence(attributes.confidence);
    const claimant = claim.claimant === undefined ? undefined : this.refs.actors.get(claim.claimant);
    return {
      spec_version: '2.1' as const,
      created: timestamp,
      modified: timestamp,
      created_by_ref: claim.claimant === undefined ? undefined : this.refs.identity(claim.claimant),
      confidence: confidence === undefined ? undefined : CONFIDENCE_SCALE[confidence],
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
          spec_version: core.spec_version,
          id: stixId('relationship', `attributed-to:${claim.id}:${subject}:${accused}`),
          created: core.created,
          modified: core.modified,
          created_by_ref: core.created_by_ref,
          confidence: core.confidence,
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
          spec_version: core.spec_version,
          id: stixId('note', `quote:${claim.id}`),
          created: core.created,
          modified: core.modified,
          created_by_ref: core.created_by_ref,
          confidence: core.confidence,
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
      spec_version: core.spec_version,
      id: stixId('opinion', `opinion:${claim.id}`),
      created: core.created,
      modified: core.modified,
      created_by_ref: core.created_by_ref,
      confidence: core.confidence,
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
      spec_version: core.spec_version,
      id: stixId('note', `claim:${claim.id}`),
      created: core.created,
      modified: core.modified,
      created_by_ref: core.created_by_ref,
      confidence: core.confidence,
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
      const timestamp = partialDateToTimestamp(published) ?? UNDATED_TIMESTAMP;
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
  checkGraph(graph);
  return new BundleBuilder(readView(graph)).build();
}

// ---------------------------------------------------------------------------------------------------------------
// Import: bundle → dataset.

type ActorInput = NonNullable<DatasetInput['actors']>[number];
type IncidentInput = NonNullable<DatasetInput['incidents']>[number];
type ClaimInput = NonNullable<DatasetInput['claims']>[number];
type SourceInput = DatasetInput['sources'][number];

type Of<T extends StixImportedObject['type']> = Extract<StixImportedObject, { type: T }>;

/** An object the import left out, and why. */
export interface SkippedStixObject {
  index: number;
  id: string;
  reason: string;
}

export interface StixImportResult {
  dataset: DatasetInput;
  skipped: SkippedStixObject[];
}

interface ClaimDraft {
  id: string;
  claimant: string;
  kind: ClaimKind | undefined;
  stance: Stance | undefined;
  confidence: Confidence | undefined;
  about: Set<string>;
  accused: Set<string>;
  text: string | undefined;
  quote: string | undefined;
  hedge: string | undefined;
  date: string | undefined;
  datePrecision: 'year' | 'month' | 'day' | undefined;
  /** Links named by x_claimgraph_* properties, or derived from what an opinion answers. */
  supports: Set<string>;
  disputes: Set<string>;
  respondsTo: Set<string>;
  cites: Set<string>;
  reportedVia: Set<string>;
  sources: string[];
}

const isUrl = (value: string): boolean => z.url().safeParse(value).success;

/** Our record id for an imported object: the exported `x_claimgraph_id`, else the STIX id itself (a valid slug). */
const recordIdOf = (object: { id: string; x_claimgraph_id?: string | undefined }): string =>
  object.x_claimgraph_id ?? object.id.toLowerCase();

const slug = (text: string): string =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);

const ATTRIBUTION_KINDS: ReadonlySet<ClaimKind> = new Set<ClaimKind>(['attribution', 'denial', 'non-committal']);

class DatasetBuilder {
  readonly skipped: SkippedStixObject[] = [];
  private readonly byId = new Map<string, { index: number; object: StixImportedObject }>();
  private readonly actors = new Map<string, ActorInput>();
  private readonly actorOf = new Map<string, string>();
  private readonly incidents = new Map<string, IncidentInput & { targets: string[]; relatedTo: string[] }>();
  private readonly incidentOf = new Map<string, string>();
  private readonly sources = new Map<string, SourceInput>();
  private readonly claims = new Map<string, ClaimDraft>();
  /** Which claim each claim-bearing STIX object became, so reports can name the claims' sources. */
  private readonly claimOf = new Map<string, string>();

  constructor(
    private readonly bundleId: string,
    private readonly objects: ReadonlyArray<{ index: number; object: StixImportedObject }>,
  ) {
    for (const entry of objects) {
      if (this.byId.has(entry.object.id)) this.skip(entry, 'a second object with the same id; the first one is used');
      else this.byId.set(entry.object.id, entry);
    }
  }

  private skip(entry: { index: number; object: { id: string } }, reason: string): void {
    this.skipped.push({ index: entry.index, id: entry.object.id, reason });
  }

  private each<T extends StixImportedObject['type']>(...types: T[]): Array<{ index: number; object: Of<T> }> {
    return [...this.byId.values()]
      .filter((entry): entry is { index: number; object: Of<T> } => (types as string[]).includes(entry.object.type))
      .sort((a, b) => a.index - b.index);
  }

  build(): DatasetInput {
    for (const entry of this.each('identity', 'threat-actor', 'intrusion-set')) this.addActor(entry.object);
    for (const entry of this.each('incident', 'campaign')) this.addIncident(entry.object);
    const relationships = this.each('relationship');
    for (const entry of relationships) this.addRelationship(entry);
    for (const entry of this.each('opinion')) this.addOpinion(entry);
    for (const entry of this.each('note')) this.addNote(entry);
    for (const entry of this.each('report')) this.addReport(entry.object);
    return this.dataset();
  }

  private addActor(object: Of<'identity' | 'threat-actor' | 'intrusion-set'>): void {
    const id = recordIdOf(object);
    this.actorOf.set(object.id, id);
    const aliases = object.type === 'identity' ? (object.x_claimgraph_aliases ?? []) : (object.aliases ?? []);
    const existing = this.actors.get(id);
    if (existing) {
      // The identity and threat-actor of one exported actor meet here; keep one actor with every alias.
      existing.aliases = [...new Set([...(existing.aliases ?? []), ...aliases])];
      return;
    }
    const description = nonEmptyString(object.description);
    this.actors.set(id, {
      id,
      name: object.name,
      kind: object.x_claimgraph_kind ?? inferActorKind(object),
      aliases: [...new Set(aliases)],
      ...(description === undefined ? {} : { description }),
    });
  }

  private addIncident(object: Of<'incident' | 'campaign'>): void {
    const id = recordIdOf(object);
    this.incidentOf.set(object.id, id);
    if (this.incidents.has(id)) return;
    const dayOf = (timestamp: string | undefined) => timestamp?.slice(0, 10);
    const start = object.type === 'incident' ? object.x_claimgraph_start : dayOf(object.first_seen);
    const end = object.type === 'incident' ? object.x_claimgraph_end : dayOf(object.last_seen);
    const datePrecision =
      object.type === 'incident' ? object.x_claimgraph_date_precision : start !== undefined || end !== undefined ? 'day' : undefined;
    this.incidents.set(id, {
      id,
      name: object.name,
      kind: object.type === 'incident' ? (object.x_claimgraph_kind ?? 'incident') : 'campaign',
      aliases: object.type === 'incident' ? (object.x_claimgraph_aliases ?? []) : (object.aliases ?? []),
      description: nonEmptyString(object.description) ?? object.name,
      ...(start === undefined ? {} : { start }),
      ...(end === undefined ? {} : { end }),
      ...(datePrecision === undefined ? {} : { datePrecision }),
      targets: [],
      relatedTo: [],
    });
  }

  private subjectOf(ref: string): string | undefined {
    return this.incidentOf.get(ref) ?? this.actorOf.get(ref);
  }

  /** The claimant of a claim-bearing object: its `created_by_ref`, else an actor named like its first author, else a new actor for that author. */
  private claimantOf(object: { created_by_ref?: string | undefined; authors?: string[] | undefined }): string | undefined {
    const creator = object.created_by_ref === undefined ? undefined : this.actorOf.get(object.created_by_ref);
    if (creator !== undefined) return creator;
    const author = object.authors?.[0];
    if (author === undefined) return undefined;
    const named = [...this.actors.values()].find((actor) => actor.name.trim().toLowerCase() === author.trim().toLowerCase());
    if (named) return named.id;
    const id = `author-${slug(author) || uuidv5(author, STIX_NAMESPACE)}`;
    if (!this.actors.has(id)) this.actors.set(id, { id, name: author, kind: 'person', aliases: [] });
    return id;
  }

  private draft(
    key: string,
    claimant: string,
    object: Of<'relationship' | 'opinion' | 'note'>,
    stance: Stance | undefined,
    fallbackConfidence: Confidence,
  ): ClaimDraft {
    const existing = this.claims.get(key);
    if (existing) return existing;
    // Our own exports say when a claim was made; for anyone else's, the object's creation day is the best guess.
    const ownExport = object.x_claimgraph_id !== undefined;
    const created = object.created !== undefined && object.created !== UNDATED_TIMESTAMP ? object.created.slice(0, 10) : undefined;
    const draft: ClaimDraft = {
      id: key,
      claimant,
      kind: object.x_claimgraph_kind,
      stance,
      confidence: object.confidence === undefined ? fallbackConfidence : confidenceFromScale(object.confidence),
      about: new Set(),
      accused: new Set(),
      text: undefined,
      quote: undefined,
      hedge: object.x_claimgraph_hedge,
      date: ownExport ? object.x_claimgraph_date : created,
      datePrecision: ownExport ? object.x_claimgraph_date_precision : created === undefined ? undefined : 'day',
      supports: new Set(object.x_claimgraph_supports),
      disputes: new Set(object.x_claimgraph_disputes),
      respondsTo: new Set(object.x_claimgraph_responds_to),
      cites: new Set(object.x_claimgraph_cites),
      reportedVia: new Set(object.x_claimgraph_reported_via),
      sources: [],
    };
    this.claims.set(key, draft);
    return draft;
  }

  private addRelationship(entry: { index: number; object: Of<'relationship'> }): void {
    const { object } = entry;
    if (object.relationship_type === 'targets' || object.relationship_type === 'related-to') {
      const incident = this.incidents.get(this.incidentOf.get(object.source_ref) ?? '');
      const target = object.relationship_type === 'targets' ? this.actorOf.get(object.target_ref) : this.incidentOf.get(object.target_ref);
      if (incident && target !== undefined) {
        (object.relationship_type === 'targets' ? incident.targets : incident.relatedTo).push(target);
        return;
      }
      this.skip(
        entry,
        `a "${object.relationship_type}" relationship is read only from an incident or campaign to an ${object.relationship_type === 'targets' ? 'actor' : 'incident'} in the bundle`,
      );
      return;
    }
    if (object.relationship_type !== 'attributed-to') {
      this.skip(entry, `relationship type "${object.relationship_type}" has no counterpart in the dataset`);
      return;
    }
    // A synthesised proposition stands only for what opinions answer; nobody asserted it.
    if (object.x_claimgraph_synthesized === true) return;
    const claimant = object.created_by_ref === undefined ? undefined : this.actorOf.get(object.created_by_ref);
    const subject = this.subjectOf(object.source_ref);
    const accused = this.actorOf.get(object.target_ref);
    if (claimant === undefined)
      return this.skip(entry, 'an attribution needs a claimant: expected created_by_ref naming an identity in the bundle');
    if (subject === undefined) return this.skip(entry, 'expected source_ref naming an incident, campaign or actor in the bundle');
    if (accused === undefined)
      return this.skip(entry, 'expected target_ref naming a threat-actor, intrusion-set or identity in the bundle');
    const key = recordIdOf(object);
    const draft = this.draft(key, claimant, object, 'asserts', 'moderate');
    draft.about.add(subject);
    draft.accused.add(accused);
    draft.text ??= nonEmptyString(object.description);
    this.claimOf.set(object.id, key);
  }

  private addOpinion(entry: { index: number; object: Of<'opinion'> }): void {
    const { object } = entry;
    const answered = object.object_refs
      .map((ref) => this.byId.get(ref)?.object)
      .filter((ref): ref is Of<'relationship'> => ref?.type === 'relationship' && ref.relationship_type === 'attributed-to');
    const pairs = answered
      .map((relationship) => [this.subjectOf(relationship.source_ref), this.actorOf.get(relationship.target_ref)] as const)
      .filter((pair): pair is readonly [string, string] => pair[0] !== undefined && pair[1] !== undefined);
    if (pairs.length === 0)
      return this.skip(entry, 'an opinion is read only when object_refs names an attributed-to relationship between objects in the bundle');
    const claimant = this.claimantOf(object);
    if (claimant === undefined)
      return this.skip(entry, 'an opinion needs a claimant: expected created_by_ref naming an identity in the bundle, or authors');
    const stance: Stance = object.opinion === 'neutral' ? 'neither' : object.opinion.endsWith('disagree') ? 'denies' : 'asserts';
    const fallback: Confidence = object.opinion.startsWith('strongly') ? 'high' : object.opinion === 'neutral' ? 'moderate' : 'low';
    const key = recordIdOf(object);
    const draft = this.draft(key, claimant, object, stance, fallback);
    for (const [subject, accused] of pairs) {
      draft.about.add(subject);
      draft.accused.add(accused);
    }
    if (object.x_claimgraph_id === undefined) {
      // Without our own link properties, what an opinion answers is the claims behind the relationships it names.
      const answeredClaims = answered
        .map((relationship) => this.claimOf.get(relationship.id))
        .filter((id): id is string => id !== undefined);
      for (const other of answeredClaims) (stance === 'asserts' ? draft.supports : draft.respondsTo).add(other);
    }
    const explanation = nonEmptyString(object.explanation);
    draft.text ??= object.x_claimgraph_text ?? explanation;
    if (object.x_claimgraph_text !== undefined) draft.quote ??= explanation;
    this.claimOf.set(object.id, key);
  }

  private addNote(entry: { index: number; object: Of<'note'> }): void {
    const { object } = entry;
    const key = recordIdOf(object);
    const quoted = this.claims.get(key);
    if (quoted) {
      // The note an export writes for an assertion's quote.
      if (object.content !== quoted.text) quoted.quote ??= object.content;
      quoted.text ??= nonEmptyString(object.abstract);
      this.claimOf.set(object.id, key);
      return;
    }
    if ((object.authors ?? []).length === 0 && object.created_by_ref === undefined) {
      return this.skip(entry, 'a note becomes a claim only when it has authors or created_by_ref: whose claim would it be?');
    }
    const claimant = this.claimantOf(object);
    if (claimant === undefined) return this.skip(entry, 'expected created_by_ref naming an identity in the bundle');
    const about = new Set<string>();
    for (const ref of object.object_refs) {
      const target = this.byId.get(ref)?.object;
      const subject = target?.type === 'relationship' ? this.subjectOf(target.source_ref) : this.subjectOf(ref);
      if (subject !== undefined) about.add(subject);
    }
    if (about.size === 0) return this.skip(entry, 'expected object_refs naming an incident, campaign, actor or relationship in the bundle');
    const draft = this.draft(key, claimant, object, undefined, 'moderate');
    about.forEach((subject) => draft.about.add(subject));
    const abstract = nonEmptyString(object.abstract);
    draft.text ??= abstract ?? object.content;
    if (abstract !== undefined && object.content !== abstract) draft.quote ??= object.content;
    this.claimOf.set(object.id, key);
  }

  private addReport(object: Of<'report'>): void {
    const id = recordIdOf(object);
    const reference = object.external_references?.[0];
    const ownExport = object.x_claimgraph_id !== undefined;
    const published = ownExport ? object.x_claimgraph_published : object.published.slice(0, 10);
    const publishedPrecision = ownExport ? object.x_claimgraph_published_precision : 'day';
    const url = reference?.url !== undefined && isUrl(reference.url) ? reference.url : undefined;
    const publisher = reference !== undefined && reference.source_name !== object.name ? reference.source_name : undefined;
    this.sources.set(id, {
      id,
      title: object.name,
      ...(publisher === undefined ? {} : { publisher }),
      ...(object.x_claimgraph_author === undefined ? {} : { author: object.x_claimgraph_author }),
      ...(published === undefined ? {} : { published }),
      ...(published === undefined || publishedPrecision === undefined ? {} : { publishedPrecision }),
      ...(url === undefined ? {} : { url }),
      documentRef: nonEmptyString(reference?.external_id) ?? object.id,
    });
    for (const ref of object.object_refs) {
      const claim = this.claims.get(this.claimOf.get(ref) ?? '');
      if (claim && !claim.sources.includes(id)) claim.sources.push(id);
    }
  }

  private dataset(): DatasetInput {
    const uuid = this.bundleId.slice('bundle--'.length).toLowerCase();
    const bundleSource: SourceInput = { id: `stix-bundle-${uuid}`, title: `STIX bundle ${this.bundleId}`, documentRef: this.bundleId };
    const claimIds = new Set(this.claims.keys());
    const claims: ClaimInput[] = [...this.claims.values()].map((draft) => this.claimInput(draft, claimIds, bundleSource));
    const sources = [...this.sources.values()];
    if (claims.some((claim) => claim.sources.includes(bundleSource.id)) || sources.length === 0) sources.push(bundleSource);
    return {
      dataset: { id: `stix-${uuid}`, title: `Imported STIX bundle ${this.bundleId}` },
      sources,
      actors: [...this.actors.values()],
      incidents: [...this.incidents.values()],
      claims,
    };
  }

  private claimInput(draft: ClaimDraft, claimIds: ReadonlySet<string>, bundleSource: SourceInput): ClaimInput {
    const claimant = this.actors.get(draft.claimant);
    const links = (set: Set<string>) => [...set].filter((id) => id !== draft.id && claimIds.has(id));
    const stance = draft.accused.size > 0 ? draft.stance : undefined;
    // A kind that needs a stance cannot stand without one (say, a denial whose accused was not exported).
    const kind: ClaimKind =
      draft.kind !== undefined &&
      (CLAIM_KINDS as readonly string[]).includes(draft.kind) &&
      (stance !== undefined || !ATTRIBUTION_KINDS.has(draft.kind))
        ? draft.kind
        : stance === 'asserts'
          ? 'attribution'
          : stance === 'denies'
            ? 'denial'
            : stance === 'neither'
              ? 'non-committal'
              : 'statement';
    const text = draft.text ?? `${claimant?.name ?? draft.claimant}: ${kind}`;
    return {
      id: draft.id,
      claimant: draft.claimant,
      kind,
      about: [...draft.about],
      accused: stance === undefined ? [] : [...draft.accused],
      ...(stance === undefined ? {} : { stance }),
      confidence: draft.confidence ?? 'moderate',
      ...(draft.hedge === undefined ? {} : { hedge: draft.hedge }),
      ...(draft.date === undefined || draft.datePrecision === undefined ? {} : { date: draft.date, datePrecision: draft.datePrecision }),
      text,
      ...(draft.quote === undefined || draft.quote === text ? {} : { quote: draft.quote }),
      sources: draft.sources.length > 0 ? draft.sources : [bundleSource.id],
      reportedVia: [...draft.reportedVia].filter((id) => this.actors.has(id)),
      supports: links(draft.supports),
      disputes: links(draft.disputes),
      respondsTo: links(draft.respondsTo),
      cites: links(draft.cites),
    };
  }
}

function inferActorKind(object: Of<'identity' | 'threat-actor' | 'intrusion-set'>): ActorKind {
  if (object.type === 'intrusion-set') return 'group';
  if (object.type === 'threat-actor') return object.threat_actor_types?.includes('nation-state') ? 'state' : 'group';
  if (object.sectors?.some((sector) => sector.startsWith('government'))) return 'government-body';
  switch (object.identity_class) {
    case 'individual':
      return 'person';
    case 'organization':
      return 'company';
    default:
      return 'group';
  }
}

/**
 * Reads a STIX 2.1 bundle into the dataset format, with the objects it left out and why. Shape problems
 * throw a StixValidationError naming each object's index, id and field; objects that are well-formed but
 * cannot become records (an attribution with no claimant, a relationship type with no counterpart) are
 * skipped and listed instead.
 */
export function importStixBundle(input: unknown): StixImportResult {
  const parsed = parseStixBundle(input);
  const builder = new DatasetBuilder(parsed.id, parsed.objects);
  const dataset = builder.build();
  const skipped = [
    ...parsed.others.map((other) => ({
      index: other.index,
      id: other.id,
      reason: `objects of type "${other.type}" have no counterpart in the dataset`,
    })),
    ...builder.skipped,
  ].sort((a, b) => a.index - b.index);
  return { dataset, skipped };
}

/** Reads a STIX 2.1 bundle into the dataset format (see importStixBundle for what is skipped). */
export function fromStixBundle(bundle: unknown): DatasetInput {
  return importStixBundle(bundle).dataset;
}
