// The contract of the claimant networks and competing hypotheses (ACH): their query, body and answer schemas.
import { actorKind, asOfDate, explanationKind, intBetween, recordId, stance, tableFormat, z } from './fields';
import { actorRefSchema, asOfSummarySchema, claimSchema, incidentRefSchema } from './api';
import { ACH_LEVELS, ACH_RATINGS, NETWORK_MODES, NETWORK_NORMALIZATIONS } from './vocabulary';

/** Caps of these views; the README's "Analyst views" section documents them. */
export const HYPOTHESES_CAPS = {
  /** Claimants drawn in a network, the most active first; ties between the kept ones are exact whatever is cut. */
  networkClaimants: 500,
  /** Claim pairs listed on one tie; `pairsTotal` counts them all. */
  pairsPerTie: 20,
  /** Accusations read for a network over every incident (no `incident`), in claim id order. */
  networkAccusations: 20_000,
  /** Hypotheses listed in an ACH answer, the least inconsistent first; all of them are scored. */
  achHypotheses: 100,
  /** Evidence rows listed, earliest first; scores, diagnosticity and sensitivity cover every row. */
  achEvidence: 500,
  /** Characters of an analyst's note. */
  noteLength: 2000,
  analystLength: 120,
} as const;

export const achRating = z.enum(ACH_RATINGS);
export const achLevel = z.enum(ACH_LEVELS);
export const networkMode = z.enum(NETWORK_MODES);
export const networkNormalization = z.enum(NETWORK_NORMALIZATIONS);

/** `true` or `false` in a query string. */
const flag = z
  .enum(['true', 'false'], { error: 'expected true or false' })
  .default('false')
  .transform((value) => value === 'true')
  .openapi({ type: 'string', enum: ['true', 'false'], default: 'false' });

// ---------------------------------------------------------------- claimant networks

export const claimantNetworkQuery = z
  .object({
    incident: recordId.optional().openapi({ description: 'Only the concepts of this incident; without it, every incident' }),
    asOf: asOfDate,
    mode: networkMode
      .default('congruence')
      .openapi({ description: 'What a tie counts: shared stances, opposite stances, or the first less the second' }),
    normalize: networkNormalization.default('none').openapi({ description: "rDNA's normalization of tie weights" }),
    hedged: flag.openapi({
      type: 'string',
      enum: ['true', 'false'],
      default: 'false',
      description: "Weigh each tie by the product of the two claims' confidence (0.95 certain … 0.05 rumoured)",
    }),
    limit: intBetween(1, HYPOTHESES_CAPS.networkClaimants).default(100).openapi({
      type: 'integer',
      minimum: 1,
      maximum: HYPOTHESES_CAPS.networkClaimants,
      default: 100,
      description: 'Most claimants drawn, the most active first',
    }),
  })
  .strict();

/** One pair of claims behind a tie: the first is the tie's source claimant's, the second its target's. */
export const tiePairSchema = z
  .object({
    incident: z.string(),
    target: z.string().openapi({ description: 'The accused actor or explanation: with the incident, the concept' }),
    relation: z.enum(['congruence', 'conflict']),
    claims: z.tuple([z.string(), z.string()]),
    stances: z.tuple([stance, stance]),
  })
  .openapi('TiePair');

const networkNodeSchema = z.object({
  key: z.string(),
  attributes: z
    .object({
      type: z.literal('actor'),
      label: z.string(),
      kind: actorKind,
      positions: z.number().int().openapi({ description: 'Concept and stance pairs the claimant holds' }),
      activity: z.number().openapi({ description: 'Its positions, each weighed by its firmest confidence when hedged' }),
      independentGroup: z.string().openapi({ description: 'Its independent group, as attribution counts voices' }),
    })
    .catchall(z.unknown()),
});

const networkEdgeSchema = z.object({
  key: z.string(),
  source: z.string(),
  target: z.string(),
  attributes: z
    .object({
      type: z.literal('STANCE_TIE'),
      weight: z.number().openapi({ description: 'The tie weight after normalisation; negative only in subtract mode' }),
      congruence: z.number().openapi({ description: 'Shared stances before normalisation (hedged when asked)' }),
      conflict: z.number().openapi({ description: 'Opposite stances before normalisation (hedged when asked)' }),
      pairs: z.array(tiePairSchema),
      pairsTotal: z.number().int(),
    })
    .catchall(z.unknown()),
});

export const claimantNetworkSchema = z
  .object({
    attributes: z
      .object({
        view: z.literal('network'),
        incident: z.string().nullable(),
        mode: networkMode,
        normalize: networkNormalization,
        hedged: z.boolean(),
        signedWeights: z.boolean().openapi({ description: 'True in subtract mode, the only one whose weights can be negative' }),
        weights: z.string().openapi({ description: 'How to read the weights, in words' }),
        asOf: asOfSummarySchema.nullable(),
        concepts: z.number().int(),
        claims: z.number().int().openapi({ description: 'Claims whose asserting or denying accusations the network counts' }),
        claimantsTotal: z.number().int(),
        truncated: z.boolean(),
      })
      .catchall(z.unknown()),
    options: z.object({ type: z.literal('directed'), multi: z.boolean(), allowSelfLoops: z.boolean() }),
    nodes: z.array(networkNodeSchema),
    edges: z.array(networkEdgeSchema),
  })
  .openapi('ClaimantNetwork', { description: "graphology's serialized graph of claimants: pass it to `Graph.from()`" });

// ---------------------------------------------------------------- competing hypotheses

export const achQuery = z
  .object({ asOf: asOfDate, format: tableFormat('one row per evidence claim, one column of ratings per hypothesis, and a row of scores') })
  .strict();

export const achHypothesisSchema = z
  .object({
    id: z.string(),
    type: z.enum(['actor', 'explanation']),
    name: z.string(),
    kind: z.union([actorKind, explanationKind]),
    score: z.number().openapi({ description: 'PARC ACH 1.1 weighted inconsistency: 0 or below, the nearer 0 the less inconsistent' }),
    rank: z.number().int().openapi({ description: '1 for the least inconsistent' }),
  })
  .openapi('AchHypothesis');

export const achAnalystRatingSchema = z
  .object({
    incident: z.string(),
    claim: z.string(),
    hypothesis: z.string(),
    rating: achRating,
    relevance: achLevel,
    note: z.string().nullable(),
    analyst: z.string(),
    ratedAt: z.string().openapi({ description: 'When it was stored (ISO 8601)' }),
  })
  .openapi('AchAnalystRating');

export const achCellSchema = z
  .object({
    hypothesis: z.string(),
    rating: achRating.openapi({ description: 'The rating the score uses: the analyst’s where there is one, else the derived one' }),
    source: z.enum(['derived', 'analyst']),
    derived: achRating.openapi({ description: 'What the documented rule gives, whether or not an analyst overrode it' }),
    relevance: achLevel,
    weight: z.number().openapi({ description: 'What the cell adds to the hypothesis score: rating × credibility × relevance' }),
    analyst: achAnalystRatingSchema.nullable(),
  })
  .openapi('AchCell');

export const achEvidenceSchema = z
  .object({
    claim: claimSchema,
    claimant: actorRefSchema,
    credibility: achLevel,
    diagnostic: z.boolean().openapi({ description: 'False when the row rates every hypothesis the same' }),
    cells: z.array(achCellSchema),
  })
  .openapi('AchEvidence');

export const achSensitivitySchema = z
  .object({
    claim: z.string(),
    leastInconsistentWithout: z.array(z.string()).openapi({ description: 'The least inconsistent hypotheses were this row left out' }),
  })
  .openapi('AchSensitivity');

export const achSchema = z
  .object({
    incident: incidentRefSchema,
    asOf: asOfSummarySchema.nullable(),
    hypotheses: z.array(achHypothesisSchema),
    leastInconsistent: z.array(z.string()).openapi({ description: 'The hypotheses with the best score (several on a tie)' }),
    evidence: z.array(achEvidenceSchema),
    sensitivity: z.array(achSensitivitySchema),
    hypothesesTotal: z.number().int(),
    evidenceTotal: z.number().int(),
    truncated: z.boolean(),
  })
  .openapi('Ach');

/** An analyst's rating of one cell; `relevance` defaults to medium. */
export const achRatingBody = z
  .object({
    claim: recordId.openapi({ description: 'An evidence claim of the incident' }),
    hypothesis: recordId.openapi({ description: 'An accused actor or explanation of the incident' }),
    rating: achRating,
    relevance: achLevel.default('medium'),
    note: z.string().trim().max(HYPOTHESES_CAPS.noteLength, `expected at most ${HYPOTHESES_CAPS.noteLength} characters`).optional(),
    analyst: z
      .string({ error: 'expected the analyst’s name' })
      .trim()
      .min(1, 'expected the analyst’s name')
      .max(HYPOTHESES_CAPS.analystLength, `expected at most ${HYPOTHESES_CAPS.analystLength} characters`),
  })
  .strict()
  .openapi('AchRatingBody');

export type ClaimantNetworkQuery = z.infer<typeof claimantNetworkQuery>;
export type ClaimantNetwork = z.infer<typeof claimantNetworkSchema>;
export type TiePair = z.infer<typeof tiePairSchema>;
export type AchQuery = z.infer<typeof achQuery>;
export type Ach = z.infer<typeof achSchema>;
export type AchHypothesis = z.infer<typeof achHypothesisSchema>;
export type AchCell = z.infer<typeof achCellSchema>;
export type AchEvidence = z.infer<typeof achEvidenceSchema>;
export type AchSensitivity = z.infer<typeof achSensitivitySchema>;
export type AchAnalystRating = z.infer<typeof achAnalystRatingSchema>;
export type AchRatingBody = z.infer<typeof achRatingBody>;
