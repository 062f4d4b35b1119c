// Export: a graph view as a STIX 2.1 bundle, with claims as attributed-to relationships, opinions and notes.
//
// What each object carries:
// - an actor is one object: a `threat-actor` when it is accused in the view and of a kind that can be one (state,
//   agency, group, collective, online account), else an `identity`; an incident is an `incident`; a source is a
//   `report` naming what its claims became, with the document's text as `x_claimgraph_text` when the export is given it;
// - every object a claim becomes names its claimant: as `created_by_ref` when the claimant is an `identity`, else (an
//   accused state that also speaks, say) as `x_claimgraph_claimant`, because STIX requires `created_by_ref` to point
//   at an identity;
// - each accusation a claim asserts against an actor is one `attributed-to` relationship from the incident it is
//   about to the accused, by the claimant, with `x_claimgraph_claim` and `x_claimgraph_incident`;
// - an incident's target is a `related-to` relationship from the incident to the target, marked
//   `x_claimgraph_link: "targets"`, and a related incident a plain `related-to`;
// - a claim's accusations that deny or leave open an actor's responsibility are an `opinion` (one per stance) on the
//   attributed-to relationships that claim answers, or on a synthesised relationship standing for the proposition;
// - an explanation (a cause that names no culprit) of an incident is a `note` on that incident, marked
//   `x_claimgraph_type: "explanation"`; claims that assert, deny or leave it open are opinions on that note;
// - a claim with no accusation the view can express is a `note` on what it is about;
// - every object a claim becomes carries the claim's details as `x_claimgraph_*` properties: kind, stance (when its
//   accusations' stances differ from it), about, date, precision and basis, hedge, sources in order, evidence
//   (`{source, start, end, excerpt}`: offsets into the source's text, with the excerpt when the text is known), and its
//   links to other claims;
// - an actor's affiliations are `x_claimgraph_affiliations` on its objects, with their hedge, sources and evidence.
//
// Why explanations are notes: STIX has no object for "a cause that is nobody", and OpenCTI refuses relationships its
// schema does not list (an attributed-to from an incident may point only at threat actors, intrusion sets, campaigns
// and the like) and drops custom object types, so neither a custom SDO nor a relationship to one would import. A note
// on the incident imports everywhere (OpenCTI shows it on the incident; MISP keeps it as a note), validates against
// the OASIS note schema, and opinions may point at any object, so claimants' positions on it import as opinions too.
import { startTimestamp } from '../../model/dates';
import {
  CLAIM_LINKS,
  CONFIDENCE_SCALE,
  CONFIDENCES,
  STANCES,
  type ActorKind,
  type Confidence,
  type RelationshipType,
  type Stance,
} from '../../model/vocabulary';
import type { SerializedEdge, SerializedGraph, SerializedNode } from '../../model/wire';
import { compareText, InterchangeError, orderedGraph, type ExportMeta, type OrderedGraph } from '../common';
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

/** Accused actors of these kinds become `threat-actor` objects; every other actor is an `identity`. */
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

/** One accusation of a claim: who or what it holds responsible (or clears) for which incident, with which stance. */
interface AccusationView {
  incident: string;
  target: string;
  targetType: 'actor' | 'explanation';
  stance: Stance;
}

/** A verbatim span of a source's text, by its offsets (the wire graph carries offsets, not the words). */
interface SpanView {
  source: string;
  start: number;
  end: number;
}

/** The links from one claim to another, as the dataset names them; `characterizes` is listed even where CLAIM_LINKS lacks it. */
const CLAIM_LINK_TYPES = { ...CLAIM_LINKS, characterizes: 'CHARACTERIZES' } as const satisfies Record<string, RelationshipType>;
type ClaimLinkField = keyof typeof CLAIM_LINK_TYPES;

/** The claim link (`supports`, …) each claim-to-claim relationship type stands for: CLAIM_LINK_TYPES read backwards. */
const CLAIM_LINK_OF: ReadonlyMap<string, ClaimLinkField> = new Map(
  Object.entries(CLAIM_LINK_TYPES).map(([link, type]) => [type, link as ClaimLinkField]),
);

/** A claim node with the links the graph gives it, gathered from its edges. */
interface ClaimView extends Record<ClaimLinkField, string[]> {
  id: string;
  node: SerializedNode;
  stance: Stance | undefined;
  claimant: string | undefined;
  about: string[];
  accusations: AccusationView[];
  sources: string[];
  /** The evidence spans of every source, in the order of the claim's sources. */
  evidence: SpanView[];
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
  /** Each actor's AFFILIATED_WITH edges, in key order. */
  affiliations: Map<string, SerializedEdge[]>;
}

/** A list of offsets, with anything that is no offset as undefined so the parallel lists stay aligned. */
const offsets = (value: unknown): Array<number | undefined> =>
  Array.isArray(value)
    ? value.map((item: unknown) => (typeof item === 'number' && Number.isInteger(item) && item >= 0 ? item : undefined))
    : [];

/**
 * The evidence spans an edge holds as parallel lists of starts and ends (and, on AFFILIATED_WITH, of sources);
 * `sourceAt` names the source of the span at each index.
 */
function spansOf(edge: SerializedEdge, sourceAt: (index: number) => string | undefined): SpanView[] {
  const starts = offsets(edge.attributes.evidenceStarts);
  const ends = offsets(edge.attributes.evidenceEnds);
  return starts.flatMap((start, index) => {
    const end = ends[index];
    const source = sourceAt(index);
    return start !== undefined && end !== undefined && end > start && source !== undefined ? [{ source, start, end }] : [];
  });
}

function readView(graph: OrderedGraph): GraphView {
  const nodes = graph.nodesByKey;
  // The graph's nodes and edges come sorted by key, so every list below is in key order.
  const byType = (type: string) => graph.nodes.filter((node) => node.attributes.type === type);
  const claims = new Map<
    string,
    ClaimView & {
      sourcePositions: Map<string, number>;
      sourceSpans: Map<string, SpanView[]>;
      unscoped: Array<Omit<AccusationView, 'incident'>>;
    }
  >(
    byType('claim').map((node) => [
      node.key,
      {
        id: node.key,
        node,
        stance: asStance(node.attributes.stance),
        claimant: undefined,
        about: [],
        accusations: [],
        sources: [],
        evidence: [],
        supports: [],
        disputes: [],
        respondsTo: [],
        cites: [],
        characterizes: [],
        reportedVia: [],
        sourcePositions: new Map(),
        sourceSpans: new Map(),
        unscoped: [],
      },
    ]),
  );
  const targets: GraphView['targets'] = [];
  const affiliations: GraphView['affiliations'] = new Map();
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
      case 'ACCUSES': {
        const claim = claims.get(source);
        const targetType = typeOf(target);
        const stance = asStance(edge.attributes.stance) ?? claim?.stance;
        if (claim === undefined || stance === undefined || (targetType !== 'actor' && targetType !== 'explanation')) break;
        const incident = nonEmptyString(edge.attributes.incident);
        // An ACCUSES edge without its incident (a graph from before accusations named their act) accuses of every incident the claim is about.
        if (incident === undefined) claim.unscoped.push({ target, targetType, stance });
        else claim.accusations.push({ incident, target, targetType, stance });
        break;
      }
      case 'REPORTED_IN': {
        const claim = claims.get(source);
        const position = typeof edge.attributes.position === 'number' ? edge.attributes.position : Number.MAX_SAFE_INTEGER;
        if (claim && typeOf(target) === 'source') {
          claim.sourcePositions.set(target, position);
          claim.sourceSpans.set(
            target,
            spansOf(edge, () => target),
          );
        }
        break;
      }
      case 'REPORTED_VIA':
        if (typeOf(target) === 'actor') claims.get(source)?.reportedVia.push(target);
        break;
      case 'SUPPORTS':
      case 'DISPUTES':
      case 'RESPONDS_TO':
      case 'CITES':
      case 'CHARACTERIZES': {
        const field = CLAIM_LINK_OF.get(edge.attributes.type);
        if (field !== undefined && typeOf(target) === 'claim') claims.get(source)?.[field].push(target);
        break;
      }
      case 'TARGETS':
        if (typeOf(source) === 'incident' && typeOf(target) === 'actor') targets.push([source, target]);
        break;
      case 'RELATED_TO':
        if (typeOf(source) === 'incident' && typeOf(target) === 'incident') relatedTo.push([source, target]);
        break;
      case 'AFFILIATED_WITH':
        // No STIX relationship between identities says "acting for" or "spokesperson of" in a way OpenCTI accepts for
        // every pair of actor kinds, so affiliations travel as an `x_claimgraph_affiliations` property of the actor.
        if (typeOf(source) === 'actor' && typeOf(target) === 'actor') affiliations.set(source, [...(affiliations.get(source) ?? []), edge]);
        break;
    }
  }
  for (const claim of claims.values()) {
    claim.sources = [...claim.sourcePositions.entries()].sort((a, b) => a[1] - b[1] || compareText(a[0], b[0])).map(([source]) => source);
    claim.evidence = claim.sources.flatMap((source) => claim.sourceSpans.get(source) ?? []);
    const aboutIncidents = claim.about.filter((record) => typeOf(record) === 'incident');
    for (const accusation of claim.unscoped) {
      for (const incident of aboutIncidents) claim.accusations.push({ incident, ...accusation });
    }
  }
  return {
    nodes,
    actors: byType('actor'),
    incidents: byType('incident'),
    sources: byType('source'),
    claims: [...claims.values()].map(
      ({ sourcePositions: _positions, sourceSpans: _spans, unscoped: _unscoped, ...claim }): ClaimView => claim,
    ),
    targets,
    relatedTo,
    affiliations,
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
 * The one STIX object that stands for each actor: a `threat-actor` when the view accuses it (with any stance) and
 * its kind can be one, else an `identity`. An actor that both speaks and is accused (say, a state that denies what
 * others accuse it of) is its threat-actor, since OpenCTI expects attributions to point at threat actors; but STIX
 * requires `created_by_ref` to reference an `identity`, so that actor's claims name it as `x_claimgraph_claimant`
 * (its record id, like every other `x_claimgraph_*` reference) instead, and opinions and notes as `authors`.
 */
class ActorRefs {
  private readonly threatActors = new Set<string>();

  constructor(
    view: GraphView,
    readonly actors: ReadonlyMap<string, SerializedNode>,
  ) {
    for (const claim of view.claims) {
      for (const { target, targetType } of claim.accusations)
        if (targetType === 'actor' && THREAT_ACTOR_KINDS.has(String(actors.get(target)?.attributes.kind))) this.threatActors.add(target);
    }
  }

  isThreatActor(actor: string): boolean {
    return this.threatActors.has(actor);
  }

  /** The id of the actor's object. */
  ref(actor: string): string {
    return this.threatActors.has(actor) ? stixId('threat-actor', `threat-actor:${actor}`) : stixId('identity', `identity:${actor}`);
  }

  /** How an object names the actor that made it: `created_by_ref` when the actor is an identity, else `x_claimgraph_claimant`. */
  creator(actor: string | undefined): { created_by_ref?: string; x_claimgraph_claimant?: string } {
    if (actor === undefined) return {};
    return this.threatActors.has(actor) ? { x_claimgraph_claimant: actor } : { created_by_ref: this.ref(actor) };
  }
}

/** A claim's or affiliation's evidence as written in the bundle: offsets into the source's text, and the words when the export has the text. */
interface StixEvidence {
  source: string;
  start: number;
  end: number;
  excerpt?: string;
}

function evidenceEntries(spans: readonly SpanView[], documents: Readonly<Record<string, string>>): StixEvidence[] {
  return spans.map((span) => {
    const text = documents[span.source];
    const excerpt = text !== undefined && span.end <= text.length ? text.slice(span.start, span.end) : '';
    return excerpt === '' ? { ...span } : { ...span, excerpt };
  });
}

/** An actor's affiliations as `x_claimgraph_affiliations` entries: the affiliated actor, the tie, its certainty and hedge, and what reports it. */
function affiliationEntries(edges: readonly SerializedEdge[], documents: Readonly<Record<string, string>>) {
  return edges.map((edge) => {
    const sources = Array.isArray(edge.attributes.evidenceSources) ? (edge.attributes.evidenceSources as unknown[]) : [];
    const spans = spansOf(edge, (index) => nonEmptyString(sources[index]));
    return compact({
      actor: edge.target,
      role: nonEmptyString(edge.attributes.role),
      certainty: nonEmptyString(edge.attributes.certainty),
      hedge: nonEmptyString(edge.attributes.hedge),
      sources: stringList(edge.attributes.sources),
      evidence: evidenceEntries(spans, documents),
    });
  });
}

function actorObjects(view: GraphView, refs: ActorRefs, documents: Readonly<Record<string, string>>): StixObject[] {
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
      x_claimgraph_affiliations: affiliationEntries(view.affiliations.get(node.key) ?? [], documents),
    };
    if (refs.isThreatActor(node.key)) {
      return [
        compact<StixThreatActor>({
          type: 'threat-actor',
          id: refs.ref(node.key),
          ...base,
          aliases,
          // Only states and their agencies are known to be nation-state actors; the rest is left open.
          threat_actor_types: kind === 'state' || kind === 'agency' ? ['nation-state'] : ['unknown'],
        }),
      ];
    }
    return [
      compact<StixIdentity>({
        type: 'identity',
        id: refs.ref(node.key),
        ...base,
        identity_class: (kind !== undefined && IDENTITY_CLASS[kind as ActorKind]) || 'unknown',
        x_claimgraph_aliases: aliases,
      }),
    ];
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

/** The opinion a stance becomes; a hedged claim ("low", "rumoured") agrees or disagrees, a firm one does so strongly. */
function opinionValue(stance: Stance, confidence: Confidence | undefined): StixOpinion['opinion'] {
  if (stance === 'neither') return 'neutral';
  const hedged = confidence === 'low' || confidence === 'rumoured';
  if (stance === 'asserts') return hedged ? 'agree' : 'strongly-agree';
  return hedged ? 'disagree' : 'strongly-disagree';
}

class BundleBuilder {
  private readonly refs: ActorRefs;
  private readonly incidents: Set<string>;
  /** The attributed-to relationships of each claim's asserted accusations of actors, by "incident|accused". */
  private readonly assertions = new Map<string, Map<string, StixRelationship>>();
  private readonly synthesized = new Map<string, StixRelationship>();
  /** The note standing for each explanation of an incident that some claim puts forward, denies or leaves open. */
  private readonly explanations = new Map<string, StixNote>();
  readonly derived = new Map<string, ClaimObjects>();

  constructor(
    private readonly view: GraphView,
    private readonly documents: Readonly<Record<string, string>>,
  ) {
    this.refs = new ActorRefs(view, new Map(view.actors.map((node) => [node.key, node])));
    this.incidents = new Set(view.incidents.map((node) => node.key));
  }

  build(): StixBundle {
    // Assertions first, so the opinions that answer them can point at their relationships.
    for (const claim of this.view.claims) this.assertions.set(claim.id, this.assertionsOf(claim));
    for (const claim of this.view.claims) this.derived.set(claim.id, this.claimObjects(claim));
    const objects: StixObject[] = [
      ...actorObjects(this.view, this.refs, this.documents),
      ...this.view.incidents.map(incidentObject),
      ...[...this.derived.values()].flatMap((derived) => derived.own),
      ...this.synthesized.values(),
      ...this.explanations.values(),
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
    if (this.incidents.has(record)) return incidentRef(record);
    if (this.refs.actors.has(record)) return this.refs.ref(record);
    return undefined;
  }

  /** The accusations the bundle can express: those of an incident in the view. */
  private accusations(claim: ClaimView): AccusationView[] {
    return claim.accusations.filter((accusation) => this.incidents.has(accusation.incident));
  }

  private claimCore(claim: ClaimView) {
    const { attributes } = claim.node;
    const timestamp = startTimestamp(attributes.date) ?? UNDATED_TIMESTAMP;
    const confidence = asConfidence(attributes.confidence);
    const claimant = claim.claimant === undefined ? undefined : this.refs.actors.get(claim.claimant);
    const text = nonEmptyString(attributes.text) ?? nameOf(claim.node);
    const quote = nonEmptyString(attributes.quote);
    // The claim's own stance is written only where its accusations do not all share it, so no single object implies it.
    const mixed = claim.stance !== undefined && this.accusations(claim).some((accusation) => accusation.stance !== claim.stance);
    return {
      /** What every object a claim becomes carries after its type, spec_version and id, in this order. */
      stamp: {
        created: timestamp,
        modified: timestamp,
        ...this.refs.creator(claim.claimant),
        confidence: confidence === undefined ? undefined : CONFIDENCE_SCALE[confidence],
      },
      authors: claimant === undefined ? undefined : [nameOf(claimant)],
      confidence,
      text,
      quote,
      details: {
        x_claimgraph_id: claim.id,
        x_claimgraph_kind: nonEmptyString(attributes.kind),
        x_claimgraph_stance: mixed ? claim.stance : undefined,
        x_claimgraph_about: claim.about,
        x_claimgraph_date: nonEmptyString(attributes.date),
        x_claimgraph_date_precision: nonEmptyString(attributes.datePrecision),
        x_claimgraph_date_basis: nonEmptyString(attributes.dateBasis),
        x_claimgraph_hedge: nonEmptyString(attributes.hedge),
        // A quote that is the paraphrase word for word looks like no quote at all in a note or opinion; so it is said outright.
        x_claimgraph_quote: quote !== undefined && quote === text ? quote : undefined,
        // The reports name a claim's sources too, but not their order, which the claim keeps (its first is its main one).
        x_claimgraph_sources: claim.sources,
        x_claimgraph_evidence: evidenceEntries(claim.evidence, this.documents),
        x_claimgraph_supports: claim.supports,
        x_claimgraph_disputes: claim.disputes,
        x_claimgraph_responds_to: claim.respondsTo,
        x_claimgraph_cites: claim.cites,
        x_claimgraph_characterizes: claim.characterizes,
        x_claimgraph_reported_via: claim.reportedVia,
      },
    };
  }

  /** One attributed-to relationship per accusation the claim asserts against an actor, from the incident, by the claimant. */
  private assertionsOf(claim: ClaimView): Map<string, StixRelationship> {
    const relationships = new Map<string, StixRelationship>();
    const asserted = this.accusations(claim).filter((accusation) => accusation.targetType === 'actor' && accusation.stance === 'asserts');
    if (asserted.length === 0) return relationships;
    const core = this.claimCore(claim);
    for (const { incident, target } of asserted) {
      relationships.set(
        `${incident}|${target}`,
        compact<StixRelationship>({
          type: 'relationship',
          spec_version: '2.1',
          id: stixId('relationship', `attributed-to:${claim.id}:${incident}:${target}`),
          ...core.stamp,
          // STIX 2.1 lists no relationship from an incident (its incident object is a stub, with only the common
          // related-to, derived-from and duplicate-of), so none for incident → threat-actor; attributed-to is the
          // type OpenCTI imports for that pair ("incident attributed-to threat actor"), so the export keeps it.
          relationship_type: 'attributed-to',
          source_ref: incidentRef(incident),
          target_ref: this.refs.ref(target),
          description: core.text,
          ...core.details,
          x_claimgraph_claim: claim.id,
          x_claimgraph_incident: incident,
        }),
      );
    }
    return relationships;
  }

  /**
   * What a claim becomes: its assertions against actors (made before), an opinion for each other stance it takes
   * (on the assertions it answers, on synthesised propositions, or on explanation notes), and a note for the quote
   * of an assertion; a claim with none of these is a note on what it is about.
   */
  private claimObjects(claim: ClaimView): ClaimObjects {
    const core = this.claimCore(claim);
    const relationships = [...(this.assertions.get(claim.id)?.values() ?? [])];
    const answered = sortedUnique([...claim.respondsTo, ...claim.disputes]);
    const opinionRefs = new Map<Stance, Set<string>>();
    for (const { incident, target, targetType, stance } of this.accusations(claim)) {
      const refs = opinionRefs.get(stance) ?? new Set<string>();
      if (targetType === 'explanation') refs.add(this.explanationNote(target, incident));
      else if (stance === 'asserts') continue;
      else {
        const key = `${incident}|${target}`;
        const matching = answered.map((other) => this.assertions.get(other)?.get(key)?.id).filter((id): id is string => id !== undefined);
        if (matching.length > 0) matching.forEach((id) => refs.add(id));
        else refs.add(this.proposition(incident, target));
      }
      opinionRefs.set(stance, refs);
    }
    const opinions = STANCES.filter((stance) => opinionRefs.has(stance)).map((stance) =>
      compact<StixOpinion>({
        type: 'opinion',
        spec_version: '2.1',
        // The opinion of the claim's own stance keeps the claim's id alone; others (a claim that asserts one thing and denies another) add theirs.
        id: stixId('opinion', stance === claim.stance ? `opinion:${claim.id}` : `opinion:${claim.id}:${stance}`),
        ...core.stamp,
        opinion: opinionValue(stance, core.confidence),
        explanation: core.quote ?? core.text,
        authors: core.authors,
        object_refs: sortedUnique(opinionRefs.get(stance)!),
        ...core.details,
        // The paraphrase is kept beside the quote so an import gets both back.
        x_claimgraph_text: core.quote === undefined ? undefined : core.text,
      }),
    );
    const own: StixObject[] = [...relationships, ...opinions];
    if (own.length === 0) return this.statementNote(claim, core);
    if (relationships.length > 0 && core.quote !== undefined) {
      // STIX has no quote field on relationships; a note carrying the claimant's words keeps the description a paraphrase.
      own.push(
        compact<StixNote>({
          type: 'note',
          spec_version: '2.1',
          id: stixId('note', `quote:${claim.id}`),
          ...core.stamp,
          abstract: core.text,
          content: core.quote,
          authors: core.authors,
          object_refs: relationships.map((relationship) => relationship.id),
          x_claimgraph_id: claim.id,
        }),
      );
    }
    return { own, referenced: this.pointedAt(own) };
  }

  /** A relationship standing for "the incident is the accused's doing", shared by every opinion on it that no assertion in the view answers. */
  private proposition(incident: string, accused: string): string {
    const id = stixId('relationship', `attributed-to:proposition:${incident}:${accused}`);
    if (!this.synthesized.has(id)) {
      const incidentNode = this.view.nodes.get(incident);
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
          source_ref: incidentRef(incident),
          target_ref: this.refs.ref(accused),
          description: `The attribution of ${incidentNode ? nameOf(incidentNode) : incident} to ${accusedNode ? nameOf(accusedNode) : accused}, as disputed or left open by the opinions on it; no one in this export asserts it.`,
          x_claimgraph_synthesized: true,
        }),
      );
    }
    return id;
  }

  /** The note standing for "the incident has this explanation": what claims that put it forward, deny it or leave it open give their opinion on. */
  private explanationNote(explanation: string, incident: string): string {
    const id = stixId('note', `explanation:${explanation}:${incident}`);
    if (!this.explanations.has(id)) {
      const node = this.view.nodes.get(explanation);
      const name = node === undefined ? explanation : nameOf(node);
      this.explanations.set(
        id,
        compact<StixNote>({
          type: 'note',
          spec_version: '2.1',
          id,
          created: UNDATED_TIMESTAMP,
          modified: UNDATED_TIMESTAMP,
          abstract: name,
          content: nonEmptyString(node?.attributes.description) ?? name,
          object_refs: [incidentRef(incident)],
          x_claimgraph_id: explanation,
          x_claimgraph_type: 'explanation',
          x_claimgraph_kind: nonEmptyString(node?.attributes.kind),
          x_claimgraph_incident: incident,
        }),
      );
    }
    return id;
  }

  /** A claim without a stance (observation, threat, speculation, statement), or one whose accusations name incidents outside the view. */
  private statementNote(claim: ClaimView, core: ReturnType<BundleBuilder['claimCore']>): ClaimObjects {
    const accused = claim.accusations.filter((accusation) => accusation.targetType === 'actor').map((accusation) => accusation.target);
    const objectRefs = sortedUnique(
      [...claim.about, ...accused].map((record) => this.subjectRef(record)).filter((id): id is string => id !== undefined),
    );
    if (objectRefs.length === 0) return { own: [], referenced: [] };
    const note = compact<StixNote>({
      type: 'note',
      spec_version: '2.1',
      id: stixId('note', `claim:${claim.id}`),
      ...core.stamp,
      abstract: core.text,
      content: core.quote ?? core.text,
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
      const claimant = nonEmptyString(object.x_claimgraph_claimant);
      if (claimant !== undefined && this.refs.actors.has(claimant)) ids.add(this.refs.ref(claimant));
      if (object.type === 'relationship') {
        ids.add(object.source_ref);
        ids.add(object.target_ref);
      }
      if (object.type === 'opinion' || object.type === 'note') {
        for (const ref of object.object_refs) {
          const synthesized = this.synthesized.get(ref);
          const explanation = this.explanations.get(ref);
          if (synthesized) {
            ids.add(ref);
            ids.add(synthesized.source_ref);
            ids.add(synthesized.target_ref);
          } else if (explanation) {
            ids.add(ref);
            explanation.object_refs.forEach((id) => ids.add(id));
          } else if (!ref.startsWith('relationship--')) {
            // Another claim's relationship is left out: a report lists the claims it reports, not the ones they answer.
            ids.add(ref);
          }
        }
      }
    }
    return [...ids];
  }

  /**
   * An incident's targets and related incidents. STIX 2.1 defines no `targets` (nor any other relationship) from an
   * incident, so a target is the spec's common `related-to`, marked `x_claimgraph_link: "targets"` so our import
   * reads it back as a target; a related incident is a plain `related-to`.
   */
  private incidentLinks(): StixRelationship[] {
    const link = (seed: 'targets' | 'related-to', from: string, to: string, target: string): StixRelationship =>
      compact<StixRelationship>({
        type: 'relationship',
        spec_version: '2.1',
        id: stixId('relationship', `${seed}:${from}:${to}`),
        created: UNDATED_TIMESTAMP,
        modified: UNDATED_TIMESTAMP,
        relationship_type: 'related-to',
        source_ref: incidentRef(from),
        target_ref: target,
        x_claimgraph_link: seed === 'targets' ? 'targets' : undefined,
      });
    return [
      ...this.view.targets.map(([incident, actor]) => link('targets', incident, actor, this.refs.ref(actor))),
      ...this.view.relatedTo.map(([incident, related]) => link('related-to', incident, related, incidentRef(related))),
    ];
  }

  /** One report per source that reports a claim or an affiliation in the view; a report must name at least one object. */
  private reports(): StixReport[] {
    return this.view.sources.flatMap((node): StixReport[] => {
      const refs = new Set<string>();
      for (const claim of this.view.claims) {
        if (!claim.sources.includes(node.key)) continue;
        const derived = this.derived.get(claim.id);
        derived?.own.forEach((object) => refs.add(object.id));
        derived?.referenced.forEach((id) => refs.add(id));
      }
      for (const [actor, edges] of this.view.affiliations) {
        for (const edge of edges.filter((candidate) => stringList(candidate.attributes.sources).includes(node.key))) {
          [actor, edge.target].forEach((id) => refs.add(this.refs.ref(id)));
        }
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
          // The document itself, so evidence offsets can be checked (and the article read) wherever the bundle goes.
          x_claimgraph_text: nonEmptyString(this.documents[node.key]),
        }),
      ];
    });
  }
}

const incidentRef = (incident: string): string => stixId('incident', `incident:${incident}`);

const TYPE_ORDER: ReadonlyArray<StixObject['type']> = ['identity', 'threat-actor', 'incident', 'relationship', 'opinion', 'note', 'report'];

function isAbsoluteUrl(value: string): boolean {
  try {
    return new URL(value).protocol.length > 1;
  } catch {
    return false;
  }
}

/** The export time as a STIX timestamp (UTC, milliseconds); a `generatedAt` that is not a time cannot be exported. */
function exportTimestamp(generatedAt: string): string {
  const time = Date.parse(generatedAt);
  if (Number.isNaN(time)) throw new InterchangeError('meta.generatedAt', 'an ISO 8601 timestamp', generatedAt);
  return new Date(time).toISOString();
}

/**
 * The view as a STIX 2.1 bundle. Every id is a UUIDv5 of our record ids. An object with a date of its own (a dated
 * claim, a dated source) is `created`/`modified` (and a report `published`) at the start of that date; every other
 * timestamp is the export time, `meta.generatedAt`, never the epoch: an undated source is a report published when it
 * was exported. Re-exporting the same view gives the same bundle apart from those export times, and our own import
 * reads the records' dates from the `x_claimgraph_*` properties, so an export-time timestamp never becomes a date.
 */
export function toStixBundle(graph: SerializedGraph, meta: Pick<ExportMeta, 'generatedAt' | 'documents'>): StixBundle {
  const bundle = new BundleBuilder(readView(orderedGraph(graph)), meta.documents ?? {}).build();
  const exported = exportTimestamp(meta.generatedAt);
  const stamp = (value: unknown) => (value === UNDATED_TIMESTAMP ? exported : value);
  const objects = bundle.objects.map((object) => {
    const stamped: Record<string, unknown> = { ...object };
    for (const field of ['created', 'modified', 'published'] as const) if (field in stamped) stamped[field] = stamp(stamped[field]);
    return stamped as unknown as StixObject;
  });
  return { ...bundle, objects };
}
