// The export formats a graph view can be downloaded in, and the one function the API route calls to render any of them.
import type { SerializedGraph } from '../model/wire';
import { InterchangeError, sortedEdges, sortedNodes, type ExportMeta } from './common';
import { toCsvZip } from './csv';
import { toCypher } from './cypher';
import { toGexf } from './gexf';
import { toGraphml } from './graphml';
import { toStixBundle } from './stix';

export { InterchangeError, type ExportMeta } from './common';
export { toGexf } from './gexf';
export { toGraphml } from './graphml';
export { toNodesCsv, toEdgesCsv, toCsvZip } from './csv';
export { toCypher } from './cypher';
export {
  toStixBundle,
  fromStixBundle,
  importStixBundle,
  confidenceFromScale,
  stixId,
  CONFIDENCE_SCALE,
  StixValidationError,
  describeIssue,
  type StixBundle,
  type StixObject,
  type StixIssue,
  type StixImportResult,
  type SkippedStixObject,
} from './stix';

export const EXPORT_FORMATS = [
  {
    format: 'stix',
    contentType: 'application/stix+json;version=2.1',
    extension: 'stix.json',
    description: 'STIX 2.1 bundle (OpenCTI, MISP)',
  },
  {
    format: 'gexf',
    contentType: 'application/gexf+xml',
    extension: 'gexf',
    description: 'GEXF 1.2draft with a timeline (Gephi, networkx)',
  },
  { format: 'graphml', contentType: 'application/graphml+xml', extension: 'graphml', description: 'GraphML (networkx, yEd, Gephi)' },
  {
    format: 'csv',
    contentType: 'application/zip',
    extension: 'csv.zip',
    description: 'nodes.csv and edges.csv in a zip (Gephi spreadsheet import, Neo4j LOAD CSV)',
  },
  { format: 'json', contentType: 'application/json', extension: 'json', description: "graphology's serialized graph" },
  // text/plain rather than an unregistered cypher type, so a browser shows the script instead of refusing it.
  { format: 'cypher', contentType: 'text/plain; charset=utf-8', extension: 'cypher', description: 'Cypher MERGE script (Neo4j)' },
] as const satisfies ReadonlyArray<{ format: string; contentType: string; extension: string; description: string }>;

export type ExportFormat = (typeof EXPORT_FORMATS)[number]['format'];

export function isExportFormat(value: unknown): value is ExportFormat {
  return EXPORT_FORMATS.some((info) => info.format === value);
}

export interface RenderedExport {
  body: string | Buffer;
  contentType: string;
  /** A safe file name for Content-Disposition: letters, digits, dot, dash and underscore only. */
  filename: string;
}

/** The meta every format takes, plus an optional base for the file name (default "claim-graph"). */
export interface RenderMeta extends ExportMeta {
  basename?: string;
}

/** The requested format is not one of EXPORT_FORMATS (code `unknown_export_format`): the client's fault, unlike a malformed graph. */
export class UnknownExportFormatError extends InterchangeError {
  constructor(format: string) {
    super('format', `one of ${EXPORT_FORMATS.map((info) => info.format).join(', ')}`, format, 'unknown_export_format');
  }
}

function safeBasename(basename: string | undefined): string {
  // Only name characters survive, and no ".." or leading dot, so the name is safe in Content-Disposition and on any file system.
  const cleaned = (basename ?? '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 100);
  return cleaned === '' ? 'claim-graph' : cleaned;
}

/** Whether two edges join the same nodes in the same direction, which graphology accepts only in a multi graph. */
function hasParallelEdges(graph: SerializedGraph): boolean {
  const pairs = new Set<string>();
  for (const edge of graph.edges) {
    const pair = JSON.stringify([edge.source, edge.target]);
    if (pairs.has(pair)) return true;
    pairs.add(pair);
  }
  return false;
}

/**
 * graphology's own format, with nodes and edges sorted by key and the export's title and time in the graph attributes.
 * A view with parallel edges (a claim that accuses one actor of two incidents, or supports and cites one claim) is
 * marked `multi`, so `Graph.from` reads it back.
 */
function toJson(graph: SerializedGraph, meta: ExportMeta): string {
  const sorted: SerializedGraph = {
    ...graph,
    options: graph.options.multi || !hasParallelEdges(graph) ? graph.options : { ...graph.options, multi: true },
    attributes: { ...graph.attributes, title: meta.title, generatedAt: meta.generatedAt },
    nodes: sortedNodes(graph),
    edges: sortedEdges(graph),
  };
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

function renderBody(format: ExportFormat, graph: SerializedGraph, meta: ExportMeta): string | Buffer {
  switch (format) {
    case 'stix':
      return `${JSON.stringify(toStixBundle(graph, meta), null, 2)}\n`;
    case 'gexf':
      return toGexf(graph, meta);
    case 'graphml':
      return toGraphml(graph, meta);
    case 'csv':
      return toCsvZip(graph);
    case 'json':
      return toJson(graph, meta);
    case 'cypher':
      return toCypher(graph, meta.documents);
  }
}

/**
 * Renders a view in one of the export formats. Throws UnknownExportFormatError (`unknown_export_format`) for a
 * format not in EXPORT_FORMATS and InterchangeError (`unexportable_graph`) for a malformed graph, naming the node or edge.
 */
export function renderExport(format: string, graph: SerializedGraph, meta: RenderMeta): RenderedExport {
  const info = EXPORT_FORMATS.find((candidate) => candidate.format === format);
  if (info === undefined) throw new UnknownExportFormatError(format);
  return {
    body: renderBody(info.format, graph, meta),
    contentType: info.contentType,
    filename: `${safeBasename(meta.basename)}.${info.extension}`,
  };
}
