// The claimant network drawn as an SVG at its own layout (core/analysis.ts networkLayout): claimants coloured by kind and
// sized by activity, ties coloured by sign and as thick as their weight. The panel shows this string; PNG and SVG export it.
import type { NetworkMode } from '../../../server/model/vocabulary';
import { layoutWeight, networkLayout, type ClaimantNetwork, type Point } from '../core/analysis';
import { ACTOR_KIND_COLORS, LABEL_COLOR, NODE_TYPE_STYLE, PAGE_COLORS, TIE_COLORS, isActorKind, shortLabel } from '../core/graph/style';
import { escapeXml } from './image';

/** A tie's colour: opposition for a conflict tie or a negative subtract weight, agreement otherwise. */
export function tieColor(mode: NetworkMode, weight: number): string {
  return layoutWeight(mode, weight) < 0 ? TIE_COLORS.oppose : TIE_COLORS.agree;
}

/** Claimants in the order the layout starts them round the circle: by independent group, then by id, so allies start together. */
export function layoutOrder(network: ClaimantNetwork): string[] {
  return [...network.nodes]
    .sort(
      (a, b) => String(a.attributes.independentGroup).localeCompare(String(b.attributes.independentGroup)) || a.key.localeCompare(b.key),
    )
    .map((node) => node.key);
}

export function networkPositions(network: ClaimantNetwork): Map<string, Point> {
  const mode = network.attributes.mode;
  return networkLayout(
    layoutOrder(network),
    network.edges.map((edge) => ({ source: edge.source, target: edge.target, weight: layoutWeight(mode, edge.attributes.weight) })),
  );
}

export interface NetworkSvgOptions {
  width?: number;
  /** A title line over the drawing (the exports have one; the panel does not need it). */
  title?: string;
  /** The claimant whose ties are lit; the others are drawn faint. */
  selected?: string | null;
}

export function networkSvg(network: ClaimantNetwork, positions: ReadonlyMap<string, Point>, options: NetworkSvgOptions = {}): string {
  const width = options.width ?? 640;
  const top = options.title === undefined ? 0 : 56;
  const height = Math.round(width * 0.75) + top;
  const margin = 70;
  // The layout's units are arbitrary: its bounding box is fitted to the drawing, keeping its proportions.
  const points = [...positions.values()];
  const minX = Math.min(0, ...points.map((point) => point.x));
  const maxX = Math.max(0, ...points.map((point) => point.x));
  const minY = Math.min(0, ...points.map((point) => point.y));
  const maxY = Math.max(0, ...points.map((point) => point.y));
  const scale = Math.min((width - 2 * margin) / Math.max(1e-9, maxX - minX), (height - top - margin) / Math.max(1e-9, maxY - minY));
  const offsetX = (width - (maxX - minX) * scale) / 2;
  const offsetY = top + (height - top - (maxY - minY) * scale) / 2;
  const px = (point: Point) => offsetX + (point.x - minX) * scale;
  const py = (point: Point) => offsetY + (maxY - point.y) * scale;
  const strongest = Math.max(1e-9, ...network.edges.map((edge) => Math.abs(edge.attributes.weight)));
  const mostActive = Math.max(1e-9, ...network.nodes.map((node) => node.attributes.activity));
  const selected = options.selected ?? null;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="network-drawing" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" role="group" aria-label="Claimant network">`,
    `<rect width="100%" height="100%" fill="${PAGE_COLORS.bg}"/>`,
  ];
  if (options.title !== undefined)
    parts.push(`<text x="12" y="26" font-size="15" font-weight="600" fill="${LABEL_COLOR}">${escapeXml(options.title)}</text>`);
  for (const edge of network.edges) {
    const a = positions.get(edge.source);
    const b = positions.get(edge.target);
    if (a === undefined || b === undefined) continue;
    const lit = selected === null || edge.source === selected || edge.target === selected;
    const { weight, congruence, conflict } = edge.attributes;
    parts.push(
      `<line class="tie" data-tie="${escapeXml(edge.key)}" x1="${px(a).toFixed(1)}" y1="${py(a).toFixed(1)}" x2="${px(b).toFixed(1)}" y2="${py(b).toFixed(1)}" stroke="${tieColor(network.attributes.mode, weight)}" stroke-opacity="${lit ? 0.8 : 0.12}" stroke-width="${(1 + (5 * Math.abs(weight)) / strongest).toFixed(2)}"><title>${escapeXml(`${edge.source} — ${edge.target}: weight ${Number(weight.toFixed(3))} (congruence ${Number(congruence.toFixed(3))}, conflict ${Number(conflict.toFixed(3))})`)}</title></line>`,
    );
  }
  for (const node of network.nodes) {
    const point = positions.get(node.key);
    if (point === undefined) continue;
    const { kind, label, activity } = node.attributes;
    const radius = 6 + (8 * activity) / mostActive;
    const fill = isActorKind(kind) ? ACTOR_KIND_COLORS[kind] : NODE_TYPE_STYLE.actor.color;
    // The accessible name starts with the words drawn, as a speech user says them, then the full name when they were cut.
    const shown = shortLabel(label, 28);
    const name = shown === label ? label : `${shown} — ${label}`;
    parts.push(
      `<g class="node${node.key === selected ? ' selected' : ''}" data-node="${escapeXml(node.key)}" tabindex="0" role="button" aria-label="${escapeXml(name)}"><title>${escapeXml(`${label}: ${node.attributes.positions} positions`)}</title>`,
      `<circle cx="${px(point).toFixed(1)}" cy="${py(point).toFixed(1)}" r="${radius.toFixed(1)}" fill="${fill}" stroke="${PAGE_COLORS.surface}" stroke-width="1.5"/>`,
      `<text x="${(px(point) + radius + 3).toFixed(1)}" y="${(py(point) + 4).toFixed(1)}" font-size="11" fill="${LABEL_COLOR}">${escapeXml(shown)}</text></g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}
