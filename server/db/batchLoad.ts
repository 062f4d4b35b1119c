// Loads a dataset too big for one transaction: one write transaction per chunk, idempotent by id, with the Dataset marked complete only after the last chunk.
import type { ManagedTransaction } from 'neo4j-driver';
import { readTransaction, writeTransaction, type Database } from './neo4j';
import { fromInteger, toInteger } from './records';
import { incidentsAccusedBy, markTalliesStale, rebuildStaleTallies } from './tallies';
import {
  CLEAR_OWNED_LINKS,
  FIND_TYPE_CONFLICTS,
  MERGE_DOCUMENTS,
  MERGE_NODES,
  RecordTypeConflictError,
  actorRow,
  claimRow,
  datasetLinks,
  documentRows,
  explanationRow,
  incidentRow,
  linksStatement,
  sourceRow,
  touchedIncidents,
  type Link,
  type Row,
} from './load';
import { LOAD_ORDER, RELATIONSHIP_TYPES, type RecordLabel, type RelationshipType } from '../model/vocabulary';
import type { Actor, Claim, Dataset, Explanation, Incident, Source } from '../model/dataset';

/**
 * A slice of a dataset. Every record a chunk refers to must be in that chunk or an earlier one,
 * and every record belongs to exactly one chunk.
 */
export interface DatasetChunk {
  index: number;
  sources: Source[];
  actors: Actor[];
  incidents: Incident[];
  /** Explanations that blame no one; generators that make none may leave this out. */
  explanations?: Explanation[];
  claims: Claim[];
}

export interface BatchDatasetHeader {
  id: string;
  title: string;
  version?: string;
  /** Names the exact content and chunking; a partial load is resumed only by a load of the same fingerprint. */
  fingerprint: string;
  chunkCount: number;
}

export interface BatchProgress {
  /** Chunks committed, counting those a resumed load skipped. */
  chunksDone: number;
  chunkCount: number;
  nodes: number;
  relationships: number;
  /** Rows (nodes and relationships) written per second by this run so far. */
  rowsPerSecond: number;
}

export interface BatchLoadOptions {
  /** Rows per UNWIND statement. */
  rowsPerStatement?: number;
  /**
   * `create` clears the chunk's own links and creates them anew in the same transaction, which
   * keeps a re-run exact without MERGE's per-row existence check; `merge` uses MERGE throughout.
   */
  relationships?: 'create' | 'merge';
  /** Continue an interrupted load of the same fingerprint after its last committed chunk (default true). */
  resume?: boolean;
  /** Refuse ids stored under another record type, as loadDataset does (default true). */
  checkTypes?: boolean;
  /** Per-transaction timeout. */
  timeoutMs?: number;
  onProgress?: (progress: BatchProgress) => void;
  /** Called after each chunk commits; a throw here stops the load as a crash would (tests use it). */
  afterChunk?: (chunkIndex: number) => void | Promise<void>;
}

export interface BatchLoadSummary {
  dataset: string;
  /** The first chunk this run loaded: 0 for a full load, more when it resumed. */
  resumedFrom: number;
  chunksLoaded: number;
  nodes: number;
  relationships: number;
  nodesCreated: number;
  relationshipsCreated: number;
  milliseconds: number;
  /** Time spent in node statements and in relationship statements (clearing included), server round trips only. */
  nodeMilliseconds: number;
  relationshipMilliseconds: number;
}

export const ROWS_PER_STATEMENT = 10_000;

interface PreparedChunk {
  index: number;
  nodes: Record<RecordLabel, Row[]>;
  links: Record<RelationshipType, Link[]>;
  documents: Row[];
  ownerIds: string[];
  claimIds: string[];
  /** What the chunk accuses, for the tallies it makes stale. */
  touching: Pick<Dataset, 'incidents' | 'claims'>;
  counts: { sources: number; actors: number; incidents: number; claims: number };
}

function prepare(chunk: DatasetChunk, datasetId: string, dedupe: boolean): PreparedChunk {
  const explanations = chunk.explanations ?? [];
  const asDataset: Dataset = { dataset: { id: datasetId, title: datasetId }, ...chunk, explanations };
  const links = datasetLinks(asDataset);
  if (dedupe) {
    // MERGE folds a repeated pair into one relationship (last properties win); CREATE must be given each pair once.
    for (const type of RELATIONSHIP_TYPES) {
      const byPair = new Map<string, Link>();
      // An accusation is keyed by its incident too, as the MERGE statement keys it.
      for (const link of links[type]) byPair.set(`${link.from}\u0000${link.to}\u0000${String(link.props.incident ?? '')}`, link);
      if (byPair.size !== links[type].length) links[type] = [...byPair.values()];
    }
  }
  return {
    index: chunk.index,
    nodes: {
      Source: chunk.sources.map(sourceRow),
      Actor: chunk.actors.map(actorRow),
      Incident: chunk.incidents.map(incidentRow),
      Explanation: explanations.map(explanationRow),
      Claim: chunk.claims.map(claimRow),
    },
    links,
    documents: documentRows(chunk.sources),
    ownerIds: [...chunk.actors, ...chunk.incidents, ...chunk.claims].map((record) => record.id),
    claimIds: chunk.claims.map((claim) => claim.id),
    touching: { incidents: chunk.incidents, claims: chunk.claims },
    counts: { sources: chunk.sources.length, actors: chunk.actors.length, incidents: chunk.incidents.length, claims: chunk.claims.length },
  };
}

function* slices<T>(rows: readonly T[], size: number): Generator<T[]> {
  for (let at = 0; at < rows.length; at += size) yield rows.slice(at, at + size);
}

interface ChunkTally {
  nodes: number;
  relationships: number;
  nodesCreated: number;
  relationshipsCreated: number;
  nodeMs: number;
  relationshipMs: number;
}

async function writeChunk(
  tx: ManagedTransaction,
  chunk: PreparedChunk,
  header: BatchDatasetHeader,
  options: Required<Pick<BatchLoadOptions, 'rowsPerStatement' | 'relationships' | 'checkTypes'>>,
): Promise<ChunkTally> {
  const tally: ChunkTally = { nodes: 0, relationships: 0, nodesCreated: 0, relationshipsCreated: 0, nodeMs: 0, relationshipMs: 0 };
  const size = options.rowsPerStatement;
  // Read first, while the transaction holds no changes: after the chunk's nodes were written, each seek also went
  // through their uncommitted state, and a quick bench's second chunk of 20,000 claims spent over 3 minutes in this
  // one read (its thread dump: property checks on transaction state). The nodes' writes leave ACCUSES alone.
  const accusedBefore = await incidentsAccusedBy(tx, chunk.claimIds);
  let started = performance.now();
  for (const label of LOAD_ORDER) {
    for (const rows of slices(chunk.nodes[label], size)) {
      if (options.checkTypes) {
        const clash = await tx.run(FIND_TYPE_CONFLICTS, { label, ids: rows.map((row) => row.id) });
        if (clash.records.length > 0) {
          throw new RecordTypeConflictError(
            clash.records.map((r) => ({ id: r.get('id') as string, expected: label, found: r.get('labels') as string[] })),
          );
        }
      }
      const result = await tx.run(MERGE_NODES, { rows, label, dataset: header.id });
      tally.nodesCreated += result.summary.counters.updates().nodesCreated;
      tally.nodes += rows.length;
    }
  }
  for (const rows of slices(chunk.documents, size)) await tx.run(MERGE_DOCUMENTS, { rows });
  tally.nodeMs = performance.now() - started;

  started = performance.now();
  // The chunk's incidents are counted from their claims until the load ends and rebuilds their tallies; marking them
  // here, in the chunk's own transaction, means no reader ever trusts a tally the chunk has made stale.
  await markTalliesStale(tx, touchedIncidents(chunk.touching, accusedBefore));
  for (const ids of slices(chunk.ownerIds, size)) await tx.run(CLEAR_OWNED_LINKS, { ids });
  const verb = options.relationships === 'create' ? 'CREATE' : 'MERGE';
  for (const type of RELATIONSHIP_TYPES) {
    for (const rows of slices(chunk.links[type], size)) {
      const result = await tx.run(linksStatement(type, verb), { rows });
      tally.relationshipsCreated += result.summary.counters.updates().relationshipsCreated;
      tally.relationships += rows.length;
    }
  }
  await tx.run(
    `MATCH (d:Dataset {id: $id})
     SET d.chunksDone = $chunksDone, d.sources = d.sources + $sources, d.actors = d.actors + $actors,
         d.incidents = d.incidents + $incidents, d.claims = d.claims + $claims`,
    // Integers, not floats, so the stored counts read back as the counts loadDataset stores.
    {
      id: header.id,
      chunksDone: toInteger(chunk.index + 1),
      sources: toInteger(chunk.counts.sources),
      actors: toInteger(chunk.counts.actors),
      incidents: toInteger(chunk.counts.incidents),
      claims: toInteger(chunk.counts.claims),
    },
  );
  tally.relationshipMs = performance.now() - started;
  return tally;
}

/** Where a previous load of this dataset stopped: the chunk to start at. */
async function startingChunk(db: Database, header: BatchDatasetHeader, resume: boolean): Promise<number> {
  const stored = await readTransaction(
    db,
    (tx) =>
      tx.run('MATCH (d:Dataset {id: $id}) RETURN d.complete AS complete, d.fingerprint AS fingerprint, d.chunksDone AS chunksDone', {
        id: header.id,
      }),
    60_000,
  );
  const record = stored.records[0];
  if (!resume || record === undefined || record.get('complete') === true || record.get('fingerprint') !== header.fingerprint) return 0;
  const done = Number(fromInteger(record.get('chunksDone') ?? 0));
  return Math.min(Math.max(0, done), header.chunkCount);
}

/**
 * Loads chunk after chunk, each in its own write transaction. The Dataset node says
 * `complete: false` from the start and `complete: true` only once the last chunk has committed;
 * every chunk MERGEs its nodes by id and rewrites its own links, so re-running a load, whole or
 * from where it stopped, ends in the same graph.
 */
export async function loadInBatches(
  db: Database,
  header: BatchDatasetHeader,
  chunksFrom: (firstChunk: number) => Iterable<DatasetChunk> | AsyncIterable<DatasetChunk>,
  options: BatchLoadOptions = {},
): Promise<BatchLoadSummary> {
  const started = performance.now();
  const settings = {
    rowsPerStatement: options.rowsPerStatement ?? ROWS_PER_STATEMENT,
    relationships: options.relationships ?? 'create',
    checkTypes: options.checkTypes ?? true,
  } as const;
  const timeoutMs = options.timeoutMs ?? 600_000;
  const first = await startingChunk(db, header, options.resume ?? true);
  await writeTransaction(
    db,
    (tx) =>
      tx.run(
        `MERGE (d:Dataset {id: $id})
         SET d.title = $title, d.version = $version, d.fingerprint = $fingerprint, d.chunkCount = $chunkCount,
             d.complete = false, d.loadStartedAt = datetime()
         WITH d WHERE $first = 0
         SET d.chunksDone = 0, d.sources = 0, d.actors = 0, d.incidents = 0, d.claims = 0`,
        { ...header, version: header.version ?? null, chunkCount: toInteger(header.chunkCount), first: toInteger(first) },
      ),
    60_000,
  );

  const summary: BatchLoadSummary = {
    dataset: header.id,
    resumedFrom: first,
    chunksLoaded: 0,
    nodes: 0,
    relationships: 0,
    nodesCreated: 0,
    relationshipsCreated: 0,
    milliseconds: 0,
    nodeMilliseconds: 0,
    relationshipMilliseconds: 0,
  };
  const iterator = (() => {
    const source = chunksFrom(first);
    return Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  })();
  const dedupe = settings.relationships === 'create';
  const nextPrepared = async (): Promise<PreparedChunk | undefined> => {
    const next = await iterator.next();
    return next.done === true ? undefined : prepare(next.value, header.id, dedupe);
  };

  let current = await nextPrepared();
  while (current !== undefined) {
    const chunk = current;
    const committing = writeTransaction(db, (tx) => writeChunk(tx, chunk, header, settings), timeoutMs);
    // The next chunk is generated while Neo4j works on this one (after a turn of the event loop, so the driver
    // has sent this chunk's first statement); a failure here waits for the commit first.
    const upcoming = new Promise<void>((resolve) => setImmediate(resolve)).then(nextPrepared);
    upcoming.catch(() => undefined); // handled below; this only stops an early rejection counting as unhandled
    let tally: ChunkTally;
    try {
      tally = await committing;
    } catch (error) {
      await upcoming.catch(() => undefined);
      throw error;
    }
    summary.chunksLoaded += 1;
    summary.nodes += tally.nodes;
    summary.relationships += tally.relationships;
    summary.nodesCreated += tally.nodesCreated;
    summary.relationshipsCreated += tally.relationshipsCreated;
    summary.nodeMilliseconds += tally.nodeMs;
    summary.relationshipMilliseconds += tally.relationshipMs;
    const seconds = (performance.now() - started) / 1000;
    options.onProgress?.({
      chunksDone: chunk.index + 1,
      chunkCount: header.chunkCount,
      nodes: summary.nodes,
      relationships: summary.relationships,
      rowsPerSecond: seconds > 0 ? (summary.nodes + summary.relationships) / seconds : 0,
    });
    await options.afterChunk?.(chunk.index);
    current = await upcoming;
  }

  // Every incident a chunk touched is stale until now: recount them, a group per transaction.
  await rebuildStaleTallies(db, timeoutMs);
  // Written last, after every chunk committed: the one sign that the dataset is whole.
  const marked = await writeTransaction(
    db,
    (tx) =>
      tx.run(
        `MATCH (d:Dataset {id: $id}) WHERE d.chunksDone = $chunkCount
         SET d.complete = true, d.loadedAt = datetime() RETURN d.id AS id`,
        { id: header.id, chunkCount: toInteger(header.chunkCount) },
      ),
    60_000,
  );
  if (marked.records.length === 0) {
    throw new Error(`dataset "${header.id}": the chunks ended before chunk ${header.chunkCount}; left marked incomplete`);
  }
  summary.milliseconds = performance.now() - started;
  return summary;
}

/** Whether a dataset's load finished; undefined when no load of it was ever started. */
export async function datasetComplete(db: Database, id: string): Promise<boolean | undefined> {
  const result = await readTransaction(db, (tx) => tx.run('MATCH (d:Dataset {id: $id}) RETURN d.complete AS complete', { id }));
  const record = result.records[0];
  return record === undefined ? undefined : record.get('complete') === true;
}
