// Validates a dataset file in full: shape (zod), cross-references, dates and verbatim quotes, collecting every problem.
import { readdirSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { ClaimGraphError } from './errors';
import {
  actorSchema,
  claimSchema,
  datasetSchema,
  explanationSchema,
  incidentSchema,
  sourceSchema,
  type Dataset,
  type Evidence,
} from './dataset';
import { resolveSpan, withinSpans } from './evidence';
import { CLAIM_LINKS } from './vocabulary';

/** One problem in a dataset, located by file, record and field. */
export interface DatasetProblem {
  file: string;
  /** e.g. `claims[3] "fbi-blames-dprk"`, or `(file)` for the file as a whole. */
  record: string;
  /** Dotted path inside the record, e.g. `sources.0`; empty when the record itself is at fault. */
  field: string;
  message: string;
}

export function formatProblem(problem: DatasetProblem): string {
  const field = problem.field === '' ? '' : ` field "${problem.field}":`;
  return `${problem.file}: ${problem.record}:${field} ${problem.message}`;
}

/** A dataset that failed validation: every problem, each naming its file, record and field; nothing of it was written. */
export class DatasetValidationError extends ClaimGraphError {
  constructor(readonly problems: DatasetProblem[]) {
    super('invalid_dataset', `${problems.length} problem(s); nothing was written`, {
      errors: problems.map((problem) => ({
        field: [problem.record, problem.field].filter((part) => part !== '').join(' '),
        message: problem.message,
      })),
    });
  }
}

/** Looks up the full text of a source document by its `documentRef`; undefined when it is not available. */
export type DocumentLookup = (documentRef: string) => string | undefined;

const SECTIONS = ['sources', 'actors', 'incidents', 'explanations', 'claims'] as const;
type Section = (typeof SECTIONS)[number];
const RECORD_SCHEMAS = {
  sources: sourceSchema,
  actors: actorSchema,
  incidents: incidentSchema,
  explanations: explanationSchema,
  claims: claimSchema,
} as const;

/** The records that passed their own shape check, with their original positions, when the whole file did not. */
interface PartialDataset {
  dataset: Dataset;
  positions: Record<Section, number[]>;
  malformedIds: Array<[string, string]>;
}

function partialDataset(raw: unknown): PartialDataset | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const sections = raw as Record<string, unknown>;
  const dataset = {
    dataset: { id: 'partial', title: 'partial' },
    sources: [],
    actors: [],
    incidents: [],
    explanations: [],
    claims: [],
  } as unknown as Dataset;
  const positions = { sources: [], actors: [], incidents: [], explanations: [], claims: [] } as Record<Section, number[]>;
  const malformedIds: Array<[string, string]> = [];
  for (const section of SECTIONS) {
    const records = sections[section] ?? [];
    if (!Array.isArray(records)) return undefined;
    records.forEach((record: unknown, index) => {
      const parsed = RECORD_SCHEMAS[section].safeParse(record);
      if (parsed.success) {
        (dataset[section] as unknown[]).push(parsed.data);
        positions[section].push(index);
      } else {
        const id = typeof record === 'object' && record !== null ? (record as { id?: unknown }).id : undefined;
        if (typeof id === 'string') malformedIds.push([id, section]);
      }
    });
  }
  return { dataset, positions, malformedIds };
}

function recordLabel(raw: unknown, section: string, index: number): string {
  const id = typeof raw === 'object' && raw !== null && 'id' in raw ? (raw as { id: unknown }).id : undefined;
  return typeof id === 'string' ? `${section}[${index}] "${id}"` : `${section}[${index}]`;
}

function zodProblems(file: string, raw: unknown, error: z.ZodError): DatasetProblem[] {
  return error.issues.map((issue) => {
    const [section, index, ...rest] = issue.path;
    if (typeof section === 'string' && (SECTIONS as readonly string[]).includes(section) && typeof index === 'number') {
      const records = (raw as Record<string, unknown[]>)[section];
      return {
        file,
        record: recordLabel(records?.[index], section, index),
        field: rest.join('.'),
        message: issue.message,
      };
    }
    return {
      file,
      record: section === undefined ? '(file)' : String(section),
      field: issue.path.slice(1).join('.'),
      message: issue.message,
    };
  });
}

function precisionOf(date: string): 'year' | 'month' | 'day' {
  return date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';
}

/** Checks what zod cannot see alone: ids, references, date precision and quotes against their documents. */
function crossCheck(file: string, dataset: Dataset, documents: DocumentLookup | undefined, partial?: PartialDataset): DatasetProblem[] {
  const problems: DatasetProblem[] = [];
  // Records that failed their own shape check still own their id, so references to them are not reported twice.
  const kindById = new Map<string, string>(partial?.malformedIds ?? []);
  const at = (section: Section, index: number) => partial?.positions[section][index] ?? index;
  for (const section of SECTIONS) {
    dataset[section].forEach((record, position) => {
      const index = at(section, position);
      const existing = kindById.get(record.id);
      if (existing !== undefined) {
        problems.push({
          file,
          record: `${section}[${index}] "${record.id}"`,
          field: 'id',
          message: `duplicate id; already used by a record in ${existing}`,
        });
      } else {
        kindById.set(record.id, section);
      }
    });
  }

  const expectRefs = (record: string, field: string, ids: readonly string[], allowed: readonly string[], selfId?: string) => {
    ids.forEach((id, i) => {
      const found = kindById.get(id);
      if (found === undefined) {
        problems.push({
          file,
          record,
          field: `${field}.${i}`,
          message: `unknown id "${id}"; expected the id of one of this dataset's ${allowed.join(' or ')}`,
        });
      } else if (!allowed.includes(found)) {
        problems.push({
          file,
          record,
          field: `${field}.${i}`,
          message: `"${id}" is one of the ${found}; expected one of the ${allowed.join(' or ')}`,
        });
      } else if (id === selfId) {
        problems.push({ file, record, field: `${field}.${i}`, message: 'a record cannot refer to itself' });
      }
    });
  };
  const expectPrecision = (record: string, field: string, date: string | undefined, precision: string | undefined) => {
    if (date !== undefined && precision !== undefined && precisionOf(date) !== precision) {
      problems.push({ file, record, field, message: `"${date}" has ${precisionOf(date)} precision, but ${field} says "${precision}"` });
    }
  };

  // A source's text is the one the dataset embeds, else the document DOCUMENTS_DIR holds; the validated dataset
  // carries it either way, so it is loaded into Neo4j and the server needs no files at run time.
  const documentText = new Map<string, string | undefined>();
  dataset.sources.forEach((source, position) => {
    const index = at('sources', position);
    const label = `sources[${index}] "${source.id}"`;
    expectPrecision(label, 'publishedPrecision', source.published, source.publishedPrecision);
    const text = source.text ?? documents?.(source.documentRef);
    if (text !== undefined) source.text = text;
    documentText.set(source.id, text);
  });

  /**
   * Checks each evidence span against its source's text and fills in offsets left out; returns the spans found, by
   * source. Evidence must come from a source the record cites, and that source's text must be known to check it.
   */
  const checkEvidence = (record: string, field: string, evidence: Evidence[], cited: readonly string[]) => {
    const spans = new Map<string, Array<{ start: number; end: number }>>();
    evidence.forEach((span, i) => {
      const where = `${field}.${i}`;
      if (!cited.includes(span.source)) {
        problems.push({
          file,
          record,
          field: `${where}.source`,
          message: `"${span.source}" is not among the sources this record cites (${cited.join(', ')})`,
        });
        return;
      }
      const text = documentText.get(span.source);
      if (text === undefined) {
        problems.push({
          file,
          record,
          field: where,
          message: `cannot check the span: the text of source "${span.source}" is neither embedded nor in DOCUMENTS_DIR`,
        });
        return;
      }
      const found = resolveSpan(text, span.excerpt, span.start, span.end);
      if (!found.ok) {
        const offsets = span.start === undefined ? '' : ` (offsets ${span.start}–${span.end})`;
        problems.push({ file, record, field: where, message: `source "${span.source}"${offsets}: ${found.message}` });
        return;
      }
      span.start = found.start;
      span.end = found.end;
      spans.set(span.source, [...(spans.get(span.source) ?? []), { start: found.start, end: found.end }]);
    });
    return spans;
  };

  /** Words that must stand inside one of the record's evidence spans (a quote, a hedge), in some cited source. */
  const expectWithinEvidence = (
    record: string,
    field: string,
    words: string | undefined,
    spans: Map<string, Array<{ start: number; end: number }>>,
    cited: readonly string[],
  ) => {
    if (words === undefined) return;
    const texts = cited.map((id) => documentText.get(id));
    if (texts.every((text) => text === undefined)) return; // no document to judge by
    if (!texts.some((text) => text?.includes(words))) {
      problems.push({ file, record, field, message: `not found verbatim in the documents of sources ${cited.join(', ')}` });
      return;
    }
    const inside = cited.some((id) => {
      const text = documentText.get(id);
      return text !== undefined && withinSpans(text, words, spans.get(id) ?? []);
    });
    if (!inside) problems.push({ file, record, field, message: 'stands in the document but outside every evidence span of this record' });
  };

  dataset.actors.forEach((actor, position) => {
    const index = at('actors', position);
    const label = `actors[${index}] "${actor.id}"`;
    actor.affiliations.forEach((affiliation, i) => {
      expectRefs(label, `affiliations.${i}.actor`, [affiliation.actor], ['actors'], actor.id);
      expectRefs(label, `affiliations.${i}.sources`, affiliation.sources, ['sources']);
      const spans = checkEvidence(label, `affiliations.${i}.evidence`, affiliation.evidence, affiliation.sources);
      expectWithinEvidence(label, `affiliations.${i}.hedge`, affiliation.hedge, spans, affiliation.sources);
    });
  });

  dataset.incidents.forEach((incident, position) => {
    const index = at('incidents', position);
    const label = `incidents[${index}] "${incident.id}"`;
    expectRefs(label, 'targets', incident.targets, ['actors']);
    expectRefs(label, 'relatedTo', incident.relatedTo, ['incidents'], incident.id);
    expectPrecision(label, 'datePrecision', incident.start, incident.datePrecision);
    if (incident.start !== undefined && incident.end !== undefined && incident.end < incident.start) {
      problems.push({ file, record: label, field: 'end', message: `end "${incident.end}" is before start "${incident.start}"` });
    }
  });

  dataset.claims.forEach((claim, position) => {
    const index = at('claims', position);
    const label = `claims[${index}] "${claim.id}"`;
    expectRefs(label, 'claimant', [claim.claimant], ['actors']);
    expectRefs(label, 'about', claim.about, ['incidents', 'actors']);
    claim.accusations.forEach((accusation, i) => {
      expectRefs(label, `accusations.${i}.incident`, [accusation.incident], ['incidents']);
      if (accusation.accused !== undefined) expectRefs(label, `accusations.${i}.accused`, [accusation.accused], ['actors']);
      if (accusation.explanation !== undefined)
        expectRefs(label, `accusations.${i}.explanation`, [accusation.explanation], ['explanations']);
    });
    expectRefs(label, 'sources', claim.sources, ['sources']);
    expectRefs(label, 'reportedVia', claim.reportedVia, ['actors']);
    for (const link of Object.keys(CLAIM_LINKS) as Array<keyof typeof CLAIM_LINKS>) {
      expectRefs(label, link, claim[link], ['claims'], claim.id);
    }
    expectPrecision(label, 'datePrecision', claim.date, claim.datePrecision);

    // Every claim points to its words: a verbatim span in each cited source whose text is known.
    const spans = checkEvidence(label, 'evidence', claim.evidence, claim.sources);
    claim.sources.forEach((id, i) => {
      if (documentText.get(id) !== undefined && !claim.evidence.some((span) => span.source === id))
        problems.push({
          file,
          record: label,
          field: `sources.${i}`,
          message: `expected an evidence span from source "${id}", whose text is known`,
        });
    });
    // The speaker's own words (quote, hedge) lie within the claim's evidence.
    expectWithinEvidence(label, 'quote', claim.quote, spans, claim.sources);
    expectWithinEvidence(label, 'hedge', claim.hedge, spans, claim.sources);
  });
  return problems;
}

/** Validates parsed JSON; returns the dataset (with defaults applied) or every problem found. */
export function validateDataset(
  raw: unknown,
  file: string,
  documents?: DocumentLookup,
): { ok: true; dataset: Dataset } | { ok: false; problems: DatasetProblem[] } {
  const parsed = datasetSchema.safeParse(raw);
  if (!parsed.success) {
    // Shape problems first, then what the well-formed records reveal, so one run reports everything.
    const problems = zodProblems(file, raw, parsed.error);
    const partial = partialDataset(raw);
    if (partial !== undefined) problems.push(...crossCheck(file, partial.dataset, documents, partial));
    const unique = new Map(problems.map((problem) => [formatProblem(problem), problem]));
    return { ok: false, problems: [...unique.values()] };
  }
  const problems = crossCheck(file, parsed.data, documents);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, dataset: parsed.data };
}

/** Reads a JSON dataset file; a syntax error becomes a problem rather than an exception. */
export async function readDatasetFile(file: string, documents?: DocumentLookup) {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false as const, problems: [{ file, record: '(file)', field: '', message: `cannot read JSON: ${reason}` }] };
  }
  return validateDataset(raw, file, documents);
}

/** Documents are looked up by file name in a directory (the seed articles by default), read once. */
export async function documentsFromDirectory(directory: string): Promise<DocumentLookup> {
  const texts = new Map<string, string>();
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return () => undefined;
  }
  await Promise.all(names.map(async (name) => texts.set(name, await readFile(path.join(directory, name), 'utf8'))));
  return (ref) => texts.get(ref);
}

/** The dataset files of a folder: every `*.json`, in name order. */
export function datasetFilesIn(directory: string): string[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => path.join(directory, name));
}

/** Validates all files before anything is written; returns every problem across every file. */
export async function validateFiles(
  files: string[],
  documentsDir: string,
): Promise<{ datasets: Array<{ file: string; dataset: Dataset }>; problems: DatasetProblem[] }> {
  const documents = await documentsFromDirectory(documentsDir);
  const datasets: Array<{ file: string; dataset: Dataset }> = [];
  const problems: DatasetProblem[] = [];
  for (const file of files) {
    const result = await readDatasetFile(file, documents);
    if (result.ok) datasets.push({ file, dataset: result.dataset });
    else problems.push(...result.problems);
  }
  return { datasets, problems };
}
