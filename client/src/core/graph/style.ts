// The explorer's look, declared once: the page palette, and colour, size and shape of nodes and edges by type, actor kind and stance.
// Every colour the page or the graph shows is written here and nowhere else; styles.css reads the page's through CSS custom properties.
import type { EdgeType, NodeType } from '../../../../server/model/wire';
import { STANCE_KEYS, isActorKind, isStance, stanceKey, type StanceKey } from '../../../../server/model/viewFilter';
import { ACTOR_KINDS, RECORD_TYPES, RELATIONSHIP_TYPES, type AchRating, type ActorKind } from '../../../../server/model/vocabulary';

export { STANCE_KEYS, isActorKind, isStance, stanceKey, type StanceKey } from '../../../../server/model/viewFilter';

export type Shape = 'circle' | 'square' | 'diamond' | 'triangle' | 'hexagon';
/** Edge programs the view registers: a straight line with an arrow head, or a plain line for symmetric ties. */
export type EdgeShape = 'arrow' | 'line';

/** The page's own colours; `cssCustomProperties` hands each to styles.css as `--name`. */
export const PAGE_COLORS = {
  /** The stage behind the graph, and the background of PNG and SVG exports. */
  bg: '#fbfbf9',
  /** Bars, panels, cards; also the text on coloured badges. */
  surface: '#ffffff',
  /** Body text, and the labels drawn on the graph. */
  ink: '#202124',
  muted: '#5f6368',
  line: '#dadce0',
  accent: '#1a56db',
  /** Hovered buttons, the mode switch's track, link chips. */
  hover: '#f1f3f4',
  /** The selected search result, hovered menu items and links. */
  selected: '#e8f0fe',
  /** Text inputs and quotes. */
  field: '#f8f9fa',
  /** The spinner's track. */
  track: '#e8eaed',
  'problem-bg': '#fdecea',
  'problem-ink': '#8a1c1c',
  'problem-line': '#f1b0b0',
  /** The "neither" side's title: the stance's amber, darkened to be legible as text. */
  'neither-ink': '#9a6700',
  /** Drop shadows, mixed with transparency in styles.css. */
  shadow: '#000000',
} as const;
export type PageColor = keyof typeof PAGE_COLORS;

export const NODE_TYPE_STYLE: Readonly<Record<NodeType, { shape: Shape; color: string; size: number; label: string }>> = {
  actor: { shape: 'circle', color: '#4f6d9a', size: 5, label: 'Actor' },
  incident: { shape: 'square', color: '#2f3e46', size: 7, label: 'Incident' },
  claim: { shape: 'diamond', color: '#9aa0a6', size: 3.5, label: 'Claim' },
  source: { shape: 'triangle', color: '#a0784f', size: 6, label: 'Source article' },
  explanation: { shape: 'hexagon', color: '#8e7cc3', size: 5, label: 'Explanation (no culprit)' },
};

/** Actor colours stay in blues, purples, greens and browns so they never read as a stance (red, teal, amber). */
export const ACTOR_KIND_COLORS: Readonly<Record<ActorKind, string>> = {
  state: '#283593',
  'government-body': '#5c6bc0',
  agency: '#1e88e5',
  official: '#64b5f6',
  company: '#8e24aa',
  collective: '#212121',
  'online-account': '#ad6fa8',
  media: '#795548',
  person: '#558b2f',
  group: '#78909c',
};

export const ACTOR_KIND_LABELS: Readonly<Record<ActorKind, string>> = {
  state: 'State',
  'government-body': 'Government body',
  agency: 'Agency',
  official: 'Official',
  company: 'Company',
  collective: 'Collective',
  'online-account': 'Online account',
  media: 'Media',
  person: 'Person',
  group: 'Group',
};

export const STANCE_COLORS: Readonly<Record<StanceKey, string>> = {
  asserts: '#d62839',
  denies: '#0f9d8a',
  neither: '#f2a007',
  // A claim without a stance is drawn in the plain claim colour.
  none: NODE_TYPE_STYLE.claim.color,
};

export const STANCE_LABELS: Readonly<Record<StanceKey, string>> = {
  asserts: 'Asserts responsibility',
  denies: 'Denies responsibility',
  neither: 'Neither confirms nor denies',
  none: 'No stance (observation, threat, …)',
};

export interface EdgeStyle {
  color: string;
  size: number;
  shape: EdgeShape;
  label: string;
}

export const EDGE_STYLES: Readonly<Record<EdgeType, EdgeStyle>> = {
  MADE: { color: '#8d99ae', size: 1, shape: 'arrow', label: 'made (actor → claim)' },
  ABOUT: { color: '#c5c9cf', size: 1, shape: 'arrow', label: 'about (claim → subject)' },
  // Drawn in the colour of the stance it carries; without one, as an assertion.
  ACCUSES: { color: STANCE_COLORS.asserts, size: 2, shape: 'arrow', label: 'accuses (claim → actor), coloured by stance' },
  REPORTED_IN: { color: '#d8c3a5', size: 1, shape: 'arrow', label: 'reported in (claim → source)' },
  REPORTED_VIA: { color: '#b08d6a', size: 1, shape: 'arrow', label: 'reported via (claim → outlet)' },
  SUPPORTS: { color: '#43a047', size: 1.6, shape: 'arrow', label: 'supports (claim → claim)' },
  DISPUTES: { color: '#c2185b', size: 1.6, shape: 'arrow', label: 'disputes (claim → claim)' },
  RESPONDS_TO: { color: '#7e57c2', size: 1.4, shape: 'arrow', label: 'responds to (claim → claim)' },
  CITES: { color: '#039be5', size: 1.4, shape: 'arrow', label: 'cites (claim → claim)' },
  CHARACTERIZES: { color: '#6d8fa8', size: 1.4, shape: 'arrow', label: 'characterizes (description → claim described)' },
  AFFILIATED_WITH: { color: '#455a64', size: 1.4, shape: 'line', label: 'affiliated with (actor — actor)' },
  TARGETS: { color: '#ef6c00', size: 1.6, shape: 'arrow', label: 'targets (incident → actor)' },
  RELATED_TO: { color: '#90a4ae', size: 1.2, shape: 'line', label: 'related to (incident — incident)' },
  // Derived by the claimant-network analysis, never stored; styled so that a graph carrying one still draws.
  STANCE_TIE: { color: '#607d8b', size: 1.4, shape: 'line', label: 'stance tie (claimant — claimant, derived)' },
};

/**
 * ACH consistency ratings (the analyst views): greens for consistent, grey for neutral, oranges for inconsistent, so
 * a rating never reads as a stance (red asserts, teal denies).
 */
export const ACH_RATING_COLORS: Readonly<Record<AchRating, string>> = {
  CC: '#1b7f3b',
  C: '#8fcf9f',
  N: '#e8eaed',
  I: '#f6b26b',
  II: '#c45a00',
};

/** Claimant-network ties: agreement (congruence, a positive subtract weight) and opposition (conflict, a negative one). */
export const TIE_COLORS = { agree: PAGE_COLORS.accent, oppose: EDGE_STYLES.DISPUTES.color } as const;

/** The "contested" badge on targets and claims with a contradiction: the colour of the disputes edge. */
export const CONTESTED_COLOR = EDGE_STYLES.DISPUTES.color;

/** Colour of dimmed nodes and edges when something else is highlighted. */
export const DIM_NODE_COLOR = '#e3e5e8';
export const DIM_EDGE_COLOR = '#eef0f2';
export const BACKGROUND_COLOR = PAGE_COLORS.bg;
/** Labels on the canvas and in SVG exports. */
export const LABEL_COLOR = PAGE_COLORS.ink;

/**
 * The CSS custom properties the page's styles read: each page colour as `--name`, each stance colour as
 * `--stance-name`. The entry point sets them on the document root before it builds anything.
 */
export function cssCustomProperties(): Record<`--${string}`, string> {
  const properties: Record<`--${string}`, string> = {};
  for (const [name, color] of Object.entries(PAGE_COLORS)) properties[`--${name}`] = color;
  for (const stance of STANCE_KEYS) properties[`--stance-${stance}`] = STANCE_COLORS[stance];
  return properties;
}

/** Node colour: actors by kind, claims by stance, incidents and sources by type. Unknown kinds fall back to the type's colour. */
export function nodeColor(type: NodeType, attributes: { kind?: unknown; stance?: unknown; [key: string]: unknown }): string {
  if (type === 'actor') return isActorKind(attributes.kind) ? ACTOR_KIND_COLORS[attributes.kind] : NODE_TYPE_STYLE.actor.color;
  if (type === 'claim') return STANCE_COLORS[stanceKey(attributes.stance)];
  return NODE_TYPE_STYLE[type].color;
}

/** Node size: the type's base size, grown gently with degree so hubs stand out without swallowing their neighbours. */
export function nodeSize(type: NodeType, degree: number): number {
  const base = NODE_TYPE_STYLE[type].size;
  return Math.round((base + 1.2 * Math.log2(1 + Math.max(0, degree))) * 10) / 10;
}

export function nodeShape(type: NodeType): Shape {
  return NODE_TYPE_STYLE[type].shape;
}

/** Edge style by relationship type; ACCUSES edges take the colour of the stance they carry. */
export function edgeStyle(type: EdgeType, attributes: { stance?: unknown; [key: string]: unknown } = {}): EdgeStyle {
  const style = EDGE_STYLES[type];
  if (type === 'ACCUSES' && isStance(attributes.stance)) return { ...style, color: STANCE_COLORS[attributes.stance] };
  return style;
}

/** The WCAG relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG contrast ratio of two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Text on a solid background of `color`: the page's ink or its surface colour, whichever reads better. */
export function inkOn(color: string): string {
  return contrastRatio(color, PAGE_COLORS.surface) >= contrastRatio(color, PAGE_COLORS.ink) ? PAGE_COLORS.surface : PAGE_COLORS.ink;
}

/** Labels drawn on the canvas stay short; the panel shows the full text. */
export function shortLabel(label: string, max = 42): string {
  const clean = label.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}

export interface LegendEntry {
  /** What the entry explains, e.g. "Claim: asserts responsibility". */
  label: string;
  color: string;
  shape: Shape | EdgeShape;
  group: 'Node types' | 'Actor kinds' | 'Claim stances' | 'Relationships';
}

/** Every colour and shape the view draws, in the order the legend lists them. */
export function legendEntries(): LegendEntry[] {
  const entries: LegendEntry[] = [];
  const typeNotes: Record<NodeType, string> = {
    actor: 'Actor (circle, coloured by kind)',
    incident: 'Incident (square)',
    claim: 'Claim (diamond, coloured by stance)',
    source: 'Source article (triangle)',
    explanation: 'Explanation that blames no one (hexagon)',
  };
  for (const type of RECORD_TYPES) {
    const style = NODE_TYPE_STYLE[type];
    // Actors and claims take many colours; their shape is shown in the muted text colour.
    const color = type === 'actor' || type === 'claim' ? PAGE_COLORS.muted : style.color;
    entries.push({ group: 'Node types', label: typeNotes[type], color, shape: style.shape });
  }
  for (const kind of ACTOR_KINDS)
    entries.push({ group: 'Actor kinds', label: ACTOR_KIND_LABELS[kind], color: ACTOR_KIND_COLORS[kind], shape: 'circle' });
  for (const stance of STANCE_KEYS)
    entries.push({ group: 'Claim stances', label: STANCE_LABELS[stance], color: STANCE_COLORS[stance], shape: 'diamond' });
  for (const type of RELATIONSHIP_TYPES) {
    const style = EDGE_STYLES[type];
    entries.push({ group: 'Relationships', label: style.label, color: style.color, shape: style.shape });
  }
  return entries;
}
