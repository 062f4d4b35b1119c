// Loads validated datasets into Neo4j: one all-or-nothing write transaction per dataset of batched UNWIND … MERGE.
import type { ManagedTransaction } from 'neo4j-driver';
import type { Actor, Claim, Dataset, Evidence, Explanation, Incident, Source } from '../model/dataset';
import { occurrences } from '../model/evidence';
import { ClaimGraphError } from '../model/errors';
import { CLAIM_LINKS, LOAD_ORDER, RELATIONSHIP_TYPES, type RecordLabel, type RelationshipType } from '../model/vocabulary';
import { writeTransaction, type Database } from './neo4j';
import { incidentsAccusedBy, rebuildTallies } from './tallies';

export type Row = Record<string, unknown>;

// Optional fields are sent as null so that SET n += row removes a property a reload dropped.
export const actorRow = (a: Actor): Row => ({
  id: a.id,
  props: { id: a.id, name: a.name, kind: a.kind, aliases: a.aliases, aliasText: a.aliases.join(' | '), description: a.description ?? null },
});
export const incidentRow = (i: Incident): Row => ({
  id: i.id,
  props: {
    id: i.id,
    name: i.name,
    kind: i.kind,
    aliases: i.aliases,
    aliasText: i.aliases.join(' | '),
    description: i.description,
    start: i.start ?? null,
    end: i.end ?? null,
    datePrecision: i.datePrecision ?? null,
  },
});
export const sourceRow = (s: Source): Row => ({
  id: s.id,
  props: {
    id: s.id,
    title: s.title,
    name: s.title,
    publisher: s.publisher ?? null,
    author: s.author ?? null,
    published: s.published ?? null,
    publishedPrecision: s.publishedPrecision ?? null,
    url: s.url ?? null,
    documentRef: s.documentRef,
  },
});
export const explanationRow = (e: Explanation): Row => ({
  id: e.id,
  props: { id: e.id, name: e.name, kind: e.kind, description: e.description ?? null },
});
export const claimRow = (c: Claim): Row => ({
  id: c.id,
  props: {
    id: c.id,
    kind: c.kind,
    text: c.text,
    quote: c.quote ?? null,
    stance: c.stance ?? null,
    confidence: c.confidence,
    hedge: c.hedge ?? null,
    date: c.date ?? null,
    datePrecision: c.datePrecision ?? null,
    dateBasis: c.date === undefined ? null : (c.dateBasis ?? 'stated'),
  },
});

/** The text of each source that has one, for the `(:Document)` nodes the source reader and evidence read. */
export const documentRows = (sources: readonly Source[]): Row[] =>
  sources.flatMap((source) => (source.text === undefined ? [] : [{ source: source.id, text: source.text }]));

/** An id the dataset gives one record type that the database already holds as another; nothing of the load is written. */
export class RecordTypeConflictError extends ClaimGraphError {
  constructor(readonly conflicts: Array<{ id: string; expected: string; found: string[] }>) {
    super(
      'record_type_conflict',
      `id already used by a record of another type: ${conflicts
        .map((c) => `"${c.id}" (loading as ${c.expected}, stored as ${c.found.join('/')})`)
        .join(', ')}`,
      { errors: conflicts.map((c) => ({ field: c.id, message: `stored as ${c.found.join('/')}, cannot be loaded as ${c.expected}` })) },
    );
  }
}

export const FIND_TYPE_CONFLICTS = `
  UNWIND $ids AS id
  MATCH (n:Record {id: id})
  WHERE NOT $label IN labels(n)
  RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Record'] AS labels
  LIMIT 20`;

/** A relationship row: from-id, to-id and optional properties. */
export type Link = {
  from: string;
  to: string;
  props: Row;
};

/** Evidence spans as the parallel lists a relationship can hold (Neo4j properties cannot be lists of maps). */
function spanLists(evidence: readonly Evidence[]): { evidenceSources: string[]; evidenceStarts: number[]; evidenceEnds: number[] } {
  const resolved = evidence.filter((span) => span.start !== undefined && span.end !== undefined);
  return {
    evidenceSources: resolved.map((span) => span.source),
    evidenceStarts: resolved.map((span) => span.start!),
    evidenceEnds: resolved.map((span) => span.end!),
  };
}

/** Where words (a quote, a hedge) stand inside one of the spans of a source's text, or nulls when they do not. */
function wordsWithin(text: string | undefined, words: string | undefined, spans: ReadonlyArray<readonly [number, number]>) {
  if (text === undefined || words === undefined) return [null, null] as const;
  const at = occurrences(text, words).find((start) => spans.some(([from, to]) => start >= from && start + words.length <= to));
  return at === undefined ? ([null, null] as const) : ([at, at + words.length] as const);
}

/** A claim's link to one source that reports it: its position in the claim's list, its evidence spans, and where the quote and hedge stand. */
function reportedInProps(claim: Claim, source: string, position: number, text: string | undefined): Row {
  const spans = claim.evidence.filter((span) => span.source === source && span.start !== undefined);
  const ranges = spans.map((span) => [span.start!, span.end!] as const);
  const [quoteStart, quoteEnd] = wordsWithin(text, claim.quote, ranges);
  const [hedgeStart, hedgeEnd] = wordsWithin(text, claim.hedge, ranges);
  return {
    position,
    evidenceStarts: ranges.map(([start]) => start),
    evidenceEnds: ranges.map(([, end]) => end),
    quoteStart,
    quoteEnd,
    hedgeStart,
    hedgeEnd,
  };
}

/** All relationships a dataset owns, by type. Order in a list is kept as `position` where it means something. */
export function datasetLinks(dataset: Dataset): Record<RelationshipType, Link[]> {
  const links = Object.fromEntries(RELATIONSHIP_TYPES.map((type) => [type, [] as Link[]])) as Record<RelationshipType, Link[]>;
  const textOf = new Map(dataset.sources.map((source) => [source.id, source.text]));
  for (const actor of dataset.actors) {
    for (const affiliation of actor.affiliations) {
      links.AFFILIATED_WITH.push({
        from: actor.id,
        to: affiliation.actor,
        props: {
          role: affiliation.role,
          certainty: affiliation.certainty,
          hedge: affiliation.hedge ?? null,
          sources: affiliation.sources,
          ...spanLists(affiliation.evidence),
        },
      });
    }
  }
  for (const incident of dataset.incidents) {
    for (const target of incident.targets) links.TARGETS.push({ from: incident.id, to: target, props: {} });
    for (const related of incident.relatedTo) links.RELATED_TO.push({ from: incident.id, to: related, props: {} });
  }
  for (const claim of dataset.claims) {
    links.MADE.push({ from: claim.claimant, to: claim.id, props: {} });
    for (const about of claim.about) links.ABOUT.push({ from: claim.id, to: about, props: {} });
    for (const accusation of claim.accusations) {
      links.ACCUSES.push({
        from: claim.id,
        to: (accusation.accused ?? accusation.explanation)!,
        props: { incident: accusation.incident, stance: accusation.stance ?? claim.stance ?? null },
      });
    }
    claim.sources.forEach((source, position) =>
      links.REPORTED_IN.push({ from: claim.id, to: source, props: reportedInProps(claim, source, position, textOf.get(source)) }),
    );
    for (const via of claim.reportedVia) links.REPORTED_VIA.push({ from: claim.id, to: via, props: {} });
    for (const [field, type] of Object.entries(CLAIM_LINKS) as Array<[keyof typeof CLAIM_LINKS, RelationshipType]>) {
      for (const target of claim[field]) links[type].push({ from: claim.id, to: target, props: {} });
    }
  }
  return links;
}

/** The incidents a load changes the accusations of: the dataset's own, those its claims accuse, and those they accused before. */
export function touchedIncidents(dataset: Pick<Dataset, 'incidents' | 'claims'>, accusedBefore: readonly string[]): string[] {
  const touched = new Set([...accusedBefore, ...dataset.incidents.map((incident) => incident.id)]);
  for (const claim of dataset.claims) for (const accusation of claim.accusations) touched.add(accusation.incident);
  return [...touched].sort();
}

export const BATCH_SIZE = 1000;

function* batches<T>(rows: readonly T[], size = BATCH_SIZE): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

// `$label` comes from the fixed NODE_LABELS list; the shared `Record` label carries the unique id.
export const MERGE_NODES = `
  UNWIND $rows AS row
  MERGE (n:Record {id: row.id})
  SET n:$($label)
  SET n += row.props,
      n.datasets = CASE WHEN $dataset IN coalesce(n.datasets, []) THEN n.datasets ELSE coalesce(n.datasets, []) + $dataset END`;

/**
 * `CREATE` is only safe right after CLEAR_OWNED_LINKS removed the owners' links in the same
 * transaction and the rows hold no duplicate pair; otherwise use `MERGE`.
 */
export function linksStatement(type: RelationshipType, verb: 'MERGE' | 'CREATE' = 'MERGE'): string {
  // `type` is a member of the fixed RELATIONSHIP_TYPES list, never user input.
  if (!(RELATIONSHIP_TYPES as readonly string[]).includes(type))
    throw new Error(`relationship type: expected one of ${RELATIONSHIP_TYPES.join(', ')}, got ${type}`);
  if (verb !== 'MERGE' && verb !== 'CREATE') throw new Error(`verb: expected MERGE or CREATE, got ${String(verb)}`);
  // One claim may accuse the same target of two incidents: each accusation is its own relationship, keyed by its incident.
  const key = type === 'ACCUSES' ? ' {incident: row.props.incident}' : '';
  return `UNWIND $rows AS row MATCH (a:Record {id: row.from}) MATCH (b:Record {id: row.to}) ${verb} (a)-[r:${type}${key}]->(b) SET r += row.props`;
}

const mergeLinksStatement = (type: RelationshipType): string => linksStatement(type, 'MERGE');

/**
 * Before re-linking, the dataset's own outgoing relationships are removed, so a reload mirrors the
 * file exactly (a link deleted from the file disappears) while counts stay the same on a re-run.
 */
/** The text of a source, outside the graph of records: graph views never read it, the source reader and evidence do. */
export const MERGE_DOCUMENTS = `
  UNWIND $rows AS row
  MERGE (d:Document {source: row.source})
  SET d.text = row.text`;

const OWNED_TYPES = RELATIONSHIP_TYPES.filter((type) => type !== 'MADE').join('|');
export const CLEAR_OWNED_LINKS = `
  UNWIND $ids AS id
  MATCH (n:Record {id: id})
  OPTIONAL MATCH (n)-[r:${OWNED_TYPES}]->()
  DELETE r
  WITH DISTINCT n
  OPTIONAL MATCH ()-[m:MADE]->(n:Claim)
  DELETE m`;

export interface LoadProgress {
  /** Rows written so far and in total, nodes and relationships together. */
  done: number;
  total: number;
  stage: string;
}

export interface LoadSummary {
  dataset: string;
  nodes: Record<RecordLabel, number>;
  relationships: Record<RelationshipType, number>;
  nodesCreated: number;
  relationshipsCreated: number;
  propertiesSet: number;
  milliseconds: number;
}

async function runBatches(
  tx: ManagedTransaction,
  statement: string,
  rows: readonly (Row | Link)[],
  params: Row,
  tally: { nodesCreated: number; relationshipsCreated: number; propertiesSet: number; done: number },
  report: () => void,
): Promise<void> {
  for (const batch of batches(rows)) {
    const result = await tx.run(statement, { ...params, rows: batch });
    const counters = result.summary.counters.updates();
    tally.nodesCreated += counters.nodesCreated;
    tally.relationshipsCreated += counters.relationshipsCreated;
    tally.propertiesSet += counters.propertiesSet;
    tally.done += batch.length;
    report();
  }
}

/** Loads one validated dataset in a single write transaction: either all of it lands or none of it. */
export async function loadDataset(
  db: Database,
  dataset: Dataset,
  options: { onProgress?: (progress: LoadProgress) => void; timeoutMs?: number } = {},
): Promise<LoadSummary> {
  const started = Date.now();
  const nodeRows: Record<RecordLabel, Row[]> = {
    Source: dataset.sources.map(sourceRow),
    Actor: dataset.actors.map(actorRow),
    Incident: dataset.incidents.map(incidentRow),
    Explanation: dataset.explanations.map(explanationRow),
    Claim: dataset.claims.map(claimRow),
  };
  const links = datasetLinks(dataset);
  const documents = documentRows(dataset.sources);
  const total =
    Object.values(nodeRows).reduce((sum, rows) => sum + rows.length, 0) + Object.values(links).reduce((sum, rows) => sum + rows.length, 0);
  const ownerIds = [...dataset.actors, ...dataset.incidents, ...dataset.claims].map((record) => record.id);

  const tally = await writeTransaction(
    db,
    async (tx) => {
      // A retried transaction function starts again from zero.
      const counts = { nodesCreated: 0, relationshipsCreated: 0, propertiesSet: 0, done: 0 };
      const report = (stage: string) => () => options.onProgress?.({ done: counts.done, total, stage });
      // The incidents the claims accused before this load, so a reload that moves or drops an accusation recounts
      // them. Read before any write: each seek is then a plain index lookup, not one through uncommitted changes.
      const accusedBefore = await incidentsAccusedBy(
        tx,
        dataset.claims.map((claim) => claim.id),
      );
      for (const label of LOAD_ORDER) {
        // MERGE on the shared Record label would silently fold, say, a claim into a source with the same id.
        for (const batch of batches(nodeRows[label])) {
          const clash = await tx.run(FIND_TYPE_CONFLICTS, { label, ids: batch.map((row) => row.id) });
          if (clash.records.length > 0) {
            throw new RecordTypeConflictError(
              clash.records.map((r) => ({ id: r.get('id') as string, expected: label, found: r.get('labels') as string[] })),
            );
          }
        }
        await runBatches(tx, MERGE_NODES, nodeRows[label], { label, dataset: dataset.dataset.id }, counts, report(label));
      }
      // Documents are keyed by their source and hold no relationship, so a reload simply replaces the text.
      await runBatches(tx, MERGE_DOCUMENTS, documents, {}, counts, report('Document'));
      for (const batch of batches(ownerIds)) await tx.run(CLEAR_OWNED_LINKS, { ids: batch });
      for (const type of RELATIONSHIP_TYPES) {
        await runBatches(tx, mergeLinksStatement(type), links[type], {}, counts, report(type));
      }
      // Kept tallies change in the same transaction as the claims they count.
      await rebuildTallies(tx, touchedIncidents(dataset, accusedBefore));
      await tx.run(
        `MERGE (d:Dataset {id: $id})
         SET d.title = $title, d.version = $version, d.loadedAt = datetime(), d.complete = true,
             d.sources = $sources, d.actors = $actors, d.incidents = $incidents, d.explanations = $explanations,
             d.claims = $claims`,
        {
          id: dataset.dataset.id,
          title: dataset.dataset.title,
          version: dataset.dataset.version ?? null,
          sources: dataset.sources.length,
          actors: dataset.actors.length,
          incidents: dataset.incidents.length,
          explanations: dataset.explanations.length,
          claims: dataset.claims.length,
        },
      );
      return counts;
    },
    options.timeoutMs ?? 600_000,
  );

  return {
    dataset: dataset.dataset.id,
    nodes: Object.fromEntries(Object.entries(nodeRows).map(([label, rows]) => [label, rows.length])) as Record<RecordLabel, number>,
    relationships: Object.fromEntries(Object.entries(links).map(([type, rows]) => [type, rows.length])) as Record<RelationshipType, number>,
    nodesCreated: tally.nodesCreated,
    relationshipsCreated: tally.relationshipsCreated,
    propertiesSet: tally.propertiesSet,
    milliseconds: Date.now() - started,
  };
}
