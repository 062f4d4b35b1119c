// Zod shapes of the STIX 2.1 objects the importer reads, and a checker that names the object index, id and field of every problem.
import { z } from 'zod';
import { ClaimGraphError, type FieldError } from '../../model/errors';
import {
  actorKind,
  certainty,
  claimKind,
  dateBasis,
  datePrecision,
  explanationKind,
  partialDate,
  recordId,
  stance,
} from '../../model/fields';
import { STIX_OPINION_VALUES } from './types';

/** The STIX identifier form: `type--uuid`, with the version and variant digits the OASIS schema requires. */
const STIX_ID_PATTERN =
  /^[a-z][a-z0-9-]+[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

const stixId = z.string().regex(STIX_ID_PATTERN, 'expected a STIX identifier such as "identity--<uuid>"');
const timestamp = z
  .string()
  .regex(
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?Z$/,
    'expected an RFC 3339 UTC timestamp such as "2014-12-19T00:00:00.000Z"',
  );
const text = z.string().trim().min(1, 'expected non-empty text');
const texts = z.array(text);
const recordIds = z.array(recordId);

const externalReference = z.looseObject({
  source_name: text,
  external_id: z.string().optional(),
  url: z.string().optional(),
  description: z.string().optional(),
});

/** Properties every STIX domain and relationship object may carry, plus this project's record id. */
const common = {
  id: stixId,
  spec_version: z.string().optional(),
  created: timestamp.optional(),
  modified: timestamp.optional(),
  created_by_ref: stixId.optional(),
  confidence: z.number().int('expected an integer 0–100').min(0).max(100).optional(),
  external_references: z.array(externalReference).optional(),
  /** The claim-graph record this object was exported from; used as the record id on import. */
  x_claimgraph_id: recordId.optional(),
};

/** The name and description of the objects that have them (actors, incidents, campaigns, reports). */
const named = { name: text, description: z.string().optional() };

const offset = z.number().int('expected a whole number of characters').min(0, 'expected an offset of 0 or more');

/** One evidence span: offsets into the source's text (UTF-16, `text.slice(start, end)`), with the words when the exporter had them. */
const evidenceEntry = z
  .looseObject({ source: recordId, start: offset, end: offset, excerpt: z.string().min(1).optional() })
  .refine((span) => span.end > span.start, { message: 'expected end after start', path: ['end'] })
  .refine((span) => span.excerpt === undefined || span.excerpt.length === span.end - span.start, {
    message: "expected end − start to be the excerpt's length",
    path: ['excerpt'],
  });

/** The claim details an export keeps on the objects a claim becomes. */
const claimDetails = {
  x_claimgraph_kind: claimKind.optional(),
  /** The claim's own stance, written where the stances of its accusations differ from it. */
  x_claimgraph_stance: stance.optional(),
  x_claimgraph_about: recordIds.optional(),
  x_claimgraph_date: partialDate.optional(),
  x_claimgraph_date_precision: datePrecision.optional(),
  x_claimgraph_date_basis: dateBasis.optional(),
  x_claimgraph_hedge: text.optional(),
  x_claimgraph_text: text.optional(),
  /** The quote, written only where it is the paraphrase word for word. */
  x_claimgraph_quote: text.optional(),
  /** The claim's sources in its own order; the reports that name the claim say which they are. */
  x_claimgraph_sources: recordIds.optional(),
  x_claimgraph_evidence: z.array(evidenceEntry).optional(),
  x_claimgraph_supports: recordIds.optional(),
  x_claimgraph_disputes: recordIds.optional(),
  x_claimgraph_responds_to: recordIds.optional(),
  x_claimgraph_cites: recordIds.optional(),
  x_claimgraph_characterizes: recordIds.optional(),
  x_claimgraph_reported_via: recordIds.optional(),
  /** The claimant, where it is a threat-actor and so cannot be `created_by_ref` (which must name an identity). */
  x_claimgraph_claimant: recordId.optional(),
};

/** An actor's tie to another actor, as the export writes it on the actor's objects. */
const affiliationEntry = z.looseObject({
  actor: recordId,
  role: text,
  certainty,
  hedge: text.optional(),
  sources: recordIds.optional(),
  evidence: z.array(evidenceEntry).optional(),
});

/** What an export keeps on the objects an actor becomes. */
const actorDetails = { x_claimgraph_kind: actorKind.optional(), x_claimgraph_affiliations: z.array(affiliationEntry).optional() };

const stixIdentitySchema = z.looseObject({
  type: z.literal('identity'),
  ...common,
  ...named,
  identity_class: z.string().optional(),
  sectors: z.array(z.string()).optional(),
  ...actorDetails,
  x_claimgraph_aliases: texts.optional(),
});

const stixThreatActorSchema = z.looseObject({
  type: z.literal('threat-actor'),
  ...common,
  ...named,
  aliases: texts.optional(),
  threat_actor_types: z.array(z.string()).optional(),
  ...actorDetails,
});

const stixIntrusionSetSchema = z.looseObject({
  type: z.literal('intrusion-set'),
  ...common,
  ...named,
  aliases: texts.optional(),
  ...actorDetails,
});

const stixIncidentSchema = z.looseObject({
  type: z.literal('incident'),
  ...common,
  ...named,
  x_claimgraph_kind: text.optional(),
  x_claimgraph_aliases: texts.optional(),
  x_claimgraph_start: partialDate.optional(),
  x_claimgraph_end: partialDate.optional(),
  x_claimgraph_date_precision: datePrecision.optional(),
});

const stixCampaignSchema = z.looseObject({
  type: z.literal('campaign'),
  ...common,
  ...named,
  aliases: texts.optional(),
  first_seen: timestamp.optional(),
  last_seen: timestamp.optional(),
});

const stixReportSchema = z.looseObject({
  type: z.literal('report'),
  ...common,
  ...named,
  published: timestamp,
  object_refs: z.array(stixId).min(1, 'expected at least one object reference'),
  x_claimgraph_author: text.optional(),
  x_claimgraph_published: partialDate.optional(),
  x_claimgraph_published_precision: datePrecision.optional(),
  /** The source document's text, which the claims' evidence offsets point into. */
  x_claimgraph_text: z.string().min(1).optional(),
});

const stixRelationshipSchema = z.looseObject({
  type: z.literal('relationship'),
  ...common,
  ...claimDetails,
  relationship_type: z.string().regex(/^[a-z0-9-]+$/, 'expected a lowercase relationship type such as "attributed-to"'),
  source_ref: stixId,
  target_ref: stixId,
  description: z.string().optional(),
  /** Marks a relationship that only stands for a proposition opinions answer; no one asserted it. */
  x_claimgraph_synthesized: z.boolean().optional(),
  /** On an attributed-to relationship: the claim whose accusation it is, and the incident the accused is held responsible for. */
  x_claimgraph_claim: recordId.optional(),
  x_claimgraph_incident: recordId.optional(),
  /** Marks the related-to relationship that stands for an incident's target (STIX has no `targets` from an incident). */
  x_claimgraph_link: z.literal('targets').optional(),
});

const stixOpinionSchema = z.looseObject({
  type: z.literal('opinion'),
  ...common,
  ...claimDetails,
  opinion: z.enum(STIX_OPINION_VALUES),
  explanation: z.string().optional(),
  authors: texts.optional(),
  object_refs: z.array(stixId).min(1, 'expected at least one object reference'),
});

const stixNoteSchema = z.looseObject({
  type: z.literal('note'),
  ...common,
  ...claimDetails,
  content: text,
  abstract: z.string().optional(),
  authors: texts.optional(),
  object_refs: z.array(stixId).min(1, 'expected at least one object reference'),
  /** Marks the note that stands for an explanation (a cause naming no culprit) of the incident `x_claimgraph_incident`. */
  x_claimgraph_type: z.literal('explanation').optional(),
  x_claimgraph_kind: z.union([claimKind, explanationKind]).optional(),
  x_claimgraph_incident: recordId.optional(),
});

const stixImportedObjectSchema = z.discriminatedUnion('type', [
  stixIdentitySchema,
  stixThreatActorSchema,
  stixIntrusionSetSchema,
  stixIncidentSchema,
  stixCampaignSchema,
  stixReportSchema,
  stixRelationshipSchema,
  stixOpinionSchema,
  stixNoteSchema,
]);

export type StixImportedObject = z.infer<typeof stixImportedObjectSchema>;
type StixImportedType = StixImportedObject['type'];
const STIX_IMPORTED_TYPES: readonly StixImportedType[] = [
  'identity',
  'threat-actor',
  'intrusion-set',
  'incident',
  'campaign',
  'report',
  'relationship',
  'opinion',
  'note',
];

const anyObjectSchema = z.looseObject({
  type: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a STIX type name such as "identity"'),
  id: stixId,
});

const envelopeSchema = z.looseObject({
  type: z.literal('bundle'),
  id: stixId.refine((id) => id.startsWith('bundle--'), 'expected a bundle identifier "bundle--<uuid>"'),
  objects: z.array(z.unknown()),
});

/** One problem in a bundle: which object (index and id, when known), which field, and what was expected. */
export interface StixIssue {
  index: number | null;
  id: string | null;
  field: string;
  message: string;
}

/**
 * A bundle that cannot be read (code `invalid_stix`). `issues` keeps each problem's object index, id and
 * field; `errors` names the same problems as fields of the posted body (`objects[1].target_ref`), so the
 * HTTP layer renders them as they are.
 */
export class StixValidationError extends ClaimGraphError {
  constructor(readonly issues: readonly StixIssue[]) {
    const lines = issues.map(describeIssue);
    super(
      'invalid_stix',
      `invalid STIX bundle (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.slice(0, 20).join('\n')}${lines.length > 20 ? `\n… and ${lines.length - 20} more` : ''}`,
      { errors: issues.map(issueFieldError) },
    );
  }
}

/** One line naming where a problem is and what was expected: `objects[1] (relationship--…): target_ref: expected …`. */
export function describeIssue(issue: StixIssue): string {
  const where = issue.index === null ? 'bundle' : `objects[${issue.index}]${issue.id === null ? '' : ` (${issue.id})`}`;
  return `${where}: ${issue.field === '' ? '' : `${issue.field}: `}${issue.message}`;
}

/**
 * A problem as a field of the bundle: the object's place in `objects` followed by the field within it
 * (`objects[1].target_ref`), a field of the envelope (`id`), or `bundle` for the bundle as a whole. The
 * message names the object's id too, when it has one.
 */
function issueFieldError(issue: StixIssue): FieldError {
  const inObject = issue.field === '' || issue.field.startsWith('[') ? issue.field : `.${issue.field}`;
  const field = issue.index === null ? issue.field || 'bundle' : `objects[${issue.index}]${inObject}`;
  return { field, message: issue.id === null ? issue.message : `${issue.message} (object ${issue.id})` };
}

const fieldOf = (path: ReadonlyArray<PropertyKey>): string =>
  path.map((part, position) => (typeof part === 'number' ? `[${part}]` : `${position === 0 ? '' : '.'}${String(part)}`)).join('');

function toIssues(error: z.ZodError, index: number | null, id: string | null): StixIssue[] {
  return error.issues.map((issue) => ({ index, id, field: fieldOf(issue.path), message: issue.message }));
}

export interface ParsedStixBundle {
  id: string;
  /** Objects of the types the importer reads, with their position in the bundle. */
  objects: Array<{ index: number; object: StixImportedObject }>;
  /** Objects of other types, kept only to report that they were skipped. */
  others: Array<{ index: number; id: string; type: string }>;
}

/**
 * Checks a bundle's envelope and every object of a type the importer reads, collecting every problem
 * before throwing, so one run names them all. Objects of other types need only a type and an id.
 */
export function parseStixBundle(input: unknown): ParsedStixBundle {
  const envelope = envelopeSchema.safeParse(input);
  if (!envelope.success) throw new StixValidationError(toIssues(envelope.error, null, null));
  const issues: StixIssue[] = [];
  const parsed: ParsedStixBundle = { id: envelope.data.id, objects: [], others: [] };
  envelope.data.objects.forEach((raw, index) => {
    const base = anyObjectSchema.safeParse(raw);
    const rawId =
      typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : null;
    if (!base.success) {
      issues.push(...toIssues(base.error, index, rawId));
      return;
    }
    if (!(STIX_IMPORTED_TYPES as readonly string[]).includes(base.data.type)) {
      parsed.others.push({ index, id: base.data.id, type: base.data.type });
      return;
    }
    if (!base.data.id.startsWith(`${base.data.type}--`)) {
      issues.push({ index, id: base.data.id, field: 'id', message: `expected an identifier starting with "${base.data.type}--"` });
      return;
    }
    const object = stixImportedObjectSchema.safeParse(raw);
    if (!object.success) issues.push(...toIssues(object.error, index, base.data.id));
    else parsed.objects.push({ index, object: object.data });
  });
  if (issues.length > 0) throw new StixValidationError(issues);
  return parsed;
}
