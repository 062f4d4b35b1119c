// The stage: the sigma view over the page's one graph, its seeded layout, focus arrangements, camera controls, hover card and keyboard moves.
import { mergeSerializedGraph, type ExplorerGraph, type WireGraph } from '../../core/graph/graphData';
import { layeredPositions } from '../../core/graph/layered';
import type { ViewportBox } from '../../core/graph/labels';
import { layoutFingerprint, type LayoutInput, type Positions } from '../../core/graph/layout';
import { LayoutRunner, PositionStore } from '../../core/graph/layoutRunner';
import { nextNode, type ArrowDirection } from '../../core/graph/navigation';
import { summarizeNode, summarySentence } from '../../core/graph/nodeSummary';
import type { ExplorerSettings } from '../../core/settings';
import { HOME_CAMERA, roundCamera, zoomedCamera, type CameraState } from '../../core/state/camera';
import { el } from '../dom';
import { GraphView, type Highlight } from './graphView';
import { HoverCard } from './hoverCard';

export interface StageEvents {
  /** `keyboard` is true when Enter opened it, so the panel takes focus. */
  clickNode(node: string, keyboard: boolean): void;
  doubleClickNode(node: string): void;
  clickStage(): void;
}

export interface StageOptions {
  events: StageEvents;
  /** Called when a merge added nodes, so that the controls that list the graph's sources and dates follow. */
  onGrow(): void;
  /** Told where the camera rests once it stopped moving (for the URL). */
  onCamera(camera: CameraState): void;
  /** Counts work in flight, so the page knows when it has settled. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Drawn over the graph (status, notices). */
  overlays: Node[];
  /** Below the graph (the timeline). */
  footer: Node[];
}

/** A focus mode's drawing: the nodes it shows, and for chains and paths the columns they are laid out in. */
export interface Focus {
  nodes: Iterable<string>;
  highlight: Highlight | null;
  focused: string | null;
  /** Left to right by rank (layered.ts); null keeps the force layout's positions. */
  layered: { ranks: ReadonlyMap<string, number>; edges: ReadonlyArray<readonly [string, string]> } | null;
}

/** Iterations of the short run that fits expanded nodes in: a fixed count, like the first layout's. */
const GROW_ITERATIONS = 80;
/** Quiet time after the last camera move before it is written to the URL. */
const CAMERA_SETTLE_MS = 200;
const NO_BADGES: ReadonlyMap<string, string> = new Map();

export class GraphStage {
  readonly element: HTMLElement;
  private readonly graph: ExplorerGraph;
  private readonly settings: ExplorerSettings;
  private readonly options: StageOptions;
  private readonly container: HTMLDivElement;
  private readonly announcer: HTMLDivElement;
  private readonly hoverCard: HoverCard;
  /** The camera toolbar, drawn over the graph's top right corner. */
  private readonly tools: HTMLElement;
  private readonly positions: PositionStore;
  private readonly runner = new LayoutRunner();
  private view: GraphView | null = null;
  /** The force layout's positions; a layered focus moves nodes away from them and they come back from here. */
  private base: Positions = new Map();
  private layered: Focus['layered'] = null;
  private layeredNodes: string[] = [];
  /** Where the camera was last sent; repeated when a layout run ends, since the layout moves what it aimed at. */
  private cameraTarget: (() => void) | null = null;
  /** A link's camera is showing: the modes' own framing waits until the next navigation. */
  private held = false;
  private cameraTimer: ReturnType<typeof setTimeout> | null = null;
  private cursor: string | null = null;
  private hovered: string | null = null;
  private layoutProgress: ((text: string) => void) | null = null;

  constructor(graph: ExplorerGraph, settings: ExplorerSettings, options: StageOptions) {
    this.graph = graph;
    this.settings = settings;
    this.options = options;
    this.positions = new PositionStore(settings.positionsStorageKey);
    const hint = el('p', {
      class: 'visually-hidden',
      attrs: { id: 'graph-hint' },
      text: 'Arrow keys move between neighbouring nodes, Enter opens the node’s panel; plus and minus zoom, F fits, 0 resets.',
    });
    this.container = el('div', {
      class: 'graph',
      attrs: {
        id: 'graph',
        tabindex: 0,
        role: 'application',
        'aria-roledescription': 'graph',
        'aria-label': 'Graph of actors, incidents, claims and sources',
        'aria-describedby': 'graph-hint',
      },
    });
    this.announcer = el('div', { class: 'visually-hidden', attrs: { role: 'status', 'aria-live': 'polite', id: 'graph-announcer' } });
    this.hoverCard = new HoverCard();
    const tool = (action: string, text: string, label: string, keys: string, run: () => void) =>
      el('button', {
        class: 'icon-button tool-button',
        text,
        title: label,
        attrs: { type: 'button', 'data-action': action, 'aria-label': label, 'aria-keyshortcuts': keys },
        on: { click: run },
      });
    this.tools = el('div', { class: 'stage-tools', attrs: { role: 'toolbar', 'aria-label': 'Camera' } }, [
      tool('zoom-in', '+', 'Zoom in (+)', '+', () => this.zoom('in')),
      tool('zoom-out', '−', 'Zoom out (−)', '-', () => this.zoom('out')),
      tool('fit', '⤢', 'Fit what is shown (F)', 'F', () => this.fit()),
      tool('reset', '⌂', 'Reset the camera to the whole graph (0)', '0', () => this.home()),
      el('button', {
        class: 'button small layout-button',
        text: 'Lay out again',
        title: 'Lay the whole graph out again from its seed',
        attrs: { type: 'button', 'data-action': 'layout' },
        on: { click: () => void this.options.track(this.relayout('seed')) },
      }),
    ]);
    this.element = el('main', { class: 'stage' }, [
      hint,
      this.container,
      this.hoverCard.element,
      this.announcer,
      ...options.overlays,
      this.tools,
      ...options.footer,
    ]);
    this.container.addEventListener('keydown', (event) => this.onKey(event));
    this.container.addEventListener('blur', () => {
      if (this.hovered === null) this.hoverCard.hide();
    });
  }

  get renderer() {
    return this.view?.renderer ?? null;
  }

  /** Whether a layout run or a camera move is still under way (the test hook waits for neither). */
  get busy(): boolean {
    return this.runner.running || this.cameraTimer !== null || (this.view?.renderer.getCamera().isAnimated() ?? false);
  }

  /** The labels drawn in the last frame (viewport pixels), for the tests. */
  get labels() {
    return this.view?.labels ?? [];
  }

  /** Told of the layout's progress, as a line for the status layer. */
  onLayoutProgress(listener: (text: string) => void): void {
    this.layoutProgress = listener;
  }

  /**
   * Draws the first graph: the seeded layout of exactly this data, kept from an earlier visit when its fingerprint
   * matches, else computed (in a worker); the renderer starts once every node has its final place.
   */
  async load(serialized: WireGraph, where: string): Promise<void> {
    mergeSerializedGraph(this.graph, serialized, { where, seed: this.settings.layoutSeed });
    const input = this.layoutInput(this.settings.layoutIterations === 0 ? undefined : this.settings.layoutIterations, false);
    const fingerprint = layoutFingerprint(input);
    let positions = this.positions.load(fingerprint);
    if (positions === null || positions.size !== this.graph.order) {
      positions = await this.runLayout(input, true);
      if (positions === null) return;
      this.positions.save(fingerprint, positions);
    }
    this.base = positions;
    this.applyPositions();
    this.view?.kill();
    this.view = new GraphView(this.container, this.graph, this.settings, {
      clickNode: (node) => this.options.events.clickNode(node, false),
      doubleClickNode: (node) => this.options.events.doubleClickNode(node),
      clickStage: () => this.options.events.clickStage(),
      enterNode: (node) => this.hover(node),
      leaveNode: () => this.hover(null),
      coveredAreas: () => this.coveredAreas(),
    });
    const camera = this.view.renderer.getCamera();
    camera.on('updated', () => this.cameraMoved());
  }

  /** `report`: the first layout, which the status layer shows while the page waits; later runs go on under the graph. */
  private async runLayout(input: LayoutInput, report: boolean): Promise<Positions | null> {
    const order = input.nodes.length;
    // The layout button pulses while a run is under way (styles.css).
    this.element.classList.add('layout-running');
    try {
      return await this.runner.run(input, (done) => {
        if (report) this.layoutProgress?.(`Laying out ${order} nodes… ${Math.round(done * 100)} %`);
      });
    } finally {
      if (!this.runner.running) this.element.classList.remove('layout-running');
    }
  }

  /** The layout's input from the graph: every node with its size, and its current position when `fromCurrent`. */
  private layoutInput(iterations: number | undefined, fromCurrent: boolean): LayoutInput {
    // The sizes the renderer draws (big graphs shrink their nodes), so that the no-overlap pass spaces what is seen.
    const scale = GraphView.sizeScaleFor(this.graph.order);
    const nodes = this.graph.mapNodes((id, attributes) => {
      const size = attributes.size * scale;
      const start = fromCurrent ? (this.base.get(id) ?? { x: attributes.x, y: attributes.y }) : null;
      return start === null ? { id, size } : { id, size, x: start.x, y: start.y };
    });
    const edges = this.graph.mapEdges((_edge, _attributes, source, target) => [source, target] as [string, string]);
    return {
      nodes,
      edges,
      seed: this.settings.layoutSeed,
      largeGraphNodes: this.settings.largeGraphNodes,
      ...(iterations === undefined ? {} : { iterations }),
    };
  }

  /** Merges an API graph; new nodes get a short, fixed layout run to find their place. Returns every node id it held. */
  merge(serialized: WireGraph, where: string): string[] {
    const { added, nodes } = mergeSerializedGraph(this.graph, serialized, { where, seed: this.settings.layoutSeed });
    if (added.length > 0) {
      for (const id of added) {
        const { x, y } = this.graph.getNodeAttributes(id);
        this.base.set(id, { x, y });
      }
      this.view?.refresh();
      this.options.onGrow();
      void this.options.track(this.relayout('grow'));
    }
    return nodes;
  }

  /**
   * Lays the graph out again: from the seed (the button: the same picture a fresh visit of this graph gets), or from
   * the current positions for a short run (after a merge). The camera goes where it was last sent.
   */
  private async relayout(from: 'seed' | 'grow'): Promise<void> {
    const input = from === 'seed' ? this.layoutInput(undefined, false) : this.layoutInput(GROW_ITERATIONS, true);
    const positions = await this.runLayout(input, false);
    if (positions === null) return;
    this.base = positions;
    this.applyPositions();
    this.cameraTarget?.();
  }

  /** Writes the force layout's positions, or a layered focus's where it has one, into the graph. */
  private applyPositions(): void {
    const arranged = this.arrangement();
    this.graph.updateEachNodeAttributes(
      (node, attributes) => {
        const position = arranged.get(node) ?? this.base.get(node);
        if (position !== undefined) {
          attributes.x = position.x;
          attributes.y = position.y;
        }
        return attributes;
      },
      { attributes: ['x', 'y'] },
    );
    this.view?.refresh();
  }

  /**
   * The layered focus's positions: columns centred on where its nodes sit in the force layout, spaced by the whole
   * layout's size so that the framed picture has room for labels whatever the graph's scale.
   */
  private arrangement(): Positions {
    if (this.layered === null || this.layeredNodes.length === 0) return new Map();
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (const { x, y } of this.base.values()) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
    const span = Math.max(maxX - minX, maxY - minY, 1);
    let sumX = 0;
    let sumY = 0;
    let count = 0;
    for (const node of this.layeredNodes) {
      const position = this.base.get(node);
      if (position === undefined) continue;
      sumX += position.x;
      sumY += position.y;
      count += 1;
    }
    const centre = count === 0 ? { x: (minX + maxX) / 2, y: (minY + maxY) / 2 } : { x: sumX / count, y: sumY / count };
    return layeredPositions(
      { nodes: this.layeredNodes, edges: this.layered.edges, ranks: this.layered.ranks },
      centre,
      span / 10,
      span / 28,
    );
  }

  setVisible(visible: ReadonlySet<string> | null): void {
    this.view?.setVisible(visible);
  }

  /** Explore's drawing: every node, with `highlight` lit and the rest dimmed. */
  setHighlight(highlight: Highlight | null, focused: string | null = null): void {
    this.setLayered(null, []);
    this.view?.setBadges(NO_BADGES);
    this.view?.setFocus(null, highlight, focused);
  }

  /** A focus mode's drawing: only its nodes, laid out left to right when it says so, and framed. */
  setFocus(focus: Focus): void {
    const nodes = [...new Set(focus.nodes)].filter((node) => this.graph.hasNode(node));
    this.setLayered(focus.layered, nodes);
    this.view?.setBadges(NO_BADGES);
    this.view?.setFocus(new Set(nodes), focus.highlight, focus.focused);
    this.fitNodes(nodes);
  }

  private setLayered(layered: Focus['layered'], nodes: string[]): void {
    if (layered === null && this.layered === null) return;
    this.layered = layered;
    this.layeredNodes = layered === null ? [] : nodes;
    this.applyPositions();
  }

  /** Marks nodes of the drawing with a word after their label; a new highlight or focus clears the marks. */
  setBadges(badges: ReadonlyMap<string, string>): void {
    this.view?.setBadges(badges);
  }

  /** Sends the camera onto a node, now and again after a running layout has moved it. */
  focusNode(node: string): void {
    this.aim(() => void this.view?.focusNode(node, this.settings.focusRatio));
  }

  /** Frames the given nodes, now and again after a running layout has moved them. */
  fitNodes(nodes: Iterable<string>): void {
    const list = [...nodes];
    this.aim(() => void this.view?.fitNodes(list));
  }

  /** Forgets where the camera was sent, so that the end of a layout run leaves it alone. */
  releaseCamera(): void {
    this.cameraTarget = null;
  }

  /**
   * A link's camera: shown at once, and the modes' framing is skipped until `holdCamera(null)` (the next
   * navigation). Null lets the modes frame again.
   */
  holdCamera(camera: CameraState | null): void {
    this.held = camera !== null;
    if (camera === null || this.view === null) return;
    this.cameraTarget = null;
    void this.view.moveCamera(camera, false);
  }

  private aim(move: () => void): void {
    if (this.held) return;
    this.cameraTarget = () => {
      this.updateOcclusion();
      move();
    };
    this.cameraTarget();
  }

  /** Frames what is drawn: the focus, else the nodes the filters let through, else everything. */
  fit(): void {
    const view = this.view;
    if (view === null) return;
    this.held = false;
    const shown = this.graph.filterNodes((node) => view.isShown(node));
    this.fitNodes(shown.length === 0 ? this.graph.nodes() : shown);
  }

  /** The whole graph, as sigma first shows it. */
  home(): void {
    this.held = false;
    this.cameraTarget = null;
    void this.view?.moveCamera(HOME_CAMERA);
  }

  zoom(direction: 'in' | 'out'): void {
    const view = this.view;
    if (view === null) return;
    this.held = false;
    this.cameraTarget = null;
    void view.moveCamera(zoomedCamera(view.camera, direction), true);
  }

  get camera(): CameraState | null {
    return this.view?.camera ?? null;
  }

  private cameraMoved(): void {
    if (this.cameraTimer !== null) clearTimeout(this.cameraTimer);
    this.cameraTimer = setTimeout(() => {
      this.cameraTimer = null;
      const view = this.view;
      if (view === null) return;
      if (view.renderer.getCamera().isAnimated()) {
        this.cameraMoved();
        return;
      }
      // The camera snaps to what the URL can write (a fraction of a pixel away), so that this page and the link it
      // shares draw exactly the same picture; the snap's own update lands here again and finds nothing to do.
      const rounded = roundCamera(view.camera);
      const { x, y, ratio } = view.camera;
      if (x !== rounded.x || y !== rounded.y || ratio !== rounded.ratio) {
        void view.moveCamera(rounded, false);
        return;
      }
      this.options.onCamera(rounded);
      if (this.hovered !== null) this.placeCard(this.hovered);
      else if (this.cursor !== null && document.activeElement === this.container) this.placeCard(this.cursor);
    }, CAMERA_SETTLE_MS);
    // The card follows its node while the camera moves, and hides when the node leaves the stage.
    const shown = this.hovered ?? (document.activeElement === this.container ? this.cursor : null);
    if (shown !== null) this.placeCard(shown);
  }

  // ---------------------------------------------------------------- hover card and keyboard

  /** Where the toolbar covers the graph, relative to it: labels are placed clear of it rather than hidden under it. */
  private coveredAreas(): ViewportBox[] {
    const tools = this.tools.getBoundingClientRect();
    if (tools.width === 0 || tools.height === 0) return [];
    const stage = this.container.getBoundingClientRect();
    return [{ x: tools.left - stage.left, y: tools.top - stage.top, width: tools.width, height: tools.height }];
  }

  private hover(node: string | null): void {
    this.hovered = node;
    if (node === null) {
      if (this.cursor !== null && document.activeElement === this.container) this.placeCard(this.cursor);
      else this.hoverCard.hide();
      return;
    }
    this.placeCard(node);
  }

  private placeCard(node: string): void {
    const view = this.view;
    const data = view?.renderer.getNodeDisplayData(node);
    if (view === null || data === undefined || data.hidden || !this.graph.hasNode(node)) {
      this.hoverCard.hide();
      return;
    }
    const at = view.renderer.framedGraphToViewport(data);
    const radius = view.renderer.scaleSize(data.size);
    const bounds = { width: this.container.clientWidth, height: this.container.clientHeight };
    this.hoverCard.show(summarizeNode(this.graph, node), at, radius, bounds);
  }

  private onKey(event: KeyboardEvent): void {
    const directions: Record<string, ArrowDirection> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
    const direction = directions[event.key];
    const view = this.view;
    if (view === null) return;
    if (direction !== undefined) {
      event.preventDefault();
      const positions = new Map<string, { x: number; y: number }>();
      this.graph.forEachNode((node) => {
        if (!view.isShown(node)) return;
        const data = view.renderer.getNodeDisplayData(node);
        if (data !== undefined) positions.set(node, view.renderer.framedGraphToViewport(data));
      });
      const { width, height } = view.renderer.getDimensions();
      const from = this.cursor !== null && positions.has(this.cursor) ? this.cursor : null;
      const move = nextNode({
        from,
        direction,
        positions,
        neighbours: from === null ? [] : this.graph.neighbors(from),
        centre: { x: width / 2, y: height / 2 },
      });
      if (move === null) {
        this.announce('No node that way.');
        return;
      }
      this.setCursor(move.node);
      const summary = summarizeNode(this.graph, move.node);
      this.announce(`${move.neighbour ? '' : 'No neighbour that way; nearest node. '}${summarySentence(summary)}`);
      this.keepInView(move.node);
      return;
    }
    if ((event.key === 'Enter' || event.key === ' ') && this.cursor !== null) {
      event.preventDefault();
      this.options.events.clickNode(this.cursor, true);
    }
  }

  private setCursor(node: string | null): void {
    this.cursor = node;
    this.view?.setCursor(node);
    if (node !== null) this.placeCard(node);
  }

  /** The keyboard's node starts where the selection is, so Tab into the graph and an arrow go on from the open record. */
  syncCursor(node: string | null): void {
    if (node !== null && this.graph.hasNode(node)) this.setCursor(node);
  }

  /** Pans (without zooming) so that a node the keyboard reached is not left off the stage. */
  private keepInView(node: string): void {
    const view = this.view;
    const data = view?.renderer.getNodeDisplayData(node);
    if (view === null || data === undefined) return;
    const at = view.renderer.framedGraphToViewport(data);
    const { width, height } = view.renderer.getDimensions();
    const margin = 60;
    if (at.x >= margin && at.y >= margin && at.x <= width - margin && at.y <= height - margin) return;
    this.held = false;
    this.cameraTarget = null;
    void view.moveCamera({ x: data.x, y: data.y, ratio: view.camera.ratio });
  }

  private announce(text: string): void {
    this.announcer.textContent = text;
  }

  /** On narrow screens the panel is a bottom sheet over the graph; the camera keeps focused nodes above it. */
  private updateOcclusion(): void {
    if (this.view === null) return;
    const sheet = window.matchMedia('(max-width: 720px)').matches;
    this.view.occludedBottom = sheet ? Math.min(this.element.clientHeight * 0.58, this.element.clientHeight - 120) : 0;
  }
}
