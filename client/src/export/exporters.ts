// Serializers for the current view: GEXF, GraphML, JSON, CSV and SVG as strings, written from the graphology graph alone (no DOM).
// The reference (not an import) also brings the declaration into the Node typecheck of the tests that import this file.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../vendor.d.ts" />
import writeGexf from 'graphology-gexf/browser/writer';
import type { ExplorerGraph, ViewEdgeAttributes, ViewNodeAttributes } from '../core/graph/graphData';
import { createExplorerGraph } from '../core/graph/graphData';
import { BACKGROUND_COLOR, EDGE_STYLES, LABEL_COLOR, NODE_TYPE_STYLE, type Shape } from '../core/graph/style';

export const EXPORT_FORMATS = ['png', 'svg', 'gexf', 'graphml', 'json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Attributes that are display state, not data, and stay out of the data formats' attribute lists. */
const DISPLAY_KEYS = new Set(['x', 'y', 'size', 'color', 'shortLabel', 'hidden', 'highlighted', 'zIndex', 'forceLabel']);

/** The part of the graph on screen: the nodes in `visible` (all when null) and the edges between them. */
export function viewSubgraph(graph: ExplorerGraph, visible: ReadonlySet<string> | null): ExplorerGraph {
  const view = createExplorerGraph();
  graph.forEachNode((node, attributes) => {
    if (visible === null || visible.has(node)) view.addNode(node, { ...attributes });
  });
  graph.forEachEdge((edge, attributes, source, target) => {
    if (view.hasNode(source) && view.hasNode(target)) view.addDirectedEdgeWithKey(edge, source, target, { ...attributes });
  });
  return view;
}

/** Data attributes as flat scalars: arrays joined with "; ", objects as JSON, display state left out. */
function dataAttributes(attributes: Record<string, unknown>): Record<string, string | number | boolean> {
  const flat: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (DISPLAY_KEYS.has(key) || value === undefined || value === null) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') flat[key] = value;
    else if (Array.isArray(value)) flat[key] = value.map(String).join('; ');
    else flat[key] = JSON.stringify(value);
  }
  return flat;
}

/** GEXF's viz shapes are disc, square, triangle, diamond and image: a hexagon is written as a disc. */
const GEXF_SHAPES: Record<Shape, string> = { circle: 'disc', square: 'square', diamond: 'diamond', triangle: 'triangle', hexagon: 'disc' };

export function toGexf(graph: ExplorerGraph): string {
  return writeGexf<ViewNodeAttributes, ViewEdgeAttributes>(graph, {
    version: '1.3',
    formatNode: (_key, attributes) => ({
      label: attributes.label,
      viz: {
        color: attributes.color,
        size: attributes.size,
        x: attributes.x,
        y: attributes.y,
        shape: GEXF_SHAPES[NODE_TYPE_STYLE[attributes.type].shape],
      },
      attributes: dataAttributes(attributes),
    }),
    formatEdge: (_key, attributes) => ({
      label: attributes.type,
      viz: { color: attributes.color, thickness: attributes.size },
      attributes: dataAttributes(attributes),
    }),
  });
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char] as string);
}

type GraphmlType = 'string' | 'double' | 'boolean';

/** GraphML 1.0 with a <key> per attribute name and type; graphology-graphml only parses, so this writes it. */
export function toGraphml(graph: ExplorerGraph): string {
  const keys = new Map<string, { id: string; domain: 'node' | 'edge'; name: string; type: GraphmlType }>();
  const keyFor = (domain: 'node' | 'edge', name: string, value: string | number | boolean): string => {
    const type: GraphmlType = typeof value === 'number' ? 'double' : typeof value === 'boolean' ? 'boolean' : 'string';
    const mapKey = `${domain}:${name}`;
    const existing = keys.get(mapKey);
    if (existing !== undefined) {
      // A name seen with two types is written as a string from then on.
      if (existing.type !== type) existing.type = 'string';
      return existing.id;
    }
    const id = `${domain === 'node' ? 'n' : 'e'}${keys.size}`;
    keys.set(mapKey, { id, domain, name, type });
    return id;
  };
  const nodeData = (attributes: ViewNodeAttributes) => ({
    ...dataAttributes(attributes),
    x: attributes.x,
    y: attributes.y,
    size: attributes.size,
    color: attributes.color,
  });
  const body: string[] = [];
  graph.forEachNode((node, attributes) => {
    const data = Object.entries(nodeData(attributes)).map(
      ([name, value]) => `      <data key="${keyFor('node', name, value)}">${escapeXml(String(value))}</data>`,
    );
    body.push(`    <node id="${escapeXml(node)}">`, ...data, '    </node>');
  });
  graph.forEachEdge((edge, attributes, source, target) => {
    const all = { ...dataAttributes(attributes), color: attributes.color };
    const data = Object.entries(all).map(
      ([name, value]) => `      <data key="${keyFor('edge', name, value)}">${escapeXml(String(value))}</data>`,
    );
    body.push(`    <edge id="${escapeXml(edge)}" source="${escapeXml(source)}" target="${escapeXml(target)}">`, ...data, '    </edge>');
  });
  const declarations = [...keys.values()].map(
    (key) => `  <key id="${key.id}" for="${key.domain}" attr.name="${escapeXml(key.name)}" attr.type="${key.type}"/>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...declarations,
    '  <graph id="G" edgedefault="directed">',
    ...body,
    '  </graph>',
    '</graphml>',
    '',
  ].join('\n');
}

/** graphology's serialized form, the same shape the API sends: `graph.import()` reads it back. */
export function toJson(graph: ExplorerGraph): string {
  const exported = graph.export();
  for (const node of exported.nodes) if (node.attributes !== undefined) delete (node.attributes as Partial<ViewNodeAttributes>).shortLabel;
  return `${JSON.stringify(exported, null, 2)}\n`;
}

/** One CSV field per RFC 4180: quoted when it holds a comma, quote or line break. */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = Array.isArray(value) ? value.map(String).join('; ') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const NODE_COLUMNS = [
  'id',
  'type',
  'label',
  'kind',
  'stance',
  'confidence',
  'hedge',
  'date',
  'datePrecision',
  'text',
  'quote',
  'x',
  'y',
  'color',
] as const;
const EDGE_COLUMNS = ['key', 'source', 'target', 'type', 'stance', 'role', 'certainty'] as const;

/** Two CSV tables, nodes and edges, with CRLF line ends. */
export function toCsv(graph: ExplorerGraph): { nodes: string; edges: string } {
  const nodes = [NODE_COLUMNS.join(',')];
  graph.forEachNode((node, attributes) => {
    const record: Record<string, unknown> = { ...attributes, id: node };
    nodes.push(NODE_COLUMNS.map((column) => csvField(record[column])).join(','));
  });
  const edges = [EDGE_COLUMNS.join(',')];
  graph.forEachEdge((edge, attributes, source, target) => {
    const record: Record<string, unknown> = { ...attributes, key: edge, source, target };
    edges.push(EDGE_COLUMNS.map((column) => csvField(record[column])).join(','));
  });
  return { nodes: `${nodes.join('\r\n')}\r\n`, edges: `${edges.join('\r\n')}\r\n` };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** SVG path or element for a node shape of radius r at (x, y). */
function svgShape(shape: Shape, x: number, y: number, r: number, fill: string): string {
  switch (shape) {
    case 'circle':
      return `<circle cx="${round(x)}" cy="${round(y)}" r="${round(r)}" fill="${fill}"/>`;
    case 'square': {
      const half = r * 0.9;
      return `<rect x="${round(x - half)}" y="${round(y - half)}" width="${round(2 * half)}" height="${round(2 * half)}" fill="${fill}"/>`;
    }
    case 'diamond': {
      const d = r * 1.25;
      return `<path d="M${round(x)} ${round(y - d)}L${round(x + d)} ${round(y)}L${round(x)} ${round(y + d)}L${round(x - d)} ${round(y)}Z" fill="${fill}"/>`;
    }
    case 'hexagon': {
      const d = r * 1.05;
      const corners = [0, 60, 120, 180, 240, 300].map((angle) => {
        const rad = (angle * Math.PI) / 180;
        return `${round(x + d * Math.cos(rad))} ${round(y + d * Math.sin(rad))}`;
      });
      return `<path d="M${corners.join('L')}Z" fill="${fill}"/>`;
    }
    case 'triangle': {
      const d = r * 1.3;
      return `<path d="M${round(x)} ${round(y - d)}L${round(x + d * 0.866)} ${round(y + d * 0.5)}L${round(x - d * 0.866)} ${round(y + d * 0.5)}Z" fill="${fill}"/>`;
    }
  }
}

export interface SvgOptions {
  /** Width of the drawing in pixels; the height follows the graph's proportions. */
  width?: number;
  /** Draw labels for nodes at least this large (0 for all). */
  labelMinSize?: number;
  /** Colour overrides (e.g. dimmed nodes) by node id. */
  nodeColor?: (node: string, attributes: ViewNodeAttributes) => string;
}

/** A standalone SVG of the graph at its layout positions (y flipped, as sigma draws it). */
export function toSvg(graph: ExplorerGraph, options: SvgOptions = {}): string {
  const width = options.width ?? 1600;
  const labelMinSize = options.labelMinSize ?? 9;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  graph.forEachNode((_node, { x, y }) => {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, -y);
    maxY = Math.max(maxY, -y);
  });
  if (graph.order === 0) {
    minX = minY = 0;
    maxX = maxY = 1;
  }
  const margin = 40;
  const spanX = Math.max(maxX - minX, 1e-9);
  const spanY = Math.max(maxY - minY, 1e-9);
  const scale = (width - 2 * margin) / Math.max(spanX, spanY);
  const height = Math.max(200, Math.round(spanY * scale + 2 * margin));
  const px = (x: number) => margin + (x - minX) * scale;
  const py = (y: number) => margin + (-y - minY) * scale;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">`,
    `<rect width="100%" height="100%" fill="${BACKGROUND_COLOR}"/>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="context-stroke"/></marker></defs>',
    '<g class="edges" stroke-opacity="0.8">',
  ];
  graph.forEachEdge((_edge, attributes, source, target) => {
    const s = graph.getNodeAttributes(source);
    const t = graph.getNodeAttributes(target);
    const arrow = EDGE_STYLES[attributes.type].shape === 'line' ? '' : ' marker-end="url(#arrow)"';
    parts.push(
      `<line x1="${round(px(s.x))}" y1="${round(py(s.y))}" x2="${round(px(t.x))}" y2="${round(py(t.y))}" stroke="${attributes.color}" stroke-width="${attributes.size}"${arrow}><title>${escapeXml(attributes.type)}</title></line>`,
    );
  });
  parts.push('</g>', '<g class="nodes">');
  const labels: string[] = [];
  graph.forEachNode((node, attributes) => {
    const fill = options.nodeColor?.(node, attributes) ?? attributes.color;
    const x = px(attributes.x);
    const y = py(attributes.y);
    parts.push(
      `<g><title>${escapeXml(attributes.label)}</title>${svgShape(NODE_TYPE_STYLE[attributes.type].shape, x, y, attributes.size, fill)}</g>`,
    );
    if (attributes.size >= labelMinSize) {
      labels.push(
        `<text x="${round(x + attributes.size + 3)}" y="${round(y + 4)}" font-size="12" fill="${LABEL_COLOR}">${escapeXml(attributes.shortLabel || attributes.label)}</text>`,
      );
    }
  });
  parts.push('</g>', '<g class="labels">', ...labels, '</g>', '</svg>', '');
  return parts.join('\n');
}
