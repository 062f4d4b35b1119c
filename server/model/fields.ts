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
} from './vocabulary';

// Schemas also describe the API, so zod gets its .openapi() method before any schema exists.
extendZodWithOpenApi(z);

export { z };

export const recordId = z.string().regex(RECORD_ID_PATTERN, `expected ${RECORD_ID_RULE}`);
export const partialDate = z
  .string()
  .regex(PARTIAL_DATE_PATTERN, `expected ${PARTIAL_DATE_RULE}`)
  .refine((value) => !PARTIAL_DATE_PATTERN.test(value) || parsePartialDate(value) !== undefined, 'expected a day the month has');

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
