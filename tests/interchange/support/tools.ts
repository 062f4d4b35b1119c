// The real tools the interchange tests open exports with: networkx 2.8 (Debian's) and 3.x (pip's), and the Gephi toolkit (built once with Maven).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
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
  /** Each edge's attributes by its key (the edge id), as [python type name, value]. */
  edgeAttributes: Record<string, Record<string, [string, unknown]>>;
  graph: Record<string, unknown>;
}

const READ_SCRIPT = `
import json, sys, networkx as nx
kind, path = sys.argv[1], sys.argv[2]
g = nx.read_gexf(path) if kind == "gexf" else nx.read_graphml(path)
typed = lambda d: {k: [type(v).__name__, v] for k, v in d.items()}
print(json.dumps({
  "className": type(g).__name__,
  "nodes": g.number_of_nodes(),
  "edges": g.number_of_edges(),
  "nodeAttributes": {n: typed(d) for n, d in g.nodes(data=True)},
  "edgeAttributes": {str(k): typed(d) for u, v, k, d in g.edges(keys=True, data=True)},
  "graph": {k: v for k, v in g.graph.items() if isinstance(v, (str, int, float))},
}, default=str))
`;

/** Reads a GEXF or GraphML text with networkx's own reader, whole, and reports what it holds. */
export function readWithNetworkx(kind: 'gexf' | 'graphml', text: string, python = DEBIAN_PYTHON): NetworkxGraph {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'claim-graph-networkx-')), `export.${kind}`);
  writeFileSync(file, text);
  const run = spawnSync(python, ['-c', READ_SCRIPT, kind, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`networkx could not read the ${kind} export:\n${run.stderr}`);
  return JSON.parse(run.stdout) as NetworkxGraph;
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

/** Imports files (one GEXF or GraphML, or nodes.csv then edges.csv) with the Gephi toolkit and runs ForceAtlas2. */
export function openWithGephi(files: Record<string, string | Uint8Array>): GephiReport {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'claim-graph-gephi-'));
  const paths = Object.entries(files).map(([name, body]) => {
    const file = path.join(dir, name);
    writeFileSync(file, body);
    return file;
  });
  const run = spawnSync(
    'java',
    ['-Djava.awt.headless=true', '-cp', gephiClasspath().join(path.delimiter), 'org.claimgraph.gephi.GephiCheck', ...paths],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (run.status !== 0)
    throw new Error(`Gephi could not open ${Object.keys(files).join(', ')}:\n${run.stderr.split('\n').slice(-30).join('\n')}`);
  return JSON.parse(run.stdout) as GephiReport;
}
