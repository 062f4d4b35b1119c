// The zod building blocks every schema shares (ids, partial dates, the vocabulary's enums), made from the vocabulary once.
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { PARTIAL_DATE_PATTERN, PARTIAL_DATE_RULE, parsePartialDate } from './dates';
import {
  ACTOR_KINDS,
  CERTAINTIES,
  CHAIN_DIRECTIONS,
  CLAIM_KINDS,
  CONFIDENCES,
  DATE_BASES,
  DATE_PRECISIONS,
  EXPLANATION_KINDS,
  RECORD_ID_PATTERN,
  RECORD_ID_RULE,
  RECORD_TYPES,
  RELATIONSHIP_TYPES,
  SPAN_ROLES,
  STANCES,
  TABLE_FORMATS,
} from './vocabulary';

// Schemas also describe the API, so zod gets its .openapi() method before any schema exists.
extendZodWithOpenApi(z);

export { z };

export const recordId = z.string().regex(RECORD_ID_PATTERN, `expected ${RECORD_ID_RULE}`);
export const partialDate = z
  .string()
  .regex(PARTIAL_DATE_PATTERN, `expected ${PARTIAL_DATE_RULE}`)
  .refine((value) => !PARTIAL_DATE_PATTERN.test(value) || parsePartialDate(value) !== undefined, 'expected a day the month has');

/** `asOf=YYYY[-MM[-DD]]` on every view: only claims made by the end of that date count (rule in `server/graph/asOf.ts`). */
export const asOfDate = partialDate.optional().openapi({
  description:
    'Belief as of this date: only claims whose dated period has ended by then count (a claim dated "2014-12" counts from 2014-12-31); undated claims are left out and counted',
  example: '2014-12-20',
});

/** `format=json|csv` on an analyst view; `csv` says what the spreadsheet holds (written in `server/interchange/tables.ts`). */
export const tableFormat = (csv: string) =>
  z
    .enum(TABLE_FORMATS)
    .default('json')
    .openapi({ description: `\`csv\`: ${csv}` });

export const recordType = z.enum(RECORD_TYPES);
export const relationshipType = z.enum(RELATIONSHIP_TYPES);
export const actorKind = z.enum(ACTOR_KINDS);
export const certainty = z.enum(CERTAINTIES);
export const claimKind = z.enum(CLAIM_KINDS);
export const stance = z.enum(STANCES);
export const confidence = z.enum(CONFIDENCES);
export const datePrecision = z.enum(DATE_PRECISIONS);
export const chainDirection = z.enum(CHAIN_DIRECTIONS);
export const explanationKind = z.enum(EXPLANATION_KINDS);
export const dateBasis = z.enum(DATE_BASES);
export const spanRole = z.enum(SPAN_ROLES);

/** A whole number from a query string, within bounds; the message names the range ("expected an integer from 1 to 3"). */
export const intBetween = (min: number, max: number) =>
  z.coerce
    .number({ error: `expected an integer from ${min} to ${max}` })
    .int(`expected an integer from ${min} to ${max}`)
    .min(min, `expected an integer from ${min} to ${max}`)
    .max(max, `expected an integer from ${min} to ${max}`);

/** A query's integer parameter: its bounds, default and description in OpenAPI, and the same words in its errors. */
export const intParam = (min: number, max: number, fallback: number, description: string) =>
  intBetween(min, max).default(fallback).openapi({ type: 'integer', minimum: min, maximum: max, default: fallback, description });

/** A comma-separated list of `allowed` values from a query string, trimmed and without repeats; empty gives []. */
export const commaList = <T extends string>(allowed: readonly T[]) =>
  z.string().transform((value, ctx) => {
    const items = value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
    for (const item of items) {
      if (!(allowed as readonly string[]).includes(item)) {
        ctx.addIssue({ code: 'custom', message: `expected a comma-separated list of ${allowed.join(', ')}; got "${item}"` });
        return z.NEVER;
      }
    }
    return [...new Set(items)] as T[];
  });
