// The dataset format: zod schemas for sources, actors, incidents and claims, and the types derived from them.
import { actorKind, certainty, claimKind, confidence, datePrecision, partialDate, recordId, stance, z } from './fields';
import { ATTRIBUTION_KINDS } from './vocabulary';

const nonEmptyText = z.string().trim().min(1, 'expected non-empty text');

export const sourceSchema = z
  .object({
    id: recordId,
    title: nonEmptyText,
    publisher: nonEmptyText.optional(),
    author: nonEmptyText.optional(),
    published: partialDate.optional(),
    publishedPrecision: datePrecision.optional(),
    url: z.url().optional(),
    /** The document the source's text lives in, e.g. the article's file name. Quotes are checked against it. */
    documentRef: nonEmptyText,
  })
  .strict();

export const affiliationSchema = z
  .object({
    actor: recordId,
    /** The nature of the tie, e.g. "director", "spokesperson", "researcher", "part of". */
    role: nonEmptyText,
    certainty,
    sources: z.array(recordId).default([]),
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

export const claimSchema = z
  .object({
    id: recordId,
    claimant: recordId,
    kind: claimKind,
    /** Incidents or actors the claim is about; at least one. */
    about: z.array(recordId).min(1, 'expected at least one incident or actor'),
    /** Actors the claim holds responsible (or clears); present exactly when `stance` is. */
    accused: z.array(recordId).default([]),
    stance: stance.optional(),
    confidence,
    /** The article's own hedging words, verbatim, when it has any ("wouldn't be surprised"). */
    hedge: nonEmptyText.optional(),
    date: partialDate.optional(),
    datePrecision: datePrecision.optional(),
    /** A one-sentence paraphrase. */
    text: nonEmptyText,
    /** The claimant's words exactly as the source prints them. */
    quote: nonEmptyText.optional(),
    sources: z.array(recordId).min(1, 'expected at least one source'),
    /** Outlets or intermediaries the claim reached the sources through. */
    reportedVia: z.array(recordId).default([]),
    supports: z.array(recordId).default([]),
    disputes: z.array(recordId).default([]),
    respondsTo: z.array(recordId).default([]),
    cites: z.array(recordId).default([]),
  })
  .strict()
  .superRefine((claim, ctx) => {
    if (claim.stance === undefined && claim.accused.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['stance'], message: 'expected a stance because "accused" is set' });
    }
    if (claim.stance !== undefined && claim.accused.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['accused'], message: 'expected at least one accused actor because "stance" is set' });
    }
    if (ATTRIBUTION_KINDS.includes(claim.kind) && claim.stance === undefined) {
      ctx.addIssue({ code: 'custom', path: ['stance'], message: `expected a stance for a claim of kind "${claim.kind}"` });
    }
    if ((claim.date === undefined) !== (claim.datePrecision === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['datePrecision'], message: 'expected "date" and "datePrecision" together' });
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
    claims: z.array(claimSchema).default([]),
  })
  .strict();

export type Source = z.infer<typeof sourceSchema>;
export type Actor = z.infer<typeof actorSchema>;
export type Affiliation = z.infer<typeof affiliationSchema>;
export type Incident = z.infer<typeof incidentSchema>;
export type Claim = z.infer<typeof claimSchema>;
export type Dataset = z.infer<typeof datasetSchema>;
export type DatasetInput = z.input<typeof datasetSchema>;
