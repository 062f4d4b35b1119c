// The real tools the interchange tests open exports with: networkx 2.8 (Debian's) and 3.x (pip's), and the Gephi toolkit (built once with Maven).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../server/config';

/** Debian's python, not a pyenv one on PATH: python3-networkx (2.8.8 on Debian 12) is installed for it. */
export const DEBIAN_PYTHON = '/usr/bin/python3';

/** A virtual environment with networkx 3.x from pip, which .ci/run creates (`python3 -m venv .venv/networkx3`). */
export const NETWORKX3_PYTHON = path.join(PROJECT_ROOT, '.venv', 'networkx3', 'bin', 'python');

/** The networkx version a python imports, or the exact error when it cannot. */
export function networkxVersion(python = DEBIAN_PYTHON): { version?: string; error?: string } {
  const run = spawnSync(python, ['-c', 'import networkx; print(networkx.__version__)'], { encoding: 'utf8' });
  if (run.error !== undefined) return { error: run.error.message };
  return run.status === 0 ? { version: run.stdout.trim() } : { error: run.stderr.trim() };
}

export interface NetworkxGraph {
  className: string;
  nodes: number;
  edges: number;
  /** Each node's attributes as [python type name, value]. */
  nodeAttributes: Record<string, Record<string, [string, unknown]>>;
  /** Each edge's attributes by its edge id (the multigraph key, or the `id` attribute of a simple graph), as [python type name, value]. */
  edgeAttributes: Record<string, Record<string, [string, unknown]>>;
  graph: Record<string, unknown>;
}

// Reads every file named on the command line in one interpreter (each import of networkx costs a second or so) and
// prints a JSON list, one entry per file, in the order given. networkx reads a file with parallel edges as a
// multigraph keyed by edge id, and one without as a simple graph holding the edge id as the attribute `id`.
const READ_SCRIPT = `
import json, sys, networkx as nx
typed = lambda d: {k: [type(v).__name__, v] for k, v in d.items()}
def read(kind, path):
  g = nx.read_gexf(path) if kind == "gexf" else nx.read_graphml(path)
  return {
    "className": type(g).__name__,
    "nodes": g.number_of_nodes(),
    "edges": g.number_of_edges(),
    "nodeAttributes": {n: typed(d) for n, d in g.nodes(data=True)},
    "edgeAttributes": {str(k): typed(d) for u, v, k, d in g.edges(keys=True, data=True)} if g.is_multigraph()
      else {str(d.get("id")): typed(d) for u, v, d in g.edges(data=True)},
    "graph": {k: v for k, v in g.graph.items() if isinstance(v, (str, int, float))},
  }
print(json.dumps([read(kind, path) for kind, path in zip(sys.argv[1::2], sys.argv[2::2])], default=str))
`;

/** One file for networkx to read: GEXF or GraphML text. */
export interface NetworkxFile {
  kind: 'gexf' | 'graphml';
  text: string;
}

/** Reads GEXF and GraphML texts with networkx's own readers, whole, in one python run, and reports what each holds. */
export function readManyWithNetworkx(files: readonly NetworkxFile[], python = DEBIAN_PYTHON): NetworkxGraph[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'claim-graph-networkx-'));
  try {
    const args = files.flatMap((file, index) => {
      const written = path.join(dir, `export-${index}.${file.kind}`);
      writeFileSync(written, file.text);
      return [file.kind, written];
    });
    const run = spawnSync(python, ['-c', READ_SCRIPT, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`networkx (${python}) could not read the exports:\n${run.error?.message ?? run.stderr}`);
    return JSON.parse(run.stdout) as NetworkxGraph[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A CSV file as pandas reads it: its columns in order, and its rows as strings (empty fields stay ""). */
export interface PandasTable {
  columns: string[];
  rows: Array<Record<string, string>>;
}

// pandas.read_csv as an analyst calls it, with every field read as text so that the check sees exactly what was
// written; keep_default_na=False keeps empty fields "" rather than NaN.
const PANDAS_SCRIPT = `
import json, sys, pandas as pd
def read(path):
  frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
  return {"columns": list(frame.columns), "rows": frame.to_dict(orient="records")}
print(json.dumps([read(path) for path in sys.argv[1:]]))
`;

/** The pandas version Debian's python imports, or the exact error when it cannot. */
export function pandasVersion(): { version?: string; error?: string } {
  const run = spawnSync(DEBIAN_PYTHON, ['-c', 'import pandas; print(pandas.__version__)'], { encoding: 'utf8' });
  if (run.error !== undefined) return { error: run.error.message };
  return run.status === 0 ? { version: run.stdout.trim() } : { error: run.stderr.trim() };
}

/** Reads CSV texts with pandas (python3-pandas), in one python run. */
export function readManyWithPandas(texts: readonly string[]): PandasTable[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'claim-graph-pandas-'));
  try {
    const files = texts.map((text, index) => {
      const written = path.join(dir, `table-${index}.csv`);
      writeFileSync(written, text);
      return written;
    });
    const run = spawnSync(DEBIAN_PYTHON, ['-c', PANDAS_SCRIPT, ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`pandas could not read the tables:\n${run.error?.message ?? run.stderr}`);
    return JSON.parse(run.stdout) as PandasTable[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads one GEXF or GraphML text with networkx's own reader, whole, and reports what it holds. */
export function readWithNetworkx(kind: 'gexf' | 'graphml', text: string, python = DEBIAN_PYTHON): NetworkxGraph {
  return readManyWithNetworkx([{ kind, text }], python)[0]!;
}

const GEPHI_DIR = path.join(PROJECT_ROOT, 'tests', 'tools', 'gephi');

/** Builds the Gephi check with Maven unless its jar is newer than its sources, and returns its classpath. */
export function gephiClasspath(): string[] {
  const target = path.join(GEPHI_DIR, 'target');
  const classpathFile = path.join(target, 'classpath.txt');
  const jar = path.join(target, 'gephi-check-1.0.0.jar');
  const sources = [path.join(GEPHI_DIR, 'pom.xml'), ...javaFiles(path.join(GEPHI_DIR, 'src'))];
  const newest = Math.max(...sources.map((file) => statSync(file).mtimeMs));
  if (!existsSync(classpathFile) || !existsSync(jar) || statSync(jar).mtimeMs < newest) {
    const build = spawnSync('mvn', ['-q', '-B', 'package'], { cwd: GEPHI_DIR, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (build.error !== undefined || build.status !== 0) {
      throw new Error(
        `building the Gephi check failed (mvn exit ${build.status ?? build.error?.message}):\n${build.stdout}${build.stderr}`,
      );
    }
  }
  return [jar, ...readFileSync(classpathFile, 'utf8').trim().split(path.delimiter)];
}

function javaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? javaFiles(path.join(dir, entry.name)) : entry.name.endsWith('.java') ? [path.join(dir, entry.name)] : [],
  );
}

export interface GephiReport {
  /** The job's index among those given, and its files as written for Gephi. */
  job: number;
  files: string[];
  verified: boolean[];
  nodes: number;
  edges: number;
  dynamic: boolean;
  minWeight: number;
  edgeTypes: Record<string, number>;
  nodeColumns: Record<string, string>;
  edgeColumns: Record<string, string>;
  intervals: Record<string, Array<[string, string]>>;
  bounds: { minX: number; maxX: number; minY: number; maxY: number };
  issues: Array<{ file: string; level: 'INFO' | 'WARNING' | 'SEVERE' | 'CRITICAL'; message: string }>;
}

/** One import, as a user makes it in Gephi: one GEXF or GraphML file, or nodes.csv and edges.csv, by file name. */
export type GephiJob = Record<string, string | Uint8Array>;

/**
 * Imports every job with the Gephi toolkit in one JVM (each start costs seconds), each into a workspace of its own,
 * verifies it and runs ForceAtlas2; returns one report per job, in the order given. A job the toolkit failed on
 * throws, naming its files and the error.
 */
export function openManyWithGephi(jobs: readonly GephiJob[]): GephiReport[] {
  const root = mkdtempSync(path.join(os.tmpdir(), 'claim-graph-gephi-'));
  try {
    return gephiReports(root, jobs);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function gephiReports(root: string, jobs: readonly GephiJob[]): GephiReport[] {
  const args = jobs.map((files, index) => {
    // A folder per job, so two jobs' nodes.csv never meet; the files of one job in the order given (nodes before edges).
    const dir = path.join(root, String(index));
    mkdirSync(dir);
    return Object.entries(files)
      .map(([name, body]) => {
        const file = path.join(dir, name);
        writeFileSync(file, body);
        return file;
      })
      .join(path.delimiter);
  });
  const run = spawnSync(
    'java',
    ['-Djava.awt.headless=true', '-cp', gephiClasspath().join(path.delimiter), 'org.claimgraph.gephi.GephiCheck', ...args],
    {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  if (run.status !== 0)
    throw new Error(`Gephi stopped (exit ${run.status ?? run.error?.message}):\n${run.stderr.split('\n').slice(-30).join('\n')}`);
  // The toolkit logs to stderr; its own lines on stdout are the reports.
  const lines = run.stdout.split('\n').filter((line) => line.startsWith('{"job":'));
  const reports = lines.map((line) => JSON.parse(line) as GephiReport & { error?: string });
  if (reports.length !== jobs.length) throw new Error(`Gephi reported ${reports.length} of ${jobs.length} imports:\n${run.stdout}`);
  for (const report of reports)
    if (report.error !== undefined) throw new Error(`Gephi could not open ${report.files.join(', ')}: ${report.error}`);
  return reports;
}

/** Imports one job (one GEXF or GraphML, or nodes.csv then edges.csv) with the Gephi toolkit and runs ForceAtlas2. */
export function openWithGephi(files: GephiJob): GephiReport {
  return openManyWithGephi([files])[0]!;
}
