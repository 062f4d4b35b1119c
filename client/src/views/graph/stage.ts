// The stage: the sigma view and the ForceAtlas2 runner over the page's one graph, merging API graphs into it, and where the camera aims.
import { allPlaced, mergeSerializedGraph, type ExplorerGraph, type WireGraph } from '../../core/graph/graphData';
import { LayoutRunner, PositionStore } from '../../core/graph/layoutRunner';
import type { ExplorerSettings } from '../../core/settings';
import { el } from '../dom';
import { GraphView, type GraphViewEvents, type Highlight } from './graphView';

export interface StageOptions {
  events: GraphViewEvents;
  /** Called when a merge added nodes, so that the controls that list the graph's sources and dates follow. */
  onGrow(): void;
  /** Drawn over the graph (status, notices). */
  overlays: Node[];
  /** Below the graph (the timeline). */
  footer: Node[];
}

export class GraphStage {
  readonly element: HTMLElement;
  private readonly graph: ExplorerGraph;
  private readonly settings: ExplorerSettings;
  private readonly options: StageOptions;
  private readonly container: HTMLDivElement;
  private readonly layoutButton: HTMLButtonElement;
  private readonly positions: PositionStore;
  private view: GraphView | null = null;
  private layout: LayoutRunner | null = null;
  /** Where the camera was last sent; repeated when a layout run ends, since the layout moves what it aimed at. */
  private cameraTarget: (() => void) | null = null;

  constructor(graph: ExplorerGraph, settings: ExplorerSettings, options: StageOptions) {
    this.graph = graph;
    this.settings = settings;
    this.options = options;
    this.positions = new PositionStore(settings.positionsStorageKey);
    this.layoutButton = el('button', {
      class: 'button small layout-button',
      text: 'Re-run layout',
      attrs: { type: 'button', 'data-action': 'layout' },
      on: { click: () => this.toggleLayout() },
    });
    this.container = el('div', {
      class: 'graph',
      attrs: { id: 'graph', role: 'img', 'aria-label': 'Graph of actors, incidents, claims and sources' },
    });
    this.element = el('main', { class: 'stage' }, [
      this.container,
      ...options.overlays,
      el('div', { class: 'stage-tools' }, [this.layoutButton]),
      ...options.footer,
    ]);
  }

  get renderer() {
    return this.view?.renderer ?? null;
  }

  /** Draws the first graph: positions kept from an earlier visit are used, and the layout runs when any node lacks one. */
  load(serialized: WireGraph, where: string): void {
    const positions = this.positions.load();
    mergeSerializedGraph(this.graph, serialized, { positions, where });
    const everyPositionKnown = this.graph.everyNode((node) => positions.has(node));
    this.view?.kill();
    this.layout?.kill();
    this.view = new GraphView(this.container, this.graph, this.settings, this.options.events);
    this.layout = new LayoutRunner(this.graph, this.settings, this.positions, (running) => {
      this.layoutButton.textContent = running ? 'Stop layout' : 'Re-run layout';
      this.element.classList.toggle('layout-running', running);
      if (!running) this.cameraTarget?.();
    });
    if (!everyPositionKnown) this.layout.start();
  }

  /** Merges an API graph; new nodes get a short layout run so that they find their place. Returns every node id it held. */
  merge(serialized: WireGraph, where: string): string[] {
    const { added, nodes } = mergeSerializedGraph(this.graph, serialized, { where });
    if (added.length > 0) {
      this.view?.refresh();
      this.options.onGrow();
      if (!allPlaced(this.graph) || added.length > 3) this.layout?.start(Math.min(3000, 800 + added.length * 20));
    }
    return nodes;
  }

  setVisible(visible: ReadonlySet<string> | null): void {
    this.view?.setVisible(visible);
  }

  setHighlight(highlight: Highlight | null, focused: string | null = null): void {
    this.view?.setHighlight(highlight, focused);
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

  private toggleLayout(): void {
    if (this.layout === null) return;
    if (this.layout.running) this.layout.stop(true);
    else this.layout.start();
  }

  private aim(move: () => void): void {
    this.cameraTarget = () => {
      this.updateOcclusion();
      move();
    };
    this.cameraTarget();
  }

  /** On narrow screens the panel is a bottom sheet over the graph; the camera keeps focused nodes above it. */
  private updateOcclusion(): void {
    if (this.view === null) return;
    const sheet = window.matchMedia('(max-width: 720px)').matches;
    this.view.occludedBottom = sheet ? Math.min(this.element.clientHeight * 0.58, this.element.clientHeight - 120) : 0;
  }
}
