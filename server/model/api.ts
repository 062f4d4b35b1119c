// The API contract: zod schemas for every query, path parameter and response; the only source of the types client and server share.
import {
  actorKind,
  asOfDate,
  commaList,
  intParam,
  certainty,
  chainDirection,
  claimKind,
  confidence,
  dateBasis,
  explanationKind,
  partialDate,
  recordId,
  recordType,
  relationshipType,
  spanRole,
  stance,
  z,
} from './fields';
import { RECORD_TYPES } from './vocabulary';

/** Caps enforced on every request; the README's API section documents them. */
export const CAPS = {
  listLimit: 200,
  searchLimit: 50,
  neighborhoodDepth: 3,
  neighborhoodLimit: 500,
  pathHops: 6,
  pathCount: 20,
  chainDepth: 10,
  chainLimit: 500,
  attributionAccused: 100,
  attributionClaimsPerSide: 50,
  /** Claims listed in one attribution answer, whatever the two parameters ask: keeps a hub incident's answer under 1 MB. */
  attributionClaims: 400,
  wholeGraphNodes: 20_000,
  queryLength: 200,
} as const;

const idParam = recordId.openapi({ description: 'A record id', example: 'fbi' });
export const idParams = z.object({ id: idParam }).strict();
export const claimIdParams = z.object({ claimId: idParam }).strict();

/** Comma-separated list of record types, e.g. `actor,claim`. */
export const recordTypeList = commaList(RECORD_TYPES).openapi({
  type: 'string',
  example: 'actor,claim',
  description: `Comma-separated: ${RECORD_TYPES.join(', ')}`,
});

const cursor = z
  .string()
  .max(400)
  .regex(/^[A-Za-z0-9_-]+$/, 'expected a cursor returned by a previous page')
  .optional()
  .openapi({ description: 'Opaque cursor from the previous page’s `nextCursor`.' });

const page = { limit: intParam(1, CAPS.listLimit, 50, 'Page size'), cursor };

export const listQuery = z.object(page).strict();
export const actorListQuery = z.object({ ...page, kind: actorKind.optional() }).strict();
export const claimListQuery = z
  .object({
    ...page,
    claimant: recordId.optional().openapi({ description: 'Claims made by this actor' }),
    about: recordId.optional().openapi({ description: 'Claims about this incident or actor' }),
    accused: recordId.optional().openapi({ description: 'Claims naming this actor as accused' }),
    incident: recordId.optional().openapi({ description: 'Claims about this incident' }),
    stance: stance.optional(),
    source: recordId.optional().openapi({ description: 'Claims reported in this source' }),
    from: partialDate.optional().openapi({ description: 'Claims dated on or after (YYYY, YYYY-MM or YYYY-MM-DD)' }),
    to: partialDate.optional().openapi({ description: 'Claims dated on or before' }),
    asOf: asOfDate,
  })
  .strict();

export const searchQuery = z
  .object({
    q: z.string().trim().min(1, 'expected a search text').max(CAPS.queryLength, `expected at most ${CAPS.queryLength} characters`),
    types: recordTypeList.optional(),
    limit: intParam(1, CAPS.searchLimit, 20, 'Number of results'),
  })
  .strict();

export const neighborhoodQuery = z
  .object({
    depth: intParam(1, CAPS.neighborhoodDepth, 1, 'Hops from the centre'),
    limit: intParam(1, CAPS.neighborhoodLimit, 200, 'Most nodes returned'),
    types: recordTypeList.optional(),
    asOf: asOfDate,
  })
  .strict();

export const pathsQuery = z
  .object({
    from: recordId,
    to: recordId,
    maxHops: intParam(1, CAPS.pathHops, 4, 'Longest path considered'),
    limit: intParam(1, CAPS.pathCount, 5, 'Most paths returned'),
    asOf: asOfDate,
  })
  .strict();

export const chainQuery = z
  .object({
    direction: chainDirection.default('upstream'),
    maxDepth: intParam(1, CAPS.chainDepth, 6, 'Most steps followed'),
    asOf: asOfDate,
  })
  .strict();

export const attributionQuery = z
  .object({
    limit: intParam(1, CAPS.attributionAccused, 25, 'Most accused actors listed, the most blamed first; counts always cover all of them'),
    claimsPerSide: intParam(
      1,
      CAPS.attributionClaimsPerSide,
      10,
      `Most claims listed per accused actor and stance, earliest first; at most ${CAPS.attributionClaims} claims in all`,
    ),
    asOf: asOfDate,
  })
  .strict();

export const wholeGraphQuery = z
  .object({ limit: intParam(1, CAPS.wholeGraphNodes, 5000, 'Most nodes returned; the response says when it was cut'), asOf: asOfDate })
  .strict();

export const emptyQuery = z.object({}).strict();

// ---------------------------------------------------------------- responses

const nullableText = z.string().nullable();

export const actorSchema = z
  .object({ id: z.string(), name: z.string(), kind: actorKind, aliases: z.array(z.string()), description: nullableText })
  .openapi('Actor');
export const actorRefSchema = z.object({ id: z.string(), name: z.string(), kind: actorKind }).openapi('ActorRef');

export const incidentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    aliases: z.array(z.string()),
    description: z.string(),
    start: nullableText,
    end: nullableText,
    datePrecision: nullableText,
  })
  .openapi('Incident');

export const sourceSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    publisher: nullableText,
    author: nullableText,
    published: nullableText,
    publishedPrecision: nullableText,
    url: nullableText,
    documentRef: z.string(),
  })
  .openapi('Source');

export const claimSchema = z
  .object({
    id: z.string(),
    kind: claimKind,
    text: z.string(),
    quote: nullableText,
    stance: stance.nullable(),
    confidence: confidence,
    hedge: nullableText,
    date: nullableText,
    datePrecision: nullableText,
    dateBasis: dateBasis.nullable().openapi({ description: 'stated in the text, inferred from it, or only bounded (on or before `date`)' }),
  })
  .openapi('Claim');

/** Something a claim is about: an incident or an actor. */
export const subjectRefSchema = z.object({ id: z.string(), type: z.enum(['incident', 'actor']), label: z.string() }).openapi('SubjectRef');

export const explanationSchema = z
  .object({ id: z.string(), name: z.string(), kind: explanationKind, description: nullableText })
  .openapi('Explanation');
export const explanationRefSchema = z.object({ id: z.string(), name: z.string(), kind: explanationKind }).openapi('ExplanationRef');
export const incidentRefSchema = z.object({ id: z.string(), name: z.string() }).openapi('IncidentRef');

/** One accusation of a claim: who or what is held responsible (or cleared), for which incident, with which stance. */
export const accusationSchema = z
  .object({
    incident: incidentRefSchema,
    target: z.object({ id: z.string(), type: z.enum(['actor', 'explanation']), name: z.string() }),
    stance,
  })
  .openapi('Accusation');

/** A claim as it appears in lists: with who made it, what it is about, whom it accuses and where it was reported. */
export const claimSummarySchema = claimSchema
  .extend({
    claimant: actorRefSchema,
    about: z.array(subjectRefSchema),
    accused: z.array(actorRefSchema).openapi({ description: 'The actors its accusations name, whatever the incident' }),
    accusations: z.array(accusationSchema),
    sources: z.array(z.string()),
  })
  .openapi('ClaimSummary');

/** A verbatim span of a source's text: `text` is `document.slice(start, end)`. */
export const evidenceSchema = z
  .object({ source: z.string(), start: z.number().int(), end: z.number().int(), text: z.string() })
  .openapi('Evidence');

export const linkedClaimSchema = z.object({ claim: claimSchema, claimant: actorRefSchema }).openapi('LinkedClaim');

const nodeAttributes = z
  .object({ type: recordType, label: z.string(), stance: stance.optional() })
  .catchall(z.unknown())
  .openapi('NodeAttributes');
const edgeAttributes = z.object({ type: relationshipType }).catchall(z.unknown()).openapi('EdgeAttributes');

export const serializedGraphSchema = z
  .object({
    attributes: z.record(z.string(), z.unknown()),
    options: z.object({ type: z.literal('directed'), multi: z.boolean(), allowSelfLoops: z.boolean() }),
    nodes: z.array(z.object({ key: z.string(), attributes: nodeAttributes })),
    edges: z.array(z.object({ key: z.string(), source: z.string(), target: z.string(), attributes: edgeAttributes })),
  })
  .openapi('SerializedGraph', { description: "graphology's serialized graph: pass it to `graph.import()`" });

export const pageOf = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);

export const healthSchema = z.object({ status: z.literal('ok'), neo4j: z.string() }).openapi('Health');
export const statsSchema = z
  .object({ nodes: z.record(z.string(), z.number()), relationships: z.record(z.string(), z.number()) })
  .openapi('Stats');

export const searchResultSchema = z
  .object({ id: z.string(), type: recordType, label: z.string(), snippet: z.string(), score: z.number() })
  .openapi('SearchResult');
export const searchResponseSchema = z.object({ results: z.array(searchResultSchema) }).openapi('SearchResponse');

export const affiliationSchema = z
  .object({ actor: actorRefSchema, role: z.string(), certainty: z.string(), direction: z.enum(['outgoing', 'incoming']) })
  .openapi('Affiliation');

export const actorDetailSchema = z
  .object({
    actor: actorSchema,
    affiliations: z.array(affiliationSchema),
    claimsMade: z.array(claimSummarySchema),
    claimsAbout: z.array(claimSummarySchema),
    affiliatesSaid: z
      .array(
        z.object({
          certainty,
          claims: z.array(claimSummarySchema.extend({ affiliate: actorRefSchema, role: z.string(), hedge: nullableText })),
        }),
      )
      .openapi({ description: 'Claims made by actors affiliated with this one, grouped by how firm the affiliation is' }),
  })
  .openapi('ActorDetail');

export const claimDetailSchema = z
  .object({
    claim: claimSchema,
    claimant: actorRefSchema,
    about: z.array(subjectRefSchema),
    accused: z.array(actorRefSchema),
    sources: z.array(sourceSchema),
    reportedVia: z.array(actorRefSchema),
    supports: z.array(linkedClaimSchema),
    disputes: z.array(linkedClaimSchema),
    supportedBy: z.array(linkedClaimSchema),
    disputedBy: z.array(linkedClaimSchema),
    respondsTo: z.array(linkedClaimSchema),
    respondedBy: z.array(linkedClaimSchema),
    cites: z.array(linkedClaimSchema),
    citedBy: z.array(linkedClaimSchema),
    characterizes: z.array(linkedClaimSchema).openapi({ description: 'Claims this one describes in its own words' }),
    characterizedBy: z.array(linkedClaimSchema).openapi({ description: "Outlets' descriptions of this claim" }),
    accusations: z.array(accusationSchema),
    evidence: z.array(evidenceSchema).openapi({ description: 'The verbatim spans of each source that make or report the claim' }),
    quoteInsertions: z
      .array(z.object({ start: z.number().int(), end: z.number().int(), text: z.string() }))
      .openapi({ description: 'Bracketed words inside the quote that are the reporter’s, not the speaker’s (offsets in the quote)' }),
  })
  .openapi('ClaimDetail');

export const sourceDetailSchema = z.object({ source: sourceSchema, claims: z.array(linkedClaimSchema) }).openapi('SourceDetail');

/** One highlighted span of a document: what it is (the claim's evidence, its quote or its hedge), and the claim's stance. */
export const documentSpanSchema = z
  .object({ claim: z.string(), start: z.number().int(), end: z.number().int(), role: spanRole, stance: stance.nullable() })
  .openapi('DocumentSpan');
export const sourceDocumentSchema = z
  .object({ source: sourceSchema, text: z.string(), spans: z.array(documentSpanSchema) })
  .openapi('SourceDocument', { description: 'The article text with every claim span; `text.slice(start, end)` is each span' });

export const explanationDetailSchema = z
  .object({ explanation: explanationSchema, claims: z.array(claimSummarySchema) })
  .openapi('ExplanationDetail');

/** An affiliation of a claimant as attribution lists it: the group, the tie, and how firm the source says it is. */
export const claimantAffiliationSchema = z
  .object({ actor: actorRefSchema, role: z.string(), certainty, hedge: nullableText })
  .openapi('ClaimantAffiliation');

export const claimantSchema = actorRefSchema
  .extend({ affiliations: z.array(claimantAffiliationSchema) })
  .openapi('Claimant', { description: 'Who speaks, with the groups the sources tie them to ("reportedly from Anonymous")' });

export const attributionEntrySchema = z
  .object({ claim: claimSchema, claimant: claimantSchema, sources: z.array(sourceSchema) })
  .openapi('AttributionEntry');

const stanceCounts = z.object({ asserts: z.number().int(), denies: z.number().int(), neither: z.number().int() });

export const accusedSchema = z
  .object({
    actor: actorRefSchema,
    assertedBy: z.array(attributionEntrySchema),
    deniedBy: z.array(attributionEntrySchema),
    declinedBy: z.array(attributionEntrySchema),
    independentClaimants: stanceCounts.openapi({
      description: 'Distinct claimants on each side, counting affiliated claimants (an agency and its director) once',
    }),
    claims: stanceCounts.openapi({
      description: 'All claims on each side, including those past `claimsPerSide` that the lists leave out',
    }),
    independentOrigins: stanceCounts.openapi({
      description:
        "Independent groups among the speakers of the claims each side's claims rest on, through `cites` and `characterizes` (five outlets repeating one official count once)",
    }),
  })
  .openapi('Accused');

/** The same shape as an accused actor's entry, for an explanation that blames no one. */
export const explainedSchema = accusedSchema.omit({ actor: true }).extend({ explanation: explanationRefSchema }).openapi('Explained');

/** Accusations of an incident related to the one asked about: listed apart, never added to its counts. */
export const relatedAttributionSchema = z
  .object({ incident: incidentRefSchema, accused: z.array(accusedSchema), explanations: z.array(explainedSchema) })
  .openapi('RelatedAttribution');

/** What a view as of a date left out, so an analyst knows how much the date hides. */
export const asOfSummarySchema = z
  .object({
    asOf: partialDate,
    lastDay: z
      .string()
      .openapi({ description: 'The last day `asOf` covers (YYYY-MM-DD); claims whose dated period ends later are left out' }),
    undatedLeftOut: z
      .number()
      .int()
      .openapi({ description: 'Claims the view would hold but that have no date, so never count as of a date' }),
    laterLeftOut: z.number().int().openapi({ description: 'Claims the view would hold but whose dated period ends after `lastDay`' }),
  })
  .openapi('AsOfSummary');

export const attributionSchema = z
  .object({
    incident: incidentSchema,
    asOf: asOfSummarySchema.nullable().openapi({ description: 'Null unless `asOf` was asked for' }),
    accused: z.array(accusedSchema),
    explanations: z
      .array(explainedSchema)
      .openapi({ description: 'Explanations of this incident that blame no one, with who asserts, denies or declines them' }),
    related: z.array(relatedAttributionSchema),
    accusedTotal: z.number().int().openapi({ description: 'Actors any claim accuses of this incident, listed or not' }),
    truncated: z.boolean().openapi({ description: 'True when some accused actors or claims are counted but not listed' }),
    graph: serializedGraphSchema,
  })
  .openapi('Attribution');

export const graphViewSchema = z.object({ graph: serializedGraphSchema, truncated: z.boolean() }).openapi('GraphView');

export const pathSchema = z.object({ nodes: z.array(z.string()), edges: z.array(z.string()) }).openapi('Path');
export const pathsResponseSchema = z.object({ paths: z.array(pathSchema), graph: serializedGraphSchema }).openapi('Paths');

export const chainStepSchema = z
  .object({
    claim: claimSchema,
    claimant: actorRefSchema,
    depth: z.number().int(),
    via: z.enum(['SUPPORTS', 'CITES']).nullable(),
    from: z.string().nullable(),
  })
  .openapi('ChainStep');
export const chainSchema = z
  .object({
    root: z.string(),
    direction: chainDirection,
    steps: z.array(chainStepSchema),
    graph: serializedGraphSchema,
  })
  .openapi('Chain');

export const importResultSchema = z
  .object({
    dataset: z.string(),
    created: z.object({ nodes: z.number().int(), relationships: z.number().int() }),
    matched: z.object({ nodes: z.number().int(), relationships: z.number().int() }),
    milliseconds: z.number(),
  })
  .openapi('ImportResult', { description: 'Counts of records created and of records that already existed (matched)' });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details' });

export type Actor = z.infer<typeof actorSchema>;
export type ActorRef = z.infer<typeof actorRefSchema>;
export type Incident = z.infer<typeof incidentSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type Claim = z.infer<typeof claimSchema>;
export type ClaimSummary = z.infer<typeof claimSummarySchema>;
export type SubjectRef = z.infer<typeof subjectRefSchema>;
export type LinkedClaim = z.infer<typeof linkedClaimSchema>;
export type ActorDetail = z.infer<typeof actorDetailSchema>;
export type Affiliation = z.infer<typeof affiliationSchema>;
export type ClaimDetail = z.infer<typeof claimDetailSchema>;
export type SourceDetail = z.infer<typeof sourceDetailSchema>;
export type AttributionEntry = z.infer<typeof attributionEntrySchema>;
export type Accused = z.infer<typeof accusedSchema>;
export type Attribution = z.infer<typeof attributionSchema>;
export type AttributionQuery = z.infer<typeof attributionQuery>;
export type AsOfSummary = z.infer<typeof asOfSummarySchema>;
export type SearchResult = z.infer<typeof searchResultSchema>;
export type SearchResponse = z.infer<typeof searchResponseSchema>;
export type GraphView = z.infer<typeof graphViewSchema>;
export type PathsResponse = z.infer<typeof pathsResponseSchema>;
export type Chain = z.infer<typeof chainSchema>;
export type ChainStep = z.infer<typeof chainStepSchema>;
export type Problem = z.infer<typeof problemSchema>;
export type Explanation = z.infer<typeof explanationSchema>;
export type ExplanationRef = z.infer<typeof explanationRefSchema>;
export type Accusation = z.infer<typeof accusationSchema>;
export type Evidence = z.infer<typeof evidenceSchema>;
export type Claimant = z.infer<typeof claimantSchema>;
export type Explained = z.infer<typeof explainedSchema>;
export type RelatedAttribution = z.infer<typeof relatedAttributionSchema>;
export type DocumentSpan = z.infer<typeof documentSpanSchema>;
export type SourceDocument = z.infer<typeof sourceDocumentSchema>;
export type ExplanationDetail = z.infer<typeof explanationDetailSchema>;
export type Stats = z.infer<typeof statsSchema>;
export type ImportResult = z.infer<typeof importResultSchema>;
export type Page<T> = { items: T[]; nextCursor: string | null };
