// The image exports of the view on screen: an SVG (and, rasterised from it, a PNG) with a title naming the view and its
// parameters, a legend of the node types and stances drawn, and the export date. Data formats come from GET /api/export.
import type { ExplorerGraph, ViewNodeAttributes } from '../core/graph/graphData';
import { createExplorerGraph } from '../core/graph/graphData';
import {
  ACTOR_KIND_COLORS,
  ACTOR_KIND_LABELS,
  BACKGROUND_COLOR,
  EDGE_STYLES,
  LABEL_COLOR,
  NODE_TYPE_STYLE,
  STANCE_COLORS,
  STANCE_KEYS,
  STANCE_LABELS,
  isActorKind,
  stanceKey,
  type Shape,
} from '../core/graph/style';
import { isDefaultFilters } from '../core/filters';
import type { ViewState } from '../core/state/urlState';
import { ACTOR_KINDS, RECORD_TYPES } from '../../../server/model/vocabulary';

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

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char] as string);
}

/** The view and its parameters in words, e.g. "Paths from anonymous to fbi · types: actor, claim · until 2014-12-19". */
export function describeView(state: ViewState): string {
  const view =
    state.mode === 'attribution' && state.focus !== null
      ? `Attribution of ${state.focus}`
      : state.mode === 'paths' && state.from !== null && state.to !== null
        ? `Paths from ${state.from} to ${state.to}`
        : state.mode === 'chain' && state.focus !== null
          ? `Evidence chain ${state.direction} of ${state.focus}`
          : state.focus !== null
            ? `Neighbourhood of ${state.focus}`
            : 'Whole graph';
  const parts = [view];
  const { filters } = state;
  if (!isDefaultFilters(filters)) {
    if (!RECORD_TYPES.every((type) => filters.types.includes(type))) parts.push(`types: ${filters.types.join(', ') || 'none'}`);
    if (!ACTOR_KINDS.every((kind) => filters.kinds.includes(kind))) parts.push(`actor kinds: ${filters.kinds.join(', ') || 'none'}`);
    if (!STANCE_KEYS.every((s) => filters.stances.includes(s))) parts.push(`stances: ${filters.stances.join(', ') || 'none'}`);
    if (filters.source !== null) parts.push(`source: ${filters.source}`);
    if (filters.until !== null) parts.push(`until ${filters.until}`);
  }
  return parts.join(' · ');
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
  /** The title line: the view and its parameters (describeView). */
  title?: string;
  /** The export date written under the title; now when left out. */
  date?: Date;
}

/** The legend's entries, as drawn: actors by kind, claims by stance, the other node types by type; only what the view holds. */
export function legendEntries(graph: ExplorerGraph): Array<{ shape: Shape; color: string; label: string }> {
  const types = new Set<string>();
  const kinds = new Set<string>();
  const stances = new Set<string>();
  let otherActors = false;
  graph.forEachNode((_node, attributes) => {
    types.add(attributes.type);
    if (attributes.type === 'claim') stances.add(stanceKey(attributes.stance));
    if (attributes.type === 'actor') {
      if (isActorKind(attributes.kind)) kinds.add(attributes.kind);
      else otherActors = true;
    }
  });
  const entries: Array<{ shape: Shape; color: string; label: string }> = [];
  const { shape: actorShape } = NODE_TYPE_STYLE.actor;
  for (const type of RECORD_TYPES) {
    if (!types.has(type)) continue;
    if (type === 'actor') {
      for (const kind of ACTOR_KINDS)
        if (kinds.has(kind))
          entries.push({ shape: actorShape, color: ACTOR_KIND_COLORS[kind], label: `Actor: ${ACTOR_KIND_LABELS[kind]}` });
      if (otherActors) entries.push({ shape: actorShape, color: NODE_TYPE_STYLE.actor.color, label: 'Actor: other kind' });
    } else if (type === 'claim') {
      for (const stance of STANCE_KEYS)
        if (stances.has(stance))
          entries.push({ shape: NODE_TYPE_STYLE.claim.shape, color: STANCE_COLORS[stance], label: `Claim: ${STANCE_LABELS[stance]}` });
    } else {
      entries.push({ shape: NODE_TYPE_STYLE[type].shape, color: NODE_TYPE_STYLE[type].color, label: NODE_TYPE_STYLE[type].label });
    }
  }
  return entries;
}

const HEADER_HEIGHT = 64;
const LEGEND_ROW = 20;
const LEGEND_WIDTH = 300;

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
  const legend = legendEntries(graph);
  const top = HEADER_HEIGHT;
  const legendHeight = legend.length * LEGEND_ROW + 16;
  const spanX = Math.max(maxX - minX, 1e-9);
  const spanY = Math.max(maxY - minY, 1e-9);
  // The legend has its own column on the right, so it never covers a node.
  const scale = Math.min((width - 2 * margin - LEGEND_WIDTH) / spanX, (width - 2 * margin) / Math.max(spanX, spanY));
  const height = top + Math.max(200, legendHeight, Math.round(spanY * scale + 2 * margin));
  const px = (x: number) => margin + (x - minX) * scale;
  const py = (y: number) => top + margin + (-y - minY) * scale;
  const title = options.title ?? 'Claim graph';
  const date = (options.date ?? new Date()).toISOString();
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
  parts.push('</g>', '<g class="labels">', ...labels, '</g>');
  parts.push(
    '<g class="title">',
    `<text x="16" y="28" font-size="18" font-weight="600" fill="${LABEL_COLOR}">${escapeXml(title)}</text>`,
    `<text x="16" y="50" font-size="12" fill="${LABEL_COLOR}">Exported ${escapeXml(date.slice(0, 16).replace('T', ' '))} UTC · ${graph.order} nodes, ${graph.size} edges</text>`,
    '</g>',
    '<g class="legend">',
  );
  const legendWidth = LEGEND_WIDTH - 12;
  const legendX = width - legendWidth - 12;
  parts.push(
    `<rect x="${legendX}" y="${top}" width="${legendWidth}" height="${legendHeight}" fill="#ffffff" fill-opacity="0.9" stroke="#dadce0"/>`,
  );
  legend.forEach((entry, index) => {
    const y = top + 8 + index * LEGEND_ROW + LEGEND_ROW / 2;
    parts.push(
      svgShape(entry.shape, legendX + 16, y, 6, entry.color),
      `<text x="${legendX + 30}" y="${y + 4}" font-size="12" fill="${LABEL_COLOR}">${escapeXml(entry.label)}</text>`,
    );
  });
  parts.push('</g>', '</svg>', '');
  return parts.join('\n');
}
