// The project's vocabulary, declared once: record types and their Neo4j labels, relationship types, every enum and the id pattern.
// Nothing here imports anything, so the server, the seed tools, the interchange formats and the explorer can all share it.

/**
 * The kinds of record, as the API and the explorer name them. An explanation is a cause of an incident that names
 * no culprit (a technical failure, an accident, "unknown"); claims put it forward or reject it as they do an actor.
 */
export const RECORD_TYPES = ['actor', 'incident', 'claim', 'source', 'explanation'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** The Neo4j label of each record type; every record node also carries the shared label `Record`. */
export const RECORD_LABELS = {
  actor: 'Actor',
  incident: 'Incident',
  claim: 'Claim',
  source: 'Source',
  explanation: 'Explanation',
} as const satisfies Record<RecordType, string>;
export type RecordLabel = (typeof RECORD_LABELS)[RecordType];

/** Labels in the order a load writes them: what a claim points at exists before the claim. */
export const LOAD_ORDER: readonly RecordLabel[] = ['Source', 'Actor', 'Incident', 'Explanation', 'Claim'];

/** The labels of the four record types, in RECORD_TYPES order. */
export const NODE_LABELS = RECORD_TYPES.map((type) => RECORD_LABELS[type]) as readonly RecordLabel[];

/** The record type a node with these labels is, or undefined for a node that is no record (e.g. `Dataset`). */
export function recordTypeOf(labels: readonly string[]): RecordType | undefined {
  for (const type of RECORD_TYPES) if (labels.includes(RECORD_LABELS[type])) return type;
  return undefined;
}

export function isRecordType(value: unknown): value is RecordType {
  return (RECORD_TYPES as readonly unknown[]).includes(value);
}

/** Every relationship type of the graph model; Cypher names them only from this list. */
export const RELATIONSHIP_TYPES = [
  'MADE',
  'ABOUT',
  'ACCUSES',
  'REPORTED_IN',
  'REPORTED_VIA',
  'SUPPORTS',
  'DISPUTES',
  'RESPONDS_TO',
  'CITES',
  'CHARACTERIZES',
  'AFFILIATED_WITH',
  'TARGETS',
  'RELATED_TO',
  // Derived, never stored: a claimant network's tie between two claimants (server/graph/analysis/networks.ts).
  'STANCE_TIE',
] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

export function isRelationshipType(value: unknown): value is RelationshipType {
  return (RELATIONSHIP_TYPES as readonly unknown[]).includes(value);
}

/** Links from one claim to another, as the dataset names them, with the relationship each becomes. */
/**
 * `characterizes` links an outlet's own description of someone's position ("refused to confirm") to the claim it
 * describes, so the description is the outlet's claim and the position is counted once, as its speaker's.
 */
export const CLAIM_LINKS = {
  supports: 'SUPPORTS',
  disputes: 'DISPUTES',
  respondsTo: 'RESPONDS_TO',
  cites: 'CITES',
  characterizes: 'CHARACTERIZES',
} as const satisfies Record<string, RelationshipType>;
export type ClaimLink = keyof typeof CLAIM_LINKS;

/** Record ids are short lowercase slugs, unique across every record type. */
export const RECORD_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,119}$/;
export const RECORD_ID_RULE = 'a lowercase slug (a-z, 0-9, ".", "_", "-"), 1–120 characters';

export const ACTOR_KINDS = [
  'state',
  'government-body',
  'agency',
  'official',
  'company',
  'collective',
  'online-account',
  'media',
  'person',
  'group',
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** How firmly a link or statement is established, in the words of the reporting text. */
export const CERTAINTIES = ['confirmed', 'reported', 'claimed', 'rumoured', 'speculated'] as const;
export type Certainty = (typeof CERTAINTIES)[number];

/** Affiliations this firm make two claimants one voice when independent claimants are counted. */
export const FIRM_CERTAINTIES: readonly Certainty[] = ['confirmed', 'reported'];

/**
 * What a claim does. Attribution-bearing kinds (attribution, denial, non-committal) name accused
 * actors and a stance; the others describe, threaten or speculate.
 */
export const CLAIM_KINDS = ['attribution', 'denial', 'non-committal', 'observation', 'threat', 'speculation', 'statement'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];
export const ATTRIBUTION_KINDS: readonly ClaimKind[] = ['attribution', 'denial', 'non-committal'];

/** A claimant's position on whether the accused is responsible. */
export const STANCES = ['asserts', 'denies', 'neither'] as const;
export type Stance = (typeof STANCES)[number];

/**
 * The claimant's own hedging, ordered from firmest to weakest, with the number each maps to on STIX's
 * `confidence` scale (0–100). The README's confidence table documents the same values.
 */
export const CONFIDENCES = ['certain', 'high', 'moderate', 'low', 'rumoured'] as const;
export type Confidence = (typeof CONFIDENCES)[number];
export const CONFIDENCE_SCALE: Readonly<Record<Confidence, number>> = { certain: 95, high: 85, moderate: 50, low: 15, rumoured: 5 };

/** The kinds of explanation that blame no one. */
export const EXPLANATION_KINDS = ['technical-failure', 'accident', 'natural-cause', 'self-inflicted', 'unknown', 'other'] as const;
export type ExplanationKind = (typeof EXPLANATION_KINDS)[number];

/**
 * Where a claim's date comes from: `stated` in the text; `inferred` from it (a "yesterday" counted from the
 * publication date, a "Friday" between known days); `bounded`, known only to be on or before the date given
 * (a claim that predates its article, dated by the article's publication).
 */
export const DATE_BASES = ['stated', 'inferred', 'bounded'] as const;
export type DateBasis = (typeof DATE_BASES)[number];

/** What a highlighted span of a source document is: the evidence excerpt that reports a claim, the speaker's quote, or a hedge. */
export const SPAN_ROLES = ['evidence', 'quote', 'hedge'] as const;
export type SpanRole = (typeof SPAN_ROLES)[number];

/** How precise a partial date is. */
export const DATE_PRECISIONS = ['year', 'month', 'day'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** The two directions of an evidence chain: what a claim rests on, and who relied on it. */
export const CHAIN_DIRECTIONS = ['upstream', 'downstream'] as const;
export type ChainDirection = (typeof CHAIN_DIRECTIONS)[number];

/**
 * The contradictions the analyst views detect (README "Contradictions"): `stance`, claims asserting and claims
 * denying one target for one incident; `dispute`, explicit `disputes` links; `reversal`, one independent group whose
 * stance on a target changes from one dated claim to a later one; `alternative`, an actor held responsible while an
 * explanation that leaves no one to blame is put forward for the same incident.
 */
export const CONTRADICTION_KINDS = ['stance', 'dispute', 'reversal', 'alternative'] as const;
export type ContradictionKind = (typeof CONTRADICTION_KINDS)[number];

/** Which end of a `disputes` link a claim is at, in a dispute's sides. */
export const DISPUTE_ROLES = ['disputed', 'disputing'] as const;
export type DisputeRole = (typeof DISPUTE_ROLES)[number];

/** Explanations that leave no one to blame: if one holds, no accused actor did the act. `unknown` and `other` do not exclude anyone. */
export const CULPRIT_EXCLUDING_EXPLANATIONS: readonly ExplanationKind[] = [
  'technical-failure',
  'accident',
  'natural-cause',
  'self-inflicted',
];

/** The claim links that say where a claim's content came from; provenance follows them back to the claims that cite nothing. */
export const PROVENANCE_LINKS = ['cites', 'characterizes'] as const satisfies readonly ClaimLink[];
export type ProvenanceLink = (typeof PROVENANCE_LINKS)[number];

/**
 * Claimant networks after rDNA's one-mode networks (README "Claimant networks"): ties count the concepts two
 * claimants take the same stance on (`congruence`), opposite stances on (`conflict`), or the first less the second
 * (`subtract`, the one mode whose weights can be negative).
 */
export const NETWORK_MODES = ['congruence', 'conflict', 'subtract'] as const;
export type NetworkMode = (typeof NETWORK_MODES)[number];

/** rDNA's `normalization` of one-mode networks; `none` is rDNA's `"no"`. */
export const NETWORK_NORMALIZATIONS = ['none', 'average', 'jaccard', 'cosine'] as const;
export type NetworkNormalization = (typeof NETWORK_NORMALIZATIONS)[number];

/** What an analyst view answers in: JSON, or the same view as a CSV download. */
export const TABLE_FORMATS = ['json', 'csv'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

/** ACH consistency ratings of one piece of evidence with one hypothesis, from very consistent to very inconsistent. */
export const ACH_RATINGS = ['CC', 'C', 'N', 'I', 'II'] as const;
export type AchRating = (typeof ACH_RATINGS)[number];

/** PARC ACH 1.1 counts inconsistency only: consistent and neutral evidence adds nothing to a hypothesis's score. */
export const ACH_RATING_SCORES: Readonly<Record<AchRating, number>> = { CC: 0, C: 0, N: 0, I: -1, II: -2 };

/** The levels of an ACH weight (a claim's credibility, a rating's relevance) and the factor each multiplies a score by. */
export const ACH_LEVELS = ['low', 'medium', 'high'] as const;
export type AchLevel = (typeof ACH_LEVELS)[number];
export const ACH_LEVEL_WEIGHTS: Readonly<Record<AchLevel, number>> = { low: Math.SQRT1_2, medium: 1, high: Math.SQRT2 };

/** An evidence claim's credibility in ACH, from its claimant's own confidence. */
export const ACH_CREDIBILITY: Readonly<Record<Confidence, AchLevel>> = {
  certain: 'high',
  high: 'high',
  moderate: 'medium',
  low: 'low',
  rumoured: 'low',
};

/** The Neo4j label of an analyst's stored ACH rating: outside the graph of records, one node per incident, claim and hypothesis. */
export const ACH_RATING_LABEL = 'AchRating';

/**
 * The Neo4j labels of the kept attribution tallies, outside the graph of records: one `AttributionTally` per
 * incident, target and side, and one `AttributionTallied` per incident whose tallies are current. An incident
 * without the second (a write touched it, or a script loaded it) is counted from its claims instead.
 */
export const TALLY_LABELS = { tally: 'AttributionTally', current: 'AttributionTallied' } as const;
