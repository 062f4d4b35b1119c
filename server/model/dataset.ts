// The dataset format: zod schemas for sources, actors, incidents, explanations and claims, and the types derived from them.
import {
  actorKind,
  certainty,
  claimKind,
  confidence,
  dateBasis,
  datePrecision,
  explanationKind,
  partialDate,
  recordId,
  stance,
  z,
} from './fields';
import { ATTRIBUTION_KINDS } from './vocabulary';

const nonEmptyText = z.string().trim().min(1, 'expected non-empty text');
const offset = z.number().int('expected a whole number of characters').min(0, 'expected an offset of 0 or more');

/**
 * A verbatim span of a source's text: the excerpt exactly as the document has it, and where it stands there
 * (UTF-16 offsets, `text.slice(start, end)`). The offsets may be left out when the excerpt occurs once in the
 * document; validation then finds them. Given offsets must slice to the excerpt exactly.
 */
export const evidenceSchema = z
  .object({
    source: recordId,
    excerpt: z.string().min(1, 'expected the verbatim words of the source'),
    start: offset.optional(),
    end: offset.optional(),
  })
  .strict()
  .superRefine((evidence, ctx) => {
    if ((evidence.start === undefined) !== (evidence.end === undefined))
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'expected "start" and "end" together' });
    if (evidence.start !== undefined && evidence.end !== undefined && evidence.end - evidence.start !== evidence.excerpt.length)
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: `expected end − start to be the excerpt's length ${evidence.excerpt.length}, got ${evidence.end - evidence.start}`,
      });
  });

export const sourceSchema = z
  .object({
    id: recordId,
    title: nonEmptyText,
    publisher: nonEmptyText.optional(),
    author: nonEmptyText.optional(),
    published: partialDate.optional(),
    publishedPrecision: datePrecision.optional(),
    url: z.url().optional(),
    /** The document the source's text lives in, e.g. the article's file name in DOCUMENTS_DIR. */
    documentRef: nonEmptyText,
    /** The document's text itself, for datasets that carry it; otherwise it is read from DOCUMENTS_DIR by `documentRef`. */
    text: z.string().min(1).optional(),
  })
  .strict();

export const affiliationSchema = z
  .object({
    actor: recordId,
    /** The nature of the tie, e.g. "director", "spokesperson", "researcher", "part of". */
    role: nonEmptyText,
    certainty,
    /** The article's own words for how firm the tie is ("reportedly from", "rumoured to be affiliated"), verbatim. */
    hedge: nonEmptyText.optional(),
    sources: z.array(recordId).default([]),
    /** The spans that report the tie, one or more per source. */
    evidence: z.array(evidenceSchema).default([]),
  })
  .strict();

export const actorSchema = z
  .object({
    id: recordId,
    name: nonEmptyText,
    kind: actorKind,
    aliases: z.array(nonEmptyText).default([]),
    description: nonEmptyText.optional(),
    affiliations: z.array(affiliationSchema).default([]),
  })
  .strict();

export const incidentSchema = z
  .object({
    id: recordId,
    name: nonEmptyText,
    /** A free classification such as "intrusion", "ddos", "outage", "threat". */
    kind: nonEmptyText,
    aliases: z.array(nonEmptyText).default([]),
    description: nonEmptyText,
    start: partialDate.optional(),
    end: partialDate.optional(),
    datePrecision: datePrecision.optional(),
    /** Actors the incident was done to. */
    targets: z.array(recordId).default([]),
    /** Broader incidents this one belongs to or follows from. */
    relatedTo: z.array(recordId).default([]),
  })
  .strict();

export const explanationSchema = z
  .object({
    id: recordId,
    /** A short name, e.g. "Infrastructure failure". */
    name: nonEmptyText,
    kind: explanationKind,
    description: nonEmptyText.optional(),
  })
  .strict();

/**
 * What one claim says about who or what is responsible for one incident: an accused actor or an explanation,
 * the incident it is responsible for, and the stance (the claim's own when left out).
 */
export const accusationSchema = z
  .object({
    incident: recordId,
    accused: recordId.optional(),
    explanation: recordId.optional(),
    stance: stance.optional(),
  })
  .strict()
  .superRefine((accusation, ctx) => {
    if ((accusation.accused === undefined) === (accusation.explanation === undefined))
      ctx.addIssue({ code: 'custom', path: ['accused'], message: 'expected exactly one of "accused" (an actor) and "explanation"' });
  });

export const claimSchema = z
  .object({
    id: recordId,
    claimant: recordId,
    kind: claimKind,
    /** Incidents or actors the claim is about; at least one. */
    about: z.array(recordId).min(1, 'expected at least one incident or actor'),
    /** Who or what the claim holds responsible (or clears), and for which incident; present exactly when `stance` is. */
    accusations: z.array(accusationSchema).default([]),
    stance: stance.optional(),
    confidence,
    /** The article's own hedging words, verbatim, when it has any ("wouldn't be surprised"). */
    hedge: nonEmptyText.optional(),
    date: partialDate.optional(),
    datePrecision: datePrecision.optional(),
    /** Where the date comes from: stated in the text, inferred from it, or only an upper bound (default stated). */
    dateBasis: dateBasis.optional(),
    /** A one-sentence paraphrase. */
    text: nonEmptyText,
    /** The claimant's words exactly as the source prints them; a bracketed insertion ("[North Korea]") is the reporter's. */
    quote: nonEmptyText.optional(),
    sources: z.array(recordId).min(1, 'expected at least one source'),
    /** The verbatim spans that make or report the claim: at least one for each source whose text is known. */
    evidence: z.array(evidenceSchema).default([]),
    /** Outlets or intermediaries the claim reached the sources through. */
    reportedVia: z.array(recordId).default([]),
    supports: z.array(recordId).default([]),
    disputes: z.array(recordId).default([]),
    respondsTo: z.array(recordId).default([]),
    cites: z.array(recordId).default([]),
    /** Claims this one describes in the reporter's own words ("refused to confirm" describing an official's answer). */
    characterizes: z.array(recordId).default([]),
  })
  .strict()
  .superRefine((claim, ctx) => {
    if (claim.stance === undefined && claim.accusations.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['stance'], message: 'expected a stance because "accusations" is set' });
    }
    if (claim.stance !== undefined && claim.accusations.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['accusations'], message: 'expected at least one accusation because "stance" is set' });
    }
    if (ATTRIBUTION_KINDS.includes(claim.kind) && claim.stance === undefined) {
      ctx.addIssue({ code: 'custom', path: ['stance'], message: `expected a stance for a claim of kind "${claim.kind}"` });
    }
    if ((claim.date === undefined) !== (claim.datePrecision === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['datePrecision'], message: 'expected "date" and "datePrecision" together' });
    }
    if (claim.date === undefined && claim.dateBasis !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['dateBasis'], message: 'expected a "date" for the basis to describe' });
    }
  });

export const datasetSchema = z
  .object({
    $schema: z.string().optional(),
    dataset: z
      .object({
        id: recordId,
        title: nonEmptyText,
        description: nonEmptyText.optional(),
        version: nonEmptyText.optional(),
      })
      .strict(),
    sources: z.array(sourceSchema).min(1, 'expected at least one source'),
    actors: z.array(actorSchema).default([]),
    incidents: z.array(incidentSchema).default([]),
    explanations: z.array(explanationSchema).default([]),
    claims: z.array(claimSchema).default([]),
  })
  .strict();

export type Source = z.infer<typeof sourceSchema>;
export type Actor = z.infer<typeof actorSchema>;
export type Affiliation = z.infer<typeof affiliationSchema>;
export type Incident = z.infer<typeof incidentSchema>;
export type Claim = z.infer<typeof claimSchema>;
export type Accusation = z.infer<typeof accusationSchema>;
export type Explanation = z.infer<typeof explanationSchema>;
export type Evidence = z.infer<typeof evidenceSchema>;
export type Dataset = z.infer<typeof datasetSchema>;
export type DatasetInput = z.input<typeof datasetSchema>;
