// The analyst views' contract: query and answer schemas of the who-blames-whom matrix, contradictions and provenance.
import { actorRefSchema, asOfSummarySchema, claimSchema, evidenceSchema, incidentRefSchema } from './api';
import { asOfDate, confidence, dateBasis, intParam, recordId, stance, tableFormat, z } from './fields';
import { CONTRADICTION_KINDS, DISPUTE_ROLES, PROVENANCE_LINKS } from './vocabulary';

/** Caps of the analyst views; the README's "Analyst views" section documents them. */
export const ANALYSIS_CAPS = {
  /** Contradictions listed in one answer; `total` counts them all. */
  contradictions: 200,
  contradictionClaimsPerSide: 50,
  /** Steps of `cites`/`characterizes` followed back from a claim. */
  provenanceDepth: 10,
  /** Claims one provenance answer lists. */
  provenanceClaims: 500,
} as const;

export const matrixQuery = z
  .object({
    asOf: asOfDate,
    format: tableFormat('the matrix as a spreadsheet, one row per claimant and one column per target'),
  })
  .strict();

export const contradictionsQuery = z
  .object({
    incident: recordId.optional().openapi({ description: 'Only contradictions about this incident; without it, every incident' }),
    asOf: asOfDate,
    limit: intParam(1, ANALYSIS_CAPS.contradictions, 100, 'Most contradictions listed; `total` counts them all'),
    claimsPerSide: intParam(
      1,
      ANALYSIS_CAPS.contradictionClaimsPerSide,
      10,
      'Most claims listed per side, earliest first; `claimCount` counts them all',
    ),
    format: tableFormat('one row per listed claim on each side, numbered by contradiction and side'),
  })
  .strict();

export const provenanceQuery = z
  .object({ format: tableFormat('one row per claim on the chain, breadth-first, with the origins’ groups') })
  .strict();

// ---------------------------------------------------------------- shared pieces

const stanceCounts = z.object({ asserts: z.number().int(), denies: z.number().int(), neither: z.number().int() });

/** What an accusation holds responsible: an actor, or an explanation that blames no one. */
export const targetRefSchema = z
  .object({ id: z.string(), type: z.enum(['actor', 'explanation']), name: z.string(), kind: z.string() })
  .openapi('TargetRef');

/** The as-of date asked for and the claims it left out (undated, later), as attribution gives it; null without one. */
const asOfEcho = asOfSummarySchema.nullable().openapi({ description: 'Null unless `asOf` was asked for' });

// ---------------------------------------------------------------- the who-blames-whom matrix

export const matrixClaimSchema = z
  .object({
    id: z.string(),
    stance: stance.openapi({ description: "The accusation's stance toward the cell's target" }),
    confidence,
    hedge: z.string().nullable(),
    date: z.string().nullable(),
    datePrecision: z.string().nullable(),
    dateBasis: dateBasis.nullable(),
  })
  .openapi('MatrixClaim');

export const matrixClaimantSchema = actorRefSchema
  .extend({ group: z.string().openapi({ description: 'The id of its independent group (`groups`)' }) })
  .openapi('MatrixClaimant');

export const matrixGroupSchema = z
  .object({
    id: z.string().openapi({ description: 'The smallest claimant id of the group' }),
    claimants: z.array(z.string()),
  })
  .openapi('MatrixGroup', { description: 'Claimants joined by confirmed or reported affiliations: one voice' });

export const matrixTargetSchema = targetRefSchema
  .extend({
    claims: stanceCounts,
    independentClaimants: stanceCounts,
    independentOrigins: stanceCounts.openapi({
      description: "Independent groups among the speakers of the claims each side's claims rest on (provenance origins)",
    }),
    contested: z.array(z.enum(CONTRADICTION_KINDS)).openapi({ description: 'The kinds of contradiction on this target, if any' }),
  })
  .openapi('MatrixTarget');

export const matrixCellSchema = z
  .object({ claimant: z.string(), target: z.string(), claims: z.array(matrixClaimSchema).openapi({ description: 'In date order' }) })
  .openapi('MatrixCell');

export const matrixSchema = z
  .object({
    incident: incidentRefSchema,
    asOf: asOfEcho,
    claimants: z.array(matrixClaimantSchema).openapi({ description: 'Rows: grouped by independent group, then by id' }),
    groups: z.array(matrixGroupSchema),
    targets: z.array(matrixTargetSchema).openapi({ description: 'Columns: accused actors, then explanations, the most blamed first' }),
    cells: z.array(matrixCellSchema),
  })
  .openapi('Matrix');

// ---------------------------------------------------------------- contradictions

export const contradictionClaimSchema = z
  .object({
    claim: claimSchema,
    claimant: actorRefSchema,
    stance: stance.nullable().openapi({ description: "The claim's stance toward the side's target; null when it takes none" }),
    evidence: z.array(evidenceSchema).openapi({ description: 'The verbatim spans of each source that make or report the claim' }),
  })
  .openapi('ContradictionClaim');

export const contradictionSideSchema = z
  .object({
    stance: stance.nullable(),
    target: targetRefSchema.openapi({ description: 'What the stance is toward (an `alternative` has one side per target)' }),
    role: z.enum(DISPUTE_ROLES).nullable().openapi({ description: 'dispute: which end of the `disputes` links; otherwise null' }),
    claims: z.array(contradictionClaimSchema).openapi({ description: 'Earliest first, at most `claimsPerSide`' }),
    claimCount: z.number().int(),
    independentClaimants: z.number().int(),
  })
  .openapi('ContradictionSide');

export const contradictionSchema = z
  .object({
    incident: incidentRefSchema,
    target: targetRefSchema,
    kind: z.enum(CONTRADICTION_KINDS),
    sides: z.array(contradictionSideSchema),
    group: z
      .object({ id: z.string(), claimants: z.array(actorRefSchema) })
      .nullable()
      .openapi({ description: 'reversal: the independent group whose stance changed; otherwise null' }),
    links: z
      .array(z.object({ claim: z.string(), disputes: z.string() }))
      .openapi({ description: 'dispute: the `disputes` links behind it; otherwise empty' }),
  })
  .openapi('Contradiction');

export const contradictionsSchema = z
  .object({
    incident: incidentRefSchema.nullable(),
    asOf: asOfEcho,
    contradictions: z.array(contradictionSchema),
    total: z.number().int(),
    truncated: z.boolean().openapi({ description: 'True when some contradictions or side claims are counted but not listed' }),
  })
  .openapi('Contradictions');

// ---------------------------------------------------------------- provenance

export const provenanceStepSchema = z
  .object({
    claim: claimSchema,
    claimant: actorRefSchema,
    via: z.array(z.enum(PROVENANCE_LINKS)).openapi({ description: 'How `from` rests on this claim; empty for the claim asked about' }),
    from: z.string().nullable(),
    depth: z.number().int(),
    reportedVia: z.array(actorRefSchema).openapi({ description: 'Outlets or intermediaries the claim reached its sources through' }),
  })
  .openapi('ProvenanceStep');

export const provenanceOriginSchema = z
  .object({ claim: claimSchema, claimant: actorRefSchema, group: z.string() })
  .openapi('ProvenanceOrigin', { description: 'A claim the chain rests on that cites or characterizes nothing further' });

export const provenanceSchema = z
  .object({
    claim: claimSchema,
    chain: z.array(provenanceStepSchema).openapi({ description: 'Breadth-first from the claim asked about (depth 0)' }),
    origins: z.array(provenanceOriginSchema),
    independentOrigins: z.number().int().openapi({ description: 'Independent groups among the origins’ speakers' }),
    circular: z.boolean().openapi({ description: 'True when a chain loops back to a claim already on it' }),
    loops: z.array(z.array(z.string())).openapi({ description: 'Each loop as the claim ids around it, the first repeated last' }),
    truncated: z.boolean().openapi({ description: 'True when the depth or claim cap stopped the walk' }),
  })
  .openapi('Provenance');

export type MatrixQuery = z.infer<typeof matrixQuery>;
export type ContradictionsQuery = z.infer<typeof contradictionsQuery>;
export type ProvenanceQuery = z.infer<typeof provenanceQuery>;
export type TargetRef = z.infer<typeof targetRefSchema>;
export type IncidentRef = z.infer<typeof incidentRefSchema>;
export type MatrixClaim = z.infer<typeof matrixClaimSchema>;
export type MatrixClaimant = z.infer<typeof matrixClaimantSchema>;
export type MatrixTarget = z.infer<typeof matrixTargetSchema>;
export type MatrixCell = z.infer<typeof matrixCellSchema>;
export type Matrix = z.infer<typeof matrixSchema>;
export type ContradictionClaim = z.infer<typeof contradictionClaimSchema>;
export type ContradictionSide = z.infer<typeof contradictionSideSchema>;
export type Contradiction = z.infer<typeof contradictionSchema>;
export type Contradictions = z.infer<typeof contradictionsSchema>;
export type ProvenanceStep = z.infer<typeof provenanceStepSchema>;
export type ProvenanceOrigin = z.infer<typeof provenanceOriginSchema>;
export type Provenance = z.infer<typeof provenanceSchema>;
