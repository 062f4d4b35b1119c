// Label placement without a canvas: which node labels to draw, by priority, where none overlaps another nor leaves the viewport.

/** A label sigma offered to draw this frame, in viewport pixels. */
export interface LabelCandidate {
  node: string;
  text: string;
  /** The node's centre and rendered radius. */
  x: number;
  y: number;
  size: number;
  /** The text's measured width. */
  width: number;
  priority: number;
}

/** Where a label is drawn: its box (text plus halo) and the text's start and baseline inside it. */
export interface PlacedLabel {
  node: string;
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  textX: number;
  baseline: number;
  side: LabelSide;
}

export type LabelSide = 'right' | 'left' | 'above' | 'below';

export interface LabelMetrics {
  /** Font size in pixels. */
  fontSize: number;
  /** Halo around the text on every side. */
  padding: number;
  /** Space between the node's edge and the label. */
  gap: number;
  /** Labels keep this far from the viewport's edges. */
  margin: number;
}

export const LABEL_METRICS: Readonly<LabelMetrics> = Object.freeze({ fontSize: 12, padding: 2, gap: 3, margin: 4 });

/** What decides a node's place in the queue for labels: the selection first, then accused actors, incidents and hubs. */
export interface LabelRole {
  /** The node whose panel is open. */
  selected: boolean;
  /** The node the keyboard is on. */
  cursor: boolean;
  /** Lit by the current mode (a neighbourhood, a path, a chain). */
  lit: boolean;
  /** ACCUSES edges into it. */
  accusations: number;
  incident: boolean;
  degree: number;
}

/**
 * Higher draws first. The tiers are far apart so that, say, the least-accused actor still outranks the biggest hub;
 * within a tier the count (accusations, degree) orders.
 */
export function labelPriority(role: LabelRole): number {
  let priority = Math.min(role.degree, 9_999);
  if (role.incident) priority += 20_000;
  if (role.accusations > 0) priority += 40_000 + Math.min(role.accusations, 9_999);
  if (role.lit) priority += 100_000;
  if (role.cursor) priority += 400_000;
  if (role.selected) priority += 800_000;
  return priority;
}

/** The four places a label may go, in the order they are tried: the usual one first. */
const SIDES: readonly LabelSide[] = ['right', 'left', 'below', 'above'];

function boxFor(candidate: LabelCandidate, side: LabelSide, metrics: LabelMetrics): PlacedLabel {
  const width = candidate.width + 2 * metrics.padding;
  const height = metrics.fontSize + 2 * metrics.padding;
  const reach = candidate.size + metrics.gap;
  let x: number;
  let y: number;
  switch (side) {
    case 'right':
      x = candidate.x + reach;
      y = candidate.y - height / 2;
      break;
    case 'left':
      x = candidate.x - reach - width;
      y = candidate.y - height / 2;
      break;
    case 'below':
      x = candidate.x - width / 2;
      y = candidate.y + reach;
      break;
    case 'above':
      x = candidate.x - width / 2;
      y = candidate.y - reach - height;
      break;
  }
  // The baseline sits so that the text's x-height is centred in the box (about a third of the font size below centre).
  return {
    node: candidate.node,
    text: candidate.text,
    x,
    y,
    width,
    height,
    textX: x + metrics.padding,
    baseline: y + height / 2 + metrics.fontSize / 3,
    side,
  };
}

export function overlaps(a: ViewportBox, b: ViewportBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** A rectangle in viewport pixels. */
export interface ViewportBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Greedy placement: candidates by priority (then by id, so ties always go the same way), each at the first of its
 * four places that stays inside the viewport, clear of the `covered` areas (controls drawn over the stage), and
 * touches no label placed before; a label with no such place is left out rather than drawn over another, hidden
 * under a control or cut at the edge. A grid of cells makes each test look only nearby.
 */
export function placeLabels(
  candidates: readonly LabelCandidate[],
  viewport: { width: number; height: number },
  metrics: LabelMetrics = LABEL_METRICS,
  covered: readonly ViewportBox[] = [],
): PlacedLabel[] {
  const queue = [...candidates].sort((a, b) => b.priority - a.priority || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  const cell = 64;
  const grid = new Map<string, PlacedLabel[]>();
  const cellsOf = (box: PlacedLabel): string[] => {
    const keys: string[] = [];
    for (let cx = Math.floor(box.x / cell); cx <= Math.floor((box.x + box.width) / cell); cx += 1)
      for (let cy = Math.floor(box.y / cell); cy <= Math.floor((box.y + box.height) / cell); cy += 1) keys.push(`${cx},${cy}`);
    return keys;
  };
  const placed: PlacedLabel[] = [];
  const seen = new Set<string>();
  for (const candidate of queue) {
    if (seen.has(candidate.node) || candidate.text === '') continue;
    seen.add(candidate.node);
    for (const side of SIDES) {
      const box = boxFor(candidate, side, metrics);
      const inside =
        box.x >= metrics.margin &&
        box.y >= metrics.margin &&
        box.x + box.width <= viewport.width - metrics.margin &&
        box.y + box.height <= viewport.height - metrics.margin;
      if (!inside || covered.some((area) => overlaps(box, area))) continue;
      const keys = cellsOf(box);
      if (keys.some((key) => (grid.get(key) ?? []).some((other) => overlaps(box, other)))) continue;
      for (const key of keys) grid.set(key, [...(grid.get(key) ?? []), box]);
      placed.push(box);
      break;
    }
  }
  return placed;
}
