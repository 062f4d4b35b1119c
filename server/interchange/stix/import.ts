// Import: a STIX 2.1 bundle as a dataset, with the objects that could not become records and why.
// A bundle this project exported comes back whole: each attributed-to relationship and each opinion adds the accusations
// it stands for (incident, accused actor or explanation, stance) to the claim its `x_claimgraph_id` names; notes marked
// `x_claimgraph_type: "explanation"` become explanations; evidence, dates' basis, the claim links and the sources' texts
// come from the `x_claimgraph_*` properties (see export.ts). Anyone else's bundle is read by the STIX properties alone:
// an attributed-to from incident (or campaign) I to actor A, created by C, is C's claim accusing A of I. A claim by an
// actor our export wrote as a threat-actor names its claimant in `x_claimgraph_claimant`, not `created_by_ref`.
import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import { type DatasetInput } from '../../model/dataset';
import {
  ATTRIBUTION_KINDS,
  CLAIM_KINDS,
  CONFIDENCE_SCALE,
  CONFIDENCES,
  EXPLANATION_KINDS,
  type ActorKind,
  type ClaimKind,
  type Confidence,
  type DateBasis,
  type DatePrecision,
  type ExplanationKind,
  type Stance,
} from '../../model/vocabulary';
import { nonEmptyString, STIX_NAMESPACE, UNDATED_TIMESTAMP } from './common';
import { parseStixBundle, type StixImportedObject } from './schema';
import type { SkippedStixObject, StixImportResult } from './types';

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

type ActorInput = NonNullable<DatasetInput['actors']>[number];
type AffiliationInput = NonNullable<ActorInput['affiliations']>[number];
type AffiliationEntry = NonNullable<Of<'identity'>['x_claimgraph_affiliations']>[number];
type EvidenceEntry = NonNullable<Of<'relationship'>['x_claimgraph_evidence']>[number];
type IncidentInput = NonNullable<DatasetInput['incidents']>[number];
type ExplanationInput = NonNullable<DatasetInput['explanations']>[number];
type ClaimInput = NonNullable<DatasetInput['claims']>[number];
type AccusationInput = NonNullable<ClaimInput['accusations']>[number];
type EvidenceInput = NonNullable<ClaimInput['evidence']>[number];
type SourceInput = DatasetInput['sources'][number];

type Of<T extends StixImportedObject['type']> = Extract<StixImportedObject, { type: T }>;

/** An accusation as the import gathers it: exactly one of `accused` and `explanation`, with its own stance. */
type AccusationDraft = { incident: string; stance: Stance } & (
  { accused: string; explanation?: never } | { explanation: string; accused?: never }
);

interface ClaimDraft {
  id: string;
  claimant: string;
  kind: ClaimKind | undefined;
  stance: Stance | undefined;
  confidence: Confidence | undefined;
  /** What the claim is about, as the export listed it (`x_claimgraph_about`); otherwise `about` is what its objects point at. */
  listedAbout: string[] | undefined;
  about: Set<string>;
  /** By "incident|accused" or "incident|explanation", so the same accusation read twice counts once. */
  accusations: Map<string, AccusationDraft>;
  text: string | undefined;
  quote: string | undefined;
  /** A quote the export stated outright (it is the paraphrase word for word), kept even though it equals the text. */
  statedQuote: string | undefined;
  hedge: string | undefined;
  date: string | undefined;
  datePrecision: DatePrecision | undefined;
  dateBasis: DateBasis | undefined;
  evidence: EvidenceEntry[];
  /** The order of the claim's sources, as the export listed them. */
  sourceOrder: string[];
  /** Links named by x_claimgraph_* properties, or derived from what an opinion answers. */
  supports: Set<string>;
  disputes: Set<string>;
  respondsTo: Set<string>;
  cites: Set<string>;
  characterizes: Set<string>;
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

class DatasetBuilder {
  readonly skipped: SkippedStixObject[] = [];
  private readonly byId = new Map<string, { index: number; object: StixImportedObject }>();
  private readonly actors = new Map<string, ActorInput>();
  private readonly actorOf = new Map<string, string>();
  /** The affiliations an export wrote on each actor's objects, resolved once every actor and source is known. */
  private readonly affiliationsOf = new Map<string, AffiliationEntry[]>();
  private readonly incidents = new Map<string, IncidentInput & { targets: string[]; relatedTo: string[] }>();
  private readonly incidentOf = new Map<string, string>();
  private readonly explanations = new Map<string, ExplanationInput>();
  /** The explanation and incident each explanation note stands for, by the note's STIX id. */
  private readonly explanationOf = new Map<string, { explanation: string; incident: string }>();
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
    const notes = this.each('note');
    for (const entry of notes.filter(({ object }) => object.x_claimgraph_type === 'explanation')) this.addExplanation(entry);
    const relationships = this.each('relationship');
    for (const entry of relationships) this.addRelationship(entry);
    for (const entry of this.each('opinion')) this.addOpinion(entry);
    for (const entry of notes.filter(({ object }) => object.x_claimgraph_type !== 'explanation')) this.addNote(entry);
    for (const entry of this.each('report')) this.addReport(entry.object);
    return this.dataset();
  }

  private addActor(object: Of<'identity' | 'threat-actor' | 'intrusion-set'>): void {
    const id = recordIdOf(object);
    this.actorOf.set(object.id, id);
    const aliases = object.type === 'identity' ? (object.x_claimgraph_aliases ?? []) : (object.aliases ?? []);
    if (object.x_claimgraph_affiliations !== undefined && !this.affiliationsOf.has(id))
      this.affiliationsOf.set(id, object.x_claimgraph_affiliations);
    const existing = this.actors.get(id);
    if (existing) {
      // The identity and threat-actor of one actor (as older exports of this project wrote it) meet here; keep one actor with every alias.
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

  /** A note an export wrote for an explanation of an incident: the explanation becomes a record, the note what opinions on it answer. */
  private addExplanation(entry: { index: number; object: Of<'note'> }): void {
    const { object } = entry;
    const listed = object.x_claimgraph_incident;
    const incident =
      listed !== undefined && this.incidents.has(listed)
        ? listed
        : object.object_refs.map((ref) => this.incidentOf.get(ref)).find((id) => id !== undefined);
    if (incident === undefined) return this.skip(entry, 'an explanation note is read only when it names an incident in the bundle');
    const id = recordIdOf(object);
    if (this.actors.has(id) || this.incidents.has(id))
      return this.skip(entry, `the explanation's id "${id}" is already that of an actor or incident`);
    this.explanationOf.set(object.id, { explanation: id, incident });
    if (this.explanations.has(id)) return; // The same explanation of another incident.
    const name = nonEmptyString(object.abstract) ?? object.content;
    const kind = object.x_claimgraph_kind;
    this.explanations.set(id, {
      id,
      name,
      kind: kind !== undefined && (EXPLANATION_KINDS as readonly string[]).includes(kind) ? (kind as ExplanationKind) : 'other',
      ...(object.content === name ? {} : { description: object.content }),
    });
  }

  private addAccusation(draft: ClaimDraft, accusation: AccusationDraft): void {
    const target = accusation.accused ?? accusation.explanation;
    const key = `${accusation.incident}|${target}`;
    if (!draft.accusations.has(key)) draft.accusations.set(key, accusation);
  }

  /** The actor a claim-bearing object names as its maker: its `created_by_ref`, else the `x_claimgraph_claimant` our export writes where that cannot be. */
  private creatorOf(object: { created_by_ref?: string | undefined; x_claimgraph_claimant?: string | undefined }): string | undefined {
    const creator = object.created_by_ref === undefined ? undefined : this.actorOf.get(object.created_by_ref);
    if (creator !== undefined) return creator;
    const listed = object.x_claimgraph_claimant;
    return listed !== undefined && this.actors.has(listed) ? listed : undefined;
  }

  /** The claimant of a claim-bearing object: the actor it names as its maker, else an actor named like its first author, else a new actor for that author. */
  private claimantOf(object: {
    created_by_ref?: string | undefined;
    x_claimgraph_claimant?: string | undefined;
    authors?: string[] | undefined;
  }): string | undefined {
    const creator = this.creatorOf(object);
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
    const kind = object.x_claimgraph_kind;
    const draft: ClaimDraft = {
      id: key,
      claimant,
      kind: kind !== undefined && (CLAIM_KINDS as readonly string[]).includes(kind) ? (kind as ClaimKind) : undefined,
      stance: object.x_claimgraph_stance ?? stance,
      confidence: object.confidence === undefined ? fallbackConfidence : confidenceFromScale(object.confidence),
      listedAbout: object.x_claimgraph_about,
      about: new Set(),
      accusations: new Map(),
      text: undefined,
      quote: undefined,
      statedQuote: object.x_claimgraph_quote,
      hedge: object.x_claimgraph_hedge,
      date: ownExport ? object.x_claimgraph_date : created,
      datePrecision: ownExport ? object.x_claimgraph_date_precision : created === undefined ? undefined : 'day',
      dateBasis: object.x_claimgraph_date_basis,
      evidence: object.x_claimgraph_evidence ?? [],
      sourceOrder: object.x_claimgraph_sources ?? [],
      supports: new Set(object.x_claimgraph_supports),
      disputes: new Set(object.x_claimgraph_disputes),
      respondsTo: new Set(object.x_claimgraph_responds_to),
      cites: new Set(object.x_claimgraph_cites),
      characterizes: new Set(object.x_claimgraph_characterizes),
      reportedVia: new Set(object.x_claimgraph_reported_via),
      sources: [],
    };
    this.claims.set(key, draft);
    return draft;
  }

  private addRelationship(entry: { index: number; object: Of<'relationship'> }): void {
    const { object } = entry;
    if (object.relationship_type === 'targets' || object.relationship_type === 'related-to') {
      // A target is `targets` (anyone else's bundle, or ours before it kept to the spec's types) or our related-to marked as one.
      const targets = object.relationship_type === 'targets' || object.x_claimgraph_link === 'targets';
      const incident = this.incidents.get(this.incidentOf.get(object.source_ref) ?? '');
      const target = targets ? this.actorOf.get(object.target_ref) : this.incidentOf.get(object.target_ref);
      if (incident && target !== undefined) {
        (targets ? incident.targets : incident.relatedTo).push(target);
        return;
      }
      this.skip(
        entry,
        `a "${object.relationship_type}" relationship is read only from an incident or campaign to an ${targets ? 'actor' : 'incident'} in the bundle`,
      );
      return;
    }
    if (object.relationship_type !== 'attributed-to') {
      this.skip(entry, `relationship type "${object.relationship_type}" has no counterpart in the dataset`);
      return;
    }
    // A synthesised proposition stands only for what opinions answer; nobody asserted it.
    if (object.x_claimgraph_synthesized === true) return;
    const claimant = this.creatorOf(object);
    const subject = this.subjectOf(object.source_ref);
    const accused = this.actorOf.get(object.target_ref);
    if (claimant === undefined)
      return this.skip(entry, 'an attribution needs a claimant: expected created_by_ref naming an identity in the bundle');
    if (subject === undefined) return this.skip(entry, 'expected source_ref naming an incident, campaign or actor in the bundle');
    if (accused === undefined)
      return this.skip(entry, 'expected target_ref naming a threat-actor, intrusion-set or identity in the bundle');
    const key = object.x_claimgraph_claim ?? recordIdOf(object);
    const draft = this.draft(key, claimant, object, 'asserts', 'moderate');
    draft.about.add(subject);
    const incident = this.incidentOfAttribution(object);
    // An attribution from an actor (say, a group to the state behind it) names no incident, so it accuses no one of one.
    if (incident === undefined) draft.about.add(accused);
    else this.addAccusation(draft, { incident, accused, stance: 'asserts' });
    draft.text ??= nonEmptyString(object.description);
    this.claimOf.set(object.id, key);
  }

  /** The incident an attributed-to relationship holds its target responsible for: the one it names, else its source when that is an incident. */
  private incidentOfAttribution(object: Of<'relationship'>): string | undefined {
    const listed = object.x_claimgraph_incident;
    return listed !== undefined && this.incidents.has(listed) ? listed : this.incidentOf.get(object.source_ref);
  }

  private addOpinion(entry: { index: number; object: Of<'opinion'> }): void {
    const { object } = entry;
    const answered = object.object_refs
      .map((ref) => this.byId.get(ref)?.object)
      .filter((ref): ref is Of<'relationship'> => ref?.type === 'relationship' && ref.relationship_type === 'attributed-to');
    const pairs = answered
      .map(
        (relationship) =>
          [
            this.subjectOf(relationship.source_ref),
            this.actorOf.get(relationship.target_ref),
            this.incidentOfAttribution(relationship),
          ] as const,
      )
      .filter((pair): pair is readonly [string, string, string | undefined] => pair[0] !== undefined && pair[1] !== undefined);
    const explained = object.object_refs.flatMap((ref) => this.explanationOf.get(ref) ?? []);
    if (pairs.length === 0 && explained.length === 0)
      return this.skip(
        entry,
        'an opinion is read only when object_refs names an attributed-to relationship between objects in the bundle, or an explanation note',
      );
    const claimant = this.claimantOf(object);
    if (claimant === undefined)
      return this.skip(entry, 'an opinion needs a claimant: expected created_by_ref naming an identity in the bundle, or authors');
    const stance: Stance = object.opinion === 'neutral' ? 'neither' : object.opinion.endsWith('disagree') ? 'denies' : 'asserts';
    const fallback: Confidence = object.opinion.startsWith('strongly') ? 'high' : object.opinion === 'neutral' ? 'moderate' : 'low';
    const key = recordIdOf(object);
    const draft = this.draft(key, claimant, object, stance, fallback);
    for (const [subject, accused, incident] of pairs) {
      draft.about.add(subject);
      if (incident === undefined) draft.about.add(accused);
      else this.addAccusation(draft, { incident, accused, stance });
    }
    for (const { explanation, incident } of explained) {
      draft.about.add(incident);
      this.addAccusation(draft, { incident, explanation, stance });
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
      const subject =
        target?.type === 'relationship'
          ? this.subjectOf(target.source_ref)
          : (this.explanationOf.get(ref)?.incident ?? this.subjectOf(ref));
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
      ...(object.x_claimgraph_text === undefined ? {} : { text: object.x_claimgraph_text }),
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
    for (const [id, entries] of this.affiliationsOf) {
      const actor = this.actors.get(id);
      if (actor !== undefined) actor.affiliations = entries.flatMap((entry) => this.affiliationInput(id, entry));
    }
    return {
      dataset: { id: `stix-${uuid}`, title: `Imported STIX bundle ${this.bundleId}` },
      sources,
      actors: [...this.actors.values()],
      incidents: [...this.incidents.values()],
      explanations: [...this.explanations.values()],
      claims,
    };
  }

  /**
   * Evidence in the dataset's form: each span of a source the record cites, with its words, which the bundle gives
   * or the source's text in the bundle has at those offsets. A span with neither cannot be checked and is left out
   * (a dataset's evidence must be the words themselves).
   */
  private evidenceOf(spans: readonly EvidenceEntry[], sources: readonly string[]): EvidenceInput[] {
    return spans.flatMap((span): EvidenceInput[] => {
      if (!sources.includes(span.source)) return [];
      const text = this.sources.get(span.source)?.text;
      const excerpt = span.excerpt ?? (text !== undefined && span.end <= text.length ? text.slice(span.start, span.end) : undefined);
      return excerpt === undefined || excerpt === '' ? [] : [{ source: span.source, excerpt, start: span.start, end: span.end }];
    });
  }

  /** An affiliation an export wrote, kept when the affiliated actor is in the bundle, with the sources the bundle has. */
  private affiliationInput(actor: string, entry: AffiliationEntry): AffiliationInput[] {
    if (entry.actor === actor || !this.actors.has(entry.actor)) return [];
    const sources = (entry.sources ?? []).filter((source) => this.sources.has(source));
    return [
      {
        actor: entry.actor,
        role: entry.role,
        certainty: entry.certainty,
        ...(entry.hedge === undefined ? {} : { hedge: entry.hedge }),
        sources,
        evidence: this.evidenceOf(entry.evidence ?? [], sources),
      },
    ];
  }

  private claimInput(draft: ClaimDraft, claimIds: ReadonlySet<string>, bundleSource: SourceInput): ClaimInput {
    const claimant = this.actors.get(draft.claimant);
    const links = (set: Set<string>) => [...set].filter((id) => id !== draft.id && claimIds.has(id));
    const drafted = [...draft.accusations.values()];
    const stance = drafted.length > 0 ? (draft.stance ?? drafted[0]!.stance) : undefined;
    // An accusation states its stance only where it differs from the claim's, as a dataset would write it.
    const accusations: AccusationInput[] = drafted.map(({ stance: own, ...accusation }) =>
      own === stance ? accusation : { ...accusation, stance: own },
    );
    const listedAbout = (draft.listedAbout ?? []).filter((id) => this.incidents.has(id) || this.actors.has(id));
    const about = listedAbout.length > 0 ? listedAbout : [...draft.about];
    // The reports that name the claim are its sources, in the order the export gave (others after them, in bundle order).
    const rank = (source: string) => (draft.sourceOrder.includes(source) ? draft.sourceOrder.indexOf(source) : draft.sourceOrder.length);
    const sources = draft.sources.length > 0 ? [...draft.sources].sort((a, b) => rank(a) - rank(b)) : [bundleSource.id];
    const evidence = this.evidenceOf(draft.evidence, sources);
    const dated = draft.date !== undefined && draft.datePrecision !== undefined;
    // A kind that needs a stance cannot stand without one (say, a denial whose accused was not exported).
    const kind: ClaimKind =
      draft.kind !== undefined &&
      (CLAIM_KINDS as readonly string[]).includes(draft.kind) &&
      (stance !== undefined || !ATTRIBUTION_KINDS.includes(draft.kind))
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
      about,
      accusations,
      ...(stance === undefined ? {} : { stance }),
      confidence: draft.confidence ?? 'moderate',
      ...(draft.hedge === undefined ? {} : { hedge: draft.hedge }),
      ...(dated ? { date: draft.date, datePrecision: draft.datePrecision } : {}),
      ...(dated && draft.dateBasis !== undefined ? { dateBasis: draft.dateBasis } : {}),
      text,
      ...(draft.statedQuote !== undefined
        ? { quote: draft.statedQuote }
        : draft.quote === undefined || draft.quote === text
          ? {}
          : { quote: draft.quote }),
      sources,
      evidence,
      reportedVia: [...draft.reportedVia].filter((id) => this.actors.has(id)),
      supports: links(draft.supports),
      disputes: links(draft.disputes),
      respondsTo: links(draft.respondsTo),
      cites: links(draft.cites),
      characterizes: links(draft.characterizes),
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
