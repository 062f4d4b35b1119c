// The dataset format: zod schemas for sources, actors, incidents and claims, and the types derived from them.
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// Schemas here also describe the API, so zod gets its .openapi() method before any schema exists.
extendZodWithOpenApi(z);

/** Record ids are short slugs, unique across every record type of a dataset. */
export const recordId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,119}$/, 'expected a lowercase slug (a-z, 0-9, ".", "_", "-"), 1–120 characters');

/** A calendar date at year, month or day precision: "2014", "2014-12", "2014-12-22". */
export const partialDate = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');

export const DATE_PRECISIONS = ['year', 'month', 'day'] as const;
export const datePrecision = z.enum(DATE_PRECISIONS);

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
export const actorKind = z.enum(ACTOR_KINDS);

/** How firmly a link or statement is established, in the words of the reporting text. */
export const CERTAINTIES = ['confirmed', 'reported', 'claimed', 'rumoured', 'speculated'] as const;
export const certainty = z.enum(CERTAINTIES);

/**
 * What a claim does. Attribution-bearing kinds (attribution, denial, non-committal) name accused
 * actors and a stance; the others describe, threaten or speculate.
 */
export const CLAIM_KINDS = ['attribution', 'denial', 'non-committal', 'observation', 'threat', 'speculation', 'statement'] as const;
export const claimKind = z.enum(CLAIM_KINDS);

/** A claimant's position on whether the accused is responsible. */
export const STANCES = ['asserts', 'denies', 'neither'] as const;
export const stance = z.enum(STANCES);

/**
 * The claimant's own hedging, ordered from firmest to weakest. The README documents each level and
 * its numeric mapping (used for STIX `confidence`).
 */
export const CONFIDENCES = ['certain', 'high', 'moderate', 'low', 'rumoured'] as const;
export const confidence = z.enum(CONFIDENCES);

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
    if (['attribution', 'denial', 'non-committal'].includes(claim.kind) && claim.stance === undefined) {
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
export type ClaimKind = (typeof CLAIM_KINDS)[number];
export type Stance = (typeof STANCES)[number];
export type Confidence = (typeof CONFIDENCES)[number];
export type ActorKind = (typeof ACTOR_KINDS)[number];
