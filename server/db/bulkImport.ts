// A first load into an empty local database through Neo4j's offline importer: chunks to CSV, `neo4j-admin database import full`, then schema, tallies and the completion marker online.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { stringify } from 'csv-stringify/sync';
import type { Config } from '../config';
import type { Dataset } from '../model/dataset';
import { LOAD_ORDER, RELATIONSHIP_TYPES, type RecordLabel, type RelationshipType } from '../model/vocabulary';
import type { BatchDatasetHeader, DatasetChunk } from './batchLoad';
import { actorRow, claimRow, datasetLinks, documentRows, explanationRow, incidentRow, sourceRow, type Link, type Row } from './load';
import { classArchive } from './classArchive';
import { CLASS_ARCHIVE_DIR, ensureLauncherBuilt, findJava, LocalNeo4jError, portAnswers, readInstanceRecord } from './localNeo4j';
import { readTransaction, writeTransaction, type Database } from './neo4j';
import { fromInteger, toInteger } from './records';
import { SCHEMA_STATEMENTS } from './schema';
import { rebuildStaleTallies } from './tallies';

/** The bulk path cannot run here (a remote or running database, one that holds data), or the importer failed. */
export class BulkImportError extends LocalNeo4jError {}

/** The database the launcher serves (`service.database("neo4j")` in LocalNeo4j.java). */
const LAUNCHER_DATABASE = 'neo4j';

/**
 * Between the elements of a list property. The unit separator never appears in the project's text, and a value that
 * holds it is refused rather than split, so a list always reads back as written.
 */
const ARRAY_DELIMITER = '\u001f';

type ColumnType = 'string' | 'double' | 'string[]' | 'double[]';
type Columns = Readonly<Record<string, ColumnType>>;
/** A CSV field; null is an empty field, which the importer leaves unset. */
type Field = string | null;

/**
 * The properties the online loader writes, with the Cypher type each gets there: strings, and JavaScript numbers,
 * which the driver sends as floats. Every property a row of `load.ts` holds must be named here, so a field added
 * to the online loader stops the bulk path with an error instead of going missing from its graph.
 */
const NODE_COLUMNS: Readonly<Record<RecordLabel, Columns>> = {
  Source: {
    title: 'string',
    name: 'string',
    publisher: 'string',
    author: 'string',
    published: 'string',
    publishedPrecision: 'string',
    url: 'string',
    documentRef: 'string',
  },
  Actor: { name: 'string', kind: 'string', aliases: 'string[]', aliasText: 'string', description: 'string' },
  Incident: {
    name: 'string',
    kind: 'string',
    aliases: 'string[]',
    aliasText: 'string',
    description: 'string',
    start: 'string',
    end: 'string',
    datePrecision: 'string',
  },
  Explanation: { name: 'string', kind: 'string', description: 'string' },
  Claim: {
    kind: 'string',
    text: 'string',
    quote: 'string',
    stance: 'string',
    confidence: 'string',
    hedge: 'string',
    date: 'string',
    datePrecision: 'string',
    dateBasis: 'string',
  },
};
/** MERGE_NODES adds the dataset's id to every record. */
const RECORD_COLUMNS: Columns = { datasets: 'string[]' };
const DOCUMENT_COLUMNS: Columns = { source: 'string', text: 'string' };
/** Relationship types not named here carry no properties. */
const LINK_COLUMNS: Readonly<Partial<Record<RelationshipType, Columns>>> = {
  ACCUSES: { incident: 'string', stance: 'string' },
  REPORTED_IN: {
    position: 'double',
    evidenceStarts: 'double[]',
    evidenceEnds: 'double[]',
    quoteStart: 'double',
    quoteEnd: 'double',
    hedgeStart: 'double',
    hedgeEnd: 'double',
  },
  AFFILIATED_WITH: {
    role: 'string',
    certainty: 'string',
    hedge: 'string',
    sources: 'string[]',
    evidenceSources: 'string[]',
    evidenceStarts: 'double[]',
    evidenceEnds: 'double[]',
  },
};

const ROW_OF: Readonly<Record<RecordLabel, (record: never) => Row>> = {
  Source: sourceRow,
  Actor: actorRow,
  Incident: incidentRow,
  Explanation: explanationRow,
  Claim: claimRow,
};
const CHUNK_KEY = { Source: 'sources', Actor: 'actors', Incident: 'incidents', Explanation: 'explanations', Claim: 'claims' } as const;

/** One CSV file of one label or relationship type, with the ids whose empty lists the importer cannot write. */
class CsvFile {
  rows = 0;
  /** A quoted value spans lines: the importer must then be told to read multi-line fields. */
  multiline = false;
  private lastEmptyOwner: string | undefined;
  private emptyOwners = 0;
  private pendingOwners: string[] = [];

  private constructor(
    readonly file: string,
    readonly emptyListFile: string,
    readonly what: string,
    private readonly columns: Columns,
    private readonly handle: FileHandle,
    private readonly emptyHandle: FileHandle,
  ) {}

  static async create(dir: string, name: string, what: string, leading: string[], columns: Columns): Promise<CsvFile> {
    const file = path.join(dir, `${name}.csv`);
    const emptyListFile = path.join(dir, `${name}.empty-lists.txt`);
    const csv = new CsvFile(file, emptyListFile, what, columns, await open(file, 'w'), await open(emptyListFile, 'w'));
    const header = [...leading, ...Object.entries(columns).map(([name, type]) => `${name}:${type}`)];
    await csv.handle.write(encode([header]));
    return csv;
  }

  get hasEmptyLists(): boolean {
    return this.emptyOwners > 0;
  }

  get listColumns(): string[] {
    return Object.entries(this.columns)
      .filter(([, type]) => type.endsWith('[]'))
      .map(([name]) => name);
  }

  /** The CSV record of one node or relationship: its leading fields, then every declared property. */
  record(leading: string[], owner: string | undefined, props: Row): Field[] {
    for (const key of Object.keys(props)) {
      if (!(key in this.columns) && key !== 'id') {
        throw new BulkImportError(`bulk import: ${this.what} property "${key}" has no column; declare it in server/db/bulkImport.ts`);
      }
    }
    let emptyList = false;
    const fields: Field[] = [...leading];
    for (const [name, type] of Object.entries(this.columns)) {
      const value = props[name] ?? null;
      const where = `${this.what} ${owner ?? ''} ${name}`;
      if (type === 'string' || type === 'double') {
        if (value !== null && typeof value !== (type === 'string' ? 'string' : 'number')) {
          throw new BulkImportError(`bulk import: ${where}: expected a ${type} or null, got ${JSON.stringify(value)}`);
        }
        if (typeof value === 'number' && !Number.isFinite(value)) throw new BulkImportError(`bulk import: ${where}: not a finite number`);
        if (typeof value === 'string' && /[\r\n]/.test(value)) this.multiline = true;
        fields.push(value === null ? null : String(value));
        continue;
      }
      if (!Array.isArray(value)) throw new BulkImportError(`bulk import: ${where}: expected a list, got ${JSON.stringify(value)}`);
      const elements = value as unknown[];
      for (const element of elements) {
        const ok = type === 'string[]' ? typeof element === 'string' : typeof element === 'number' && Number.isFinite(element);
        if (!ok) throw new BulkImportError(`bulk import: ${where}: expected ${type}, got an element ${JSON.stringify(element)}`);
        if (typeof element === 'string' && (element.includes(ARRAY_DELIMITER) || /[\r\n]/.test(element))) {
          throw new BulkImportError(`bulk import: ${where}: a list element holds a control character the CSV cannot carry`);
        }
      }
      // The importer reads an empty field as no property and a lone empty string the same way.
      if (elements.length === 1 && elements[0] === '') throw new BulkImportError(`bulk import: ${where}: a list of one empty string`);
      if (elements.length === 0) emptyList = true;
      fields.push(elements.length === 0 ? null : elements.map(String).join(ARRAY_DELIMITER));
    }
    if (emptyList) {
      if (owner === undefined) throw new BulkImportError(`bulk import: ${this.what} without an id holds an empty list`);
      // A claim's relationships of one type come together, so one line per owner is enough.
      if (owner !== this.lastEmptyOwner) {
        this.pendingOwners.push(owner);
        this.lastEmptyOwner = owner;
        this.emptyOwners += 1;
      }
    }
    this.rows += 1;
    return fields;
  }

  async write(records: Field[][]): Promise<void> {
    if (records.length > 0) await this.handle.write(encode(records));
    if (this.pendingOwners.length > 0) {
      await this.emptyHandle.write(`${this.pendingOwners.join('\n')}\n`);
      this.pendingOwners = [];
    }
  }

  async close(): Promise<void> {
    await this.handle.close();
    await this.emptyHandle.close();
  }
}

/**
 * RFC 4180 as the importer reads it: an empty string is quoted (`""`), so it stays an empty string, while a
 * missing value is an empty field, which the importer leaves unset, as `SET n += {p: null}` does online.
 */
const encode = (records: Field[][]): string => stringify(records, { quoted_match: /^$/, record_delimiter: '\n' });

export interface ImportFiles {
  dir: string;
  nodes: Array<{ labels: string; csv: CsvFile }>;
  relationships: Array<{ type: RelationshipType; csv: CsvFile }>;
  counts: { sources: number; actors: number; incidents: number; explanations: number; claims: number; documents: number };
  bytes: number;
}

function dedupeLinks(links: Record<RelationshipType, Link[]>): void {
  // As the batch loader does before CREATE: a repeated pair is one relationship and the last one's properties win.
  for (const type of RELATIONSHIP_TYPES) {
    const byPair = new Map<string, Link>();
    for (const link of links[type]) byPair.set(`${link.from}\u0000${link.to}\u0000${String(link.props.incident ?? '')}`, link);
    if (byPair.size !== links[type].length) links[type] = [...byPair.values()];
  }
}

/**
 * Streams the chunks into one CSV file per label and relationship type, with the online loader's rows: the same
 * properties from the same row functions, so both paths make the same graph.
 */
export async function writeImportFiles(
  dir: string,
  datasetId: string,
  chunks: Iterable<DatasetChunk> | AsyncIterable<DatasetChunk>,
): Promise<ImportFiles> {
  mkdirSync(dir, { recursive: true });
  const nodes = new Map<RecordLabel, CsvFile>();
  for (const label of LOAD_ORDER) {
    nodes.set(label, await CsvFile.create(dir, `nodes-${label}`, label, ['id:ID'], { ...NODE_COLUMNS[label], ...RECORD_COLUMNS }));
  }
  const documents = await CsvFile.create(dir, 'nodes-Document', 'Document', [], DOCUMENT_COLUMNS);
  const relationships = new Map<RelationshipType, CsvFile>();
  for (const type of RELATIONSHIP_TYPES) {
    relationships.set(type, await CsvFile.create(dir, `relationships-${type}`, type, [':START_ID', ':END_ID'], LINK_COLUMNS[type] ?? {}));
  }
  const counts = { sources: 0, actors: 0, incidents: 0, explanations: 0, claims: 0, documents: 0 };
  try {
    for await (const chunk of chunks) {
      const explanations = chunk.explanations ?? [];
      for (const label of LOAD_ORDER) {
        const csv = nodes.get(label)!;
        const records = (label === 'Explanation' ? explanations : chunk[CHUNK_KEY[label]]) as never[];
        const rows = records.map((record) => ROW_OF[label](record));
        await csv.write(
          rows.map((row) => csv.record([row.id as string], row.id as string, { ...(row.props as Row), datasets: [datasetId] })),
        );
        counts[CHUNK_KEY[label]] += rows.length;
      }
      const documentRecords = documentRows(chunk.sources);
      await documents.write(documentRecords.map((row) => documents.record([], undefined, row)));
      counts.documents += documentRecords.length;
      const asDataset: Dataset = { dataset: { id: datasetId, title: datasetId }, ...chunk, explanations };
      const links = datasetLinks(asDataset);
      dedupeLinks(links);
      for (const type of RELATIONSHIP_TYPES) {
        const csv = relationships.get(type)!;
        // A relationship's empty lists are fixed from its start node, which owns it (MADE is the one link a claim owns
        // from its far end, and it carries no properties).
        await csv.write(links[type].map((link) => csv.record([link.from, link.to], link.from, link.props)));
      }
    }
  } finally {
    for (const csv of [...nodes.values(), documents, ...relationships.values()]) await csv.close();
  }
  const files: ImportFiles = {
    dir,
    nodes: [...[...nodes].map(([label, csv]) => ({ labels: `Record:${label}`, csv })), { labels: 'Document', csv: documents }].filter(
      (entry) => entry.csv.rows > 0,
    ),
    relationships: [...relationships].map(([type, csv]) => ({ type, csv })).filter((entry) => entry.csv.rows > 0),
    counts,
    bytes: 0,
  };
  files.bytes = [...files.nodes, ...files.relationships].reduce((sum, entry) => sum + statSync(entry.csv.file).size, 0);
  return files;
}

export interface ImporterOptions {
  home: string;
  javaHome?: string;
  /** The importer's JVM heap. */
  heap?: string;
  /** What the importer may use off the heap (its own page cache and id maps); by default it takes 90 % of free memory. */
  offHeap?: string;
  /** Replace the store files of an existing, empty database. */
  overwrite: boolean;
  log?: (line: string) => void;
}

/** Runs `neo4j-admin database import full` from the launcher's own classpath (Maven Central's import tool) into `home`. */
export async function runImporter(files: ImportFiles, options: ImporterOptions): Promise<void> {
  const log = options.log ?? (() => {});
  const java = findJava(options.javaHome);
  const classpath = ensureLauncherBuilt(java, log);
  const archive = classArchive({ javaHome: java.home, classpath, purpose: 'importer', dir: CLASS_ARCHIVE_DIR });
  const multiline = [...files.nodes, ...files.relationships].some((entry) => entry.csv.multiline);
  const args = [
    `-Xmx${options.heap ?? '1g'}`,
    '-XX:+ExitOnOutOfMemoryError',
    // What neo4j-admin's own launch script opens: the importer's off-heap buffers fail without java.nio.
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '--add-opens=java.base/java.lang=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    ...(java.major >= 21 ? ['--enable-native-access=ALL-UNNAMED'] : []),
    ...archive.args,
    '-cp',
    classpath.join(path.delimiter),
    'org.neo4j.cli.AdminTool',
    'database',
    'import',
    'full',
    // Before the file lists: --nodes takes every following word as a file.
    LAUNCHER_DATABASE,
    '--id-type=string',
    '--delimiter=,',
    `--array-delimiter=U+${ARRAY_DELIMITER.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`,
    `--multiline-fields=${multiline}`,
    `--overwrite-destination=${options.overwrite}`,
    `--report-file=${path.join(files.dir, 'import.report')}`,
    ...(options.offHeap === undefined ? [] : [`--max-off-heap-memory=${options.offHeap}`]),
    ...files.nodes.map((entry) => `--nodes=${entry.labels}=${entry.csv.file}`),
    ...files.relationships.map((entry) => `--relationships=${entry.type}=${entry.csv.file}`),
  ];
  // NEO4J_CONF is the home, where the launcher writes its neo4j.conf, so both read the same settings and directories.
  const child = spawn(path.join(java.home, 'bin', 'java'), args, {
    cwd: files.dir,
    env: { ...process.env, NEO4J_HOME: options.home, NEO4J_CONF: options.home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode) => {
      archive.settle(exitCode);
      resolve(exitCode);
    });
  });
  const lines = output.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('WARNING') && !/^[-.]{10} /.test(line));
  if (code !== 0) {
    throw new BulkImportError(`neo4j-admin database import full failed (exit ${code}):\n${lines.slice(-25).join('\n')}`);
  }
  const done = lines.findIndex((line) => line.startsWith('IMPORT DONE'));
  if (done >= 0) for (const line of lines.slice(done, done + 5)) log(`importer: ${line.trim()}`);
}

/** True when `home` holds store files of the launcher's database (an instance has run there, or an import). */
export function storeExists(home: string): boolean {
  return existsSync(path.join(home, 'data', 'databases', LAUNCHER_DATABASE));
}

/**
 * Where a configured first load may go: the local instance's home, only while no instance runs there.
 * A remote NEO4J_URI is refused: the importer writes store files, which only the local instance's are.
 */
export async function localBulkHome(config: Pick<Config, 'NEO4J_URI' | 'NEO4J_LOCAL_DIR'>): Promise<string> {
  if (config.NEO4J_URI !== undefined) {
    throw new BulkImportError(
      `--bulk writes the local Neo4j's store files offline and cannot load the server NEO4J_URI names (${config.NEO4J_URI}); unset NEO4J_URI, or load without --bulk`,
    );
  }
  const running = readInstanceRecord(config.NEO4J_LOCAL_DIR);
  if (running !== undefined && (await portAnswers(running.port))) {
    throw new BulkImportError(
      `--bulk needs the local Neo4j stopped, but one is running at ${running.uri} (pid ${running.pid}); stop it first, or load without --bulk`,
    );
  }
  return path.join(config.NEO4J_LOCAL_DIR, 'data');
}

export interface BulkLoadOptions {
  /** The local instance's home, as `startLocalNeo4j` is given it. It must be stopped. */
  home: string;
  header: BatchDatasetHeader;
  chunks: () => Iterable<DatasetChunk> | AsyncIterable<DatasetChunk>;
  /** Starts the instance on `home` and connects to it: once to check an existing store is empty, and after the import. */
  open: () => Promise<Database>;
  javaHome?: string;
  heap?: string;
  offHeap?: string;
  /** Where the CSV files go (default: a directory in `home`); removed afterwards. */
  workDir?: string;
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface BulkLoadSummary {
  dataset: string;
  nodes: number;
  relationships: number;
  csvBytes: number;
  milliseconds: number;
  /** Wall-clock milliseconds of each step, in order. */
  phases: { check: number; csv: number; importer: number; start: number; schema: number; emptyLists: number; tallies: number };
}

/** Refuses a database holding any node: the importer replaces the whole store, so only a first load may use it. */
async function assertEmpty(db: Database, home: string): Promise<void> {
  const result = await readTransaction(db, (tx) => tx.run('MATCH (n) RETURN count(n) AS nodes'), 60_000);
  const nodes = Number(fromInteger(result.records[0]!.get('nodes')));
  if (nodes > 0) {
    throw new BulkImportError(
      `--bulk loads only an empty database, and the one in ${home} holds ${nodes} nodes; load into it without --bulk ` +
        '(the online loader adds to what is there), or start from an empty NEO4J_LOCAL_DIR',
    );
  }
}

const SLICE = 10_000;

async function* idSlices(file: string): AsyncGenerator<string[]> {
  let slice: string[] = [];
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    if (line === '') continue;
    slice.push(line);
    if (slice.length === SLICE) {
      yield slice;
      slice = [];
    }
  }
  if (slice.length > 0) yield slice;
}

/** Gives the empty lists the importer left unset their `[]`, as the online loader stores them, a slice of owners per transaction. */
async function restoreEmptyLists(db: Database, files: ImportFiles, timeoutMs: number): Promise<void> {
  const set = (variable: string, columns: string[]) =>
    columns.map((name) => `${variable}.${name} = coalesce(${variable}.${name}, [])`).join(', ');
  const work = [
    ...files.nodes.map(({ labels, csv }) => ({
      csv,
      // Labels and property names come from the fixed tables above, never from the data.
      statement: `UNWIND $ids AS id MATCH (n:${labels} {id: id}) SET ${set('n', csv.listColumns)}`,
    })),
    ...files.relationships.map(({ type, csv }) => ({
      csv,
      statement: `UNWIND $ids AS id MATCH (:Record {id: id})-[r:${type}]->() SET ${set('r', csv.listColumns)}`,
    })),
  ].filter((entry) => entry.csv.hasEmptyLists);
  for (const { csv, statement } of work) {
    for await (const ids of idSlices(csv.emptyListFile)) await writeTransaction(db, (tx) => tx.run(statement, { ids }), timeoutMs);
  }
}

/**
 * Loads one dataset into an empty local database with Neo4j's importer, then makes it what the online loader makes:
 * the schema, the empty lists, the kept tallies and the Dataset node with its batch-progress markers, written last.
 * Returns the database open on the started instance; closing it is the caller's.
 */
export async function bulkLoad(options: BulkLoadOptions): Promise<{ db: Database; summary: BulkLoadSummary }> {
  const log = options.log ?? (() => {});
  const timeoutMs = options.timeoutMs ?? 600_000;
  const started = performance.now();
  let mark = started;
  const lap = () => {
    const now = performance.now();
    const ms = now - mark;
    mark = now;
    return ms;
  };
  const phases = { check: 0, csv: 0, importer: 0, start: 0, schema: 0, emptyLists: 0, tallies: 0 };

  const overwrite = storeExists(options.home);
  if (overwrite) {
    log(`checking that the database in ${options.home} is empty`);
    const existing = await options.open();
    try {
      await assertEmpty(existing, options.home);
    } finally {
      await existing.close();
    }
  }
  phases.check = lap();

  const dir = options.workDir ?? path.join(options.home, `bulk-import-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  const loadStartedAt = new Date().toISOString();
  let db: Database | undefined;
  try {
    const files = await writeImportFiles(dir, options.header.id, options.chunks());
    phases.csv = lap();
    log(`wrote ${(files.bytes / 1e6).toFixed(1)} MB of CSV in ${(phases.csv / 1000).toFixed(1)} s; running Neo4j's importer`);
    await runImporter(files, {
      home: options.home,
      javaHome: options.javaHome,
      heap: options.heap,
      offHeap: options.offHeap,
      overwrite,
      log,
    });
    phases.importer = lap();

    db = await options.open();
    phases.start = lap();
    for (const statement of SCHEMA_STATEMENTS) await writeTransaction(db, (tx) => tx.run(statement), 60_000);
    // ensureSchema's two-minute wait suits an empty database; here the indexes are built over the whole dataset.
    await readTransaction(
      db,
      (tx) => tx.run('CALL db.awaitIndexes($seconds)', { seconds: toInteger(timeoutMs / 1000) }),
      timeoutMs + 10_000,
    );
    phases.schema = lap();
    await restoreEmptyLists(db, files, timeoutMs);
    phases.emptyLists = lap();
    await rebuildStaleTallies(db, timeoutMs);
    phases.tallies = lap();
    const { counts } = files;
    const database = db;
    await writeTransaction(
      database,
      (tx) =>
        tx.run(
          `CREATE (d:Dataset {id: $id})
           SET d.title = $title, d.version = $version, d.fingerprint = $fingerprint, d.chunkCount = $chunkCount,
               d.complete = true, d.loadStartedAt = datetime($loadStartedAt), d.chunksDone = $chunkCount,
               d.sources = $sources, d.actors = $actors, d.incidents = $incidents, d.claims = $claims, d.loadedAt = datetime()`,
          {
            id: options.header.id,
            title: options.header.title,
            version: options.header.version ?? null,
            fingerprint: options.header.fingerprint,
            chunkCount: toInteger(options.header.chunkCount),
            loadStartedAt,
            sources: toInteger(counts.sources),
            actors: toInteger(counts.actors),
            incidents: toInteger(counts.incidents),
            claims: toInteger(counts.claims),
          },
        ),
      60_000,
    );
    const summary: BulkLoadSummary = {
      dataset: options.header.id,
      nodes: files.nodes.reduce((sum, entry) => sum + entry.csv.rows, 0),
      relationships: files.relationships.reduce((sum, entry) => sum + entry.csv.rows, 0),
      csvBytes: files.bytes,
      milliseconds: performance.now() - started,
      phases,
    };
    return { db, summary };
  } catch (error) {
    await db?.close();
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
