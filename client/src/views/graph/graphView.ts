// The sigma renderer: programs per node and edge shape, reducers that filter, hide, dim and highlight, labels placed without collisions, and camera moves.
import Sigma from 'sigma';
import { createEdgeArrowProgram, EdgeRectangleProgram } from 'sigma/rendering';
import type { EdgeProgramType, NodeProgramType } from 'sigma/rendering';
import type { NodeDisplayData, EdgeDisplayData, PartialButFor } from 'sigma/types';
import type { EdgeType, NodeType } from '../../../../server/model/wire';
import { RECORD_TYPES, RELATIONSHIP_TYPES } from '../../../../server/model/vocabulary';
import type { ExplorerGraph, ViewEdgeAttributes, ViewNodeAttributes } from '../../core/graph/graphData';
import {
  LABEL_METRICS,
  labelPriority,
  placeLabels,
  type LabelCandidate,
  type PlacedLabel,
  type ViewportBox,
} from '../../core/graph/labels';
import {
  DIM_EDGE_COLOR,
  DIM_NODE_COLOR,
  EDGE_STYLES,
  LABEL_COLOR,
  NODE_TYPE_STYLE,
  PAGE_COLORS,
  type EdgeShape,
} from '../../core/graph/style';
import type { ExplorerSettings } from '../../core/settings';
import { HOME_CAMERA, MAX_CAMERA_RATIO, MIN_CAMERA_RATIO, type CameraState } from '../../core/state/camera';
import { SHAPE_NUMBER, ShapeNodeProgram, type ShapedNodeDisplayData } from './nodeProgram';

export interface GraphViewEvents {
  clickNode(node: string): void;
  doubleClickNode(node: string): void;
  clickStage(): void;
  enterNode(node: string): void;
  leaveNode(node: string): void;
  /** Areas of the stage that controls cover, in viewport pixels: no label is placed under them. */
  coveredAreas(): ViewportBox[];
}

export interface Highlight {
  nodes: ReadonlySet<string>;
  /** When set, only these edges are emphasised (paths, chains); otherwise every edge between two highlighted nodes. */
  edges: ReadonlySet<string> | null;
}

const LABEL_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
/** Pixels kept clear around framed nodes, so that their labels fit beside them. */
const FIT_PADDING = { x: 56, y: 36 };
const CAMERA_MS = 450;

/** The one node program's key: every node's display type (its record type stays in the graph). */
const NODE_PROGRAM = 'shape';
const NODE_PROGRAMS: Readonly<Record<typeof NODE_PROGRAM, NodeProgramType>> = {
  [NODE_PROGRAM]: ShapeNodeProgram as unknown as NodeProgramType,
};

/**
 * Where each record type is drawn among the others, in vocabulary order as when each shape had a program (sources
 * over claims over actors), on graphs under the large-graph size (`small`); the lit, then the selected, come
 * above everything at a lower level.
 */
const NODE_DRAW_ORDER = Object.fromEntries(RECORD_TYPES.map((type, index) => [type, index])) as Readonly<Record<NodeType, number>>;
const NODE_LEVEL_Z = RECORD_TYPES.length;

/**
 * Edge programs by shape, not by relationship type. Sigma compiles each key's programs, each with a picking twin, on
 * every page: a key per relationship type was 25 programs (an arrow is a line and a head), 50 WebGL programs with the
 * twins. With the node shapes in one program too, SwiftShader's compiles took the GPU process's main thread 0.7 s of
 * CPU per open of the explorer here, against 2.2 s before (BENCHMARKS.md).
 */
const EDGE_PROGRAMS: Readonly<Record<EdgeShape, EdgeProgramType<ViewNodeAttributes, ViewEdgeAttributes>>> = {
  arrow: createEdgeArrowProgram<ViewNodeAttributes, ViewEdgeAttributes>(),
  line: EdgeRectangleProgram,
};

/**
 * Where each relationship type is drawn among the others, in vocabulary order as when each type had a program: later
 * types over earlier ones (ACCUSES over MADE and ABOUT), under the large-graph size as for nodes. Lit edges come above
 * every dimmed one, whatever their types.
 */
const EDGE_DRAW_ORDER = Object.fromEntries(RELATIONSHIP_TYPES.map((type, index) => [type, index])) as Readonly<Record<EdgeType, number>>;
const LIT_EDGE_Z = RELATIONSHIP_TYPES.length;

type LabelData = PartialButFor<NodeDisplayData, 'x' | 'y' | 'size' | 'label' | 'color'> & { key: string };

export class GraphView {
  readonly renderer: Sigma<ViewNodeAttributes, ViewEdgeAttributes>;
  private readonly graph: ExplorerGraph;
  private readonly settings: ExplorerSettings;
  /** Nodes the filters let through; null while nothing is filtered. */
  private visible: ReadonlySet<string> | null = null;
  /** Focus modes (attribution, paths, chain): only these nodes are drawn; null outside them. */
  private focusNodes: ReadonlySet<string> | null = null;
  private highlight: Highlight | null = null;
  private focused: string | null = null;
  /** The node the arrow keys are on. */
  private cursor: string | null = null;
  /** Words appended to some nodes' labels (a contested target or claim), which also force the label on. */
  private badges: ReadonlyMap<string, string> = new Map();
  /** Shrinks nodes on big graphs, where full-size shapes would cover each other (and cost fill rate). */
  private sizeScale = 1;
  /** ACCUSES edges into each actor, for label priority; recounted when the graph grows. */
  private accusations = new Map<string, number>();
  private readonly widths = new Map<string, number>();
  /** Text is measured on a canvas of its own: sigma draws its first frame inside its constructor, before it is ours. */
  private readonly measuring = document.createElement('canvas').getContext('2d');
  private candidates: LabelCandidate[] = [];
  private placed: PlacedLabel[] = [];
  /**
   * Under the large-graph size. Then accused actors and incidents are always offered as labels (past it, sigma's grid
   * chooses), and nodes and edges are drawn in type order (NODE_DRAW_ORDER, EDGE_DRAW_ORDER): distinct zIndex values
   * make sigma sort every node and edge on each refresh, about 90 ms for 200,000 edges here, while on a large graph
   * the order of overlapping edges is not what a reader sees.
   */
  private small: boolean;
  private readonly events: GraphViewEvents;

  constructor(container: HTMLElement, graph: ExplorerGraph, settings: ExplorerSettings, events: GraphViewEvents) {
    this.graph = graph;
    this.events = events;
    this.settings = settings;
    this.sizeScale = GraphView.sizeScaleFor(graph.order);
    this.small = graph.order < settings.largeGraphNodes;
    this.countAccusations();
    const large = !this.small;
    this.renderer = new Sigma<ViewNodeAttributes, ViewEdgeAttributes>(graph, container, {
      nodeProgramClasses: NODE_PROGRAMS,
      defaultNodeType: NODE_PROGRAM,
      edgeProgramClasses: EDGE_PROGRAMS,
      defaultEdgeType: EDGE_STYLES.MADE.shape,
      zIndex: true,
      // On big graphs, edges and labels are dropped while the camera moves so that panning stays smooth.
      hideEdgesOnMove: large,
      hideLabelsOnMove: large,
      renderEdgeLabels: false,
      // Sigma's grid offers candidates (the biggest nodes per cell, as many as the density allows); placeLabels
      // then keeps those that fit, by priority.
      labelRenderedSizeThreshold: settings.labelRenderedSizeThreshold,
      labelDensity: settings.labelDensity,
      labelGridCellSize: 100,
      labelFont: LABEL_FONT,
      labelSize: LABEL_METRICS.fontSize,
      labelColor: { color: LABEL_COLOR },
      defaultDrawNodeLabel: (_context, data) => this.offerLabel(data as LabelData),
      defaultDrawNodeHover: (context, data) => drawRing(context, data as LabelData),
      minCameraRatio: MIN_CAMERA_RATIO,
      maxCameraRatio: MAX_CAMERA_RATIO,
      stagePadding: 24,
      nodeReducer: (node, data) => this.reduceNode(node, data as ViewNodeAttributes & Partial<NodeDisplayData>),
      edgeReducer: (edge, data) => this.reduceEdge(edge, data as ViewEdgeAttributes & Partial<EdgeDisplayData>),
    });
    this.renderer.on('beforeRender', () => {
      this.candidates = [];
    });
    this.renderer.on('afterRender', () => this.drawLabels());
    this.renderer.on('clickNode', ({ node }) => events.clickNode(node));
    this.renderer.on('doubleClickNode', (event) => {
      // Sigma's default double-click zooms; here it expands the node instead.
      event.preventSigmaDefault();
      events.doubleClickNode(event.node);
    });
    this.renderer.on('clickStage', () => events.clickStage());
    this.renderer.on('enterNode', ({ node }) => {
      container.classList.add('over-node');
      events.enterNode(node);
    });
    this.renderer.on('leaveNode', ({ node }) => {
      container.classList.remove('over-node');
      events.leaveNode(node);
    });
    // The constructor's own frame ran before the label listeners above existed: draw once more with them.
    this.renderer.refresh();
  }

  private countAccusations(): void {
    const counts = new Map<string, number>();
    this.graph.forEachEdge((_edge, attributes, _source, target) => {
      if (attributes.type === 'ACCUSES') counts.set(target, (counts.get(target) ?? 0) + 1);
    });
    this.accusations = counts;
  }

  /** Whether a node is drawn at all: past the filters, and inside the focus when a focus mode is on. */
  isShown(node: string): boolean {
    return (this.visible === null || this.visible.has(node)) && (this.focusNodes === null || this.focusNodes.has(node));
  }

  /**
   * Reducers run per node and edge on refresh, not per frame. Sigma hands them a copy of the attributes, which is
   * changed in place and returned so that no object is allocated per call.
   */
  private reduceNode(node: string, data: ViewNodeAttributes & Partial<NodeDisplayData>): Partial<NodeDisplayData> {
    const record = data.type;
    // As for edges: the display type names the program, and the shape rides along for it to draw.
    const display: Partial<ShapedNodeDisplayData> = data;
    display.type = NODE_PROGRAM;
    display.shape = SHAPE_NUMBER[NODE_TYPE_STYLE[record].shape];
    const rank = this.small ? NODE_DRAW_ORDER[record] : 0;
    display.zIndex = rank;
    if (!this.isShown(node)) {
      data.hidden = true;
      return data;
    }
    data.label = data.shortLabel;
    const badge = this.badges.get(node);
    if (badge !== undefined) {
      data.label = `${data.shortLabel} · ${badge}`;
      data.forceLabel = true;
    }
    if (this.sizeScale !== 1) data.size *= this.sizeScale;
    const accusations = this.accusations.get(node) ?? 0;
    const incident = record === 'incident';
    if (this.small && (accusations > 0 || incident)) data.forceLabel = true;
    const highlight = this.highlight;
    let lit = false;
    if (highlight !== null) {
      if (highlight.nodes.has(node)) {
        lit = true;
        data.zIndex = rank + NODE_LEVEL_Z;
        if (highlight.nodes.size <= 60) data.forceLabel = true;
      } else {
        data.color = DIM_NODE_COLOR;
        (data as Partial<NodeDisplayData>).label = null;
        data.forceLabel = false;
      }
    } else if (this.focusNodes !== null && this.focusNodes.size <= 60) {
      lit = true;
      data.forceLabel = true;
    }
    const selected = node === this.focused;
    const cursor = node === this.cursor;
    if (selected || cursor) {
      data.highlighted = true;
      data.forceLabel = true;
      data.zIndex = rank + 2 * NODE_LEVEL_Z;
    }
    (data as { labelPriority?: number }).labelPriority = labelPriority({
      selected,
      cursor,
      lit,
      accusations,
      incident,
      degree: this.graph.degree(node),
    });
    return data;
  }

  private reduceEdge(edge: string, data: ViewEdgeAttributes & Partial<EdgeDisplayData>): Partial<EdgeDisplayData> {
    const relationship = data.type;
    // Sigma hands the reducer a copy, so the display type can be the program's shape while the graph keeps the relationship.
    const display: Partial<EdgeDisplayData> = data;
    display.type = EDGE_STYLES[relationship].shape;
    display.zIndex = this.small ? EDGE_DRAW_ORDER[relationship] : 0;
    const source = this.graph.source(edge);
    const target = this.graph.target(edge);
    if (!this.isShown(source) || !this.isShown(target)) {
      display.hidden = true;
      return display;
    }
    const highlight = this.highlight;
    if (highlight !== null) {
      const lit = highlight.edges !== null ? highlight.edges.has(edge) : highlight.nodes.has(source) && highlight.nodes.has(target);
      if (lit) {
        display.zIndex += LIT_EDGE_Z;
        display.size = (display.size ?? 1) * (highlight.edges !== null ? 2.2 : 1.4);
      } else {
        display.color = DIM_EDGE_COLOR;
      }
    }
    return display;
  }

  /** Sigma calls this for each label it would draw; the label is only noted here and placed once the frame is done. */
  private offerLabel(data: LabelData): void {
    const text = data.label;
    if (typeof text !== 'string' || text === '') return;
    this.candidates.push({
      node: data.key,
      text,
      x: data.x,
      y: data.y,
      size: data.size,
      width: this.measure(text),
      priority: (data as { labelPriority?: number }).labelPriority ?? 0,
    });
  }

  private measure(text: string): number {
    let width = this.widths.get(text);
    if (width === undefined) {
      const context = this.measuring;
      if (context === null) throw new Error('explorer: expected a 2D canvas context to measure labels with');
      context.font = `${LABEL_METRICS.fontSize}px ${LABEL_FONT}`;
      width = Math.ceil(context.measureText(text).width);
      this.widths.set(text, width);
    }
    return width;
  }

  private labelContext(): CanvasRenderingContext2D {
    const context = this.renderer.getCanvases().labels?.getContext('2d');
    if (context === null || context === undefined) throw new Error('sigma: expected a 2D context on its labels canvas');
    return context;
  }

  /** Places the frame's candidates (labels.ts) and draws them with a halo in the stage's colour. */
  private drawLabels(): void {
    const { width, height } = this.renderer.getDimensions();
    this.placed = placeLabels(this.candidates, { width, height }, LABEL_METRICS, this.events.coveredAreas());
    this.candidates = [];
    if (this.placed.length === 0) return;
    const context = this.labelContext();
    context.save();
    context.font = `${LABEL_METRICS.fontSize}px ${LABEL_FONT}`;
    context.textBaseline = 'alphabetic';
    context.lineJoin = 'round';
    context.lineWidth = 3;
    context.strokeStyle = PAGE_COLORS.bg;
    context.fillStyle = LABEL_COLOR;
    for (const label of this.placed) {
      context.strokeText(label.text, label.textX, label.baseline);
      context.fillText(label.text, label.textX, label.baseline);
    }
    context.restore();
  }

  /** The labels drawn in the last frame, in viewport pixels. */
  get labels(): readonly PlacedLabel[] {
    return this.placed;
  }

  /** Sigma's label grid holds only the nodes drawn when it was built, so a change of what is drawn rebuilds it. */
  setVisible(visible: ReadonlySet<string> | null): void {
    this.visible = visible;
    this.renderer.refresh();
  }

  setHighlight(highlight: Highlight | null, focused: string | null = null): void {
    this.highlight = highlight;
    this.focused = focused;
    this.renderer.refresh({ skipIndexation: true });
  }

  /** Focus modes draw only `nodes` (null: every node); their edges keep the emphasis `highlight` gives. */
  setFocus(nodes: ReadonlySet<string> | null, highlight: Highlight | null, focused: string | null): void {
    const drawnChanged = nodes !== this.focusNodes;
    this.focusNodes = nodes;
    this.highlight = highlight;
    this.focused = focused;
    this.renderer.refresh(drawnChanged ? undefined : { skipIndexation: true });
  }

  setBadges(badges: ReadonlyMap<string, string>): void {
    if (badges.size === 0 && this.badges.size === 0) return;
    this.badges = badges;
    this.renderer.refresh({ skipIndexation: true });
  }

  get focusSet(): ReadonlySet<string> | null {
    return this.focusNodes;
  }

  setCursor(node: string | null): void {
    this.cursor = node;
    this.renderer.refresh({ skipIndexation: true });
  }

  static sizeScaleFor(order: number): number {
    return order <= 1000 ? 1 : Math.max(0.3, Math.sqrt(1000 / order));
  }

  /** Re-reads the graph after nodes, edges or positions changed. */
  refresh(): void {
    this.sizeScale = GraphView.sizeScaleFor(this.graph.order);
    this.small = this.graph.order < this.settings.largeGraphNodes;
    this.countAccusations();
    this.renderer.refresh();
  }

  /** Pixels at the bottom of the stage hidden by the bottom-sheet panel; the camera aims above them. */
  occludedBottom = 0;

  /** Camera centre that puts framed-graph point (x, y) in the middle of the unoccluded part of the stage. */
  private centreFor(x: number, y: number, ratio: number): { x: number; y: number } {
    if (this.occludedBottom <= 0) return { x, y };
    const { width, height } = this.renderer.getDimensions();
    return this.renderer.viewportToFramedGraph(
      { x: width / 2, y: height / 2 + this.occludedBottom / 2 },
      { cameraState: { x, y, ratio, angle: 0 } },
    );
  }

  get camera(): CameraState {
    const { x, y, ratio } = this.renderer.getCamera().getState();
    return { x, y, ratio };
  }

  /**
   * Moves the camera; without `animate`, at once (a restored link must show its picture from the first frame), and at
   * once too for a reader who asked their system for less motion, as the page's own transitions are (styles.css).
   */
  async moveCamera(camera: CameraState, animate = true): Promise<void> {
    const state = { ...camera, angle: 0 };
    if (!animate || window.matchMedia('(prefers-reduced-motion: reduce)').matches) {
      this.renderer.getCamera().setState(state);
      return;
    }
    await this.renderer.getCamera().animate(state, { duration: CAMERA_MS });
  }

  async home(): Promise<void> {
    await this.moveCamera(HOME_CAMERA);
  }

  /** Moves the camera onto a node. */
  async focusNode(node: string, ratio: number): Promise<void> {
    const data = this.renderer.getNodeDisplayData(node);
    if (data === undefined) return;
    await this.moveCamera({ ...this.centreFor(data.x, data.y, ratio), ratio });
  }

  /**
   * Moves the camera so that every given node (that is drawn) is in view with room for labels. Node pixel positions
   * scale as 1 / ratio, so the ratio is the one that makes the nodes' box at ratio 1 fit the free part of the stage.
   */
  async fitNodes(nodes: Iterable<string>, minRatio = 0.08): Promise<void> {
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    let count = 0;
    for (const node of nodes) {
      const data = this.renderer.getNodeDisplayData(node);
      if (data === undefined || data.hidden) continue;
      count += 1;
      minX = Math.min(minX, data.x);
      maxX = Math.max(maxX, data.x);
      minY = Math.min(minY, data.y);
      maxY = Math.max(maxY, data.y);
    }
    if (count === 0) return;
    const centre = { x: (minX + maxX) / 2, y: (minY + maxY) / 2 };
    const atOne = { cameraState: { ...centre, ratio: 1, angle: 0 } };
    const a = this.renderer.framedGraphToViewport({ x: minX, y: minY }, atOne);
    const b = this.renderer.framedGraphToViewport({ x: maxX, y: maxY }, atOne);
    const { width, height } = this.renderer.getDimensions();
    const freeWidth = Math.max(40, width - 2 * FIT_PADDING.x);
    const freeHeight = Math.max(40, height - this.occludedBottom - 2 * FIT_PADDING.y);
    const wanted = Math.max(Math.abs(b.x - a.x) / freeWidth, Math.abs(b.y - a.y) / freeHeight);
    const ratio = Math.min(MAX_CAMERA_RATIO, Math.max(minRatio, MIN_CAMERA_RATIO, wanted));
    await this.moveCamera({ ...this.centreFor(centre.x, centre.y, ratio), ratio });
  }

  kill(): void {
    this.renderer.kill();
  }
}

/** The hover and selection mark: a ring around the node (the hover card, not the canvas, shows its text). */
function drawRing(context: CanvasRenderingContext2D, data: LabelData): void {
  context.beginPath();
  context.arc(data.x, data.y, data.size + 4, 0, Math.PI * 2);
  context.lineWidth = 2.5;
  context.strokeStyle = PAGE_COLORS.accent;
  context.stroke();
}
