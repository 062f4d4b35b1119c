// The sigma renderer: programs per node shape and edge type, reducers that filter, dim and highlight, and camera moves.
import Sigma from 'sigma';
import { EdgeArrowProgram, EdgeRectangleProgram } from 'sigma/rendering';
import type { EdgeProgramType, NodeProgramType } from 'sigma/rendering';
import type { NodeDisplayData, EdgeDisplayData } from 'sigma/types';
import type { EdgeType, NodeType } from '../../../../server/model/wire';
import { RECORD_TYPES, RELATIONSHIP_TYPES } from '../../../../server/model/vocabulary';
import type { ExplorerGraph, ViewEdgeAttributes, ViewNodeAttributes } from '../../core/graph/graphData';
import { DIM_EDGE_COLOR, DIM_NODE_COLOR, EDGE_STYLES, LABEL_COLOR, NODE_TYPE_STYLE } from '../../core/graph/style';
import type { ExplorerSettings } from '../../core/settings';
import { createShapeProgram } from './nodeProgram';

export interface GraphViewEvents {
  clickNode(node: string): void;
  doubleClickNode(node: string): void;
  clickStage(): void;
}

export interface Highlight {
  nodes: ReadonlySet<string>;
  /** When set, only these edges are emphasised (paths, chains); otherwise every edge between two highlighted nodes. */
  edges: ReadonlySet<string> | null;
}

function nodePrograms(): Record<NodeType, NodeProgramType> {
  const programs = {} as Record<NodeType, NodeProgramType>;
  for (const type of RECORD_TYPES) programs[type] = createShapeProgram(NODE_TYPE_STYLE[type].shape) as unknown as NodeProgramType;
  return programs;
}

function edgePrograms(): Record<EdgeType, EdgeProgramType> {
  const programs = {} as Record<EdgeType, EdgeProgramType>;
  for (const type of RELATIONSHIP_TYPES) programs[type] = EDGE_STYLES[type].shape === 'arrow' ? EdgeArrowProgram : EdgeRectangleProgram;
  return programs;
}

export class GraphView {
  readonly renderer: Sigma<ViewNodeAttributes, ViewEdgeAttributes>;
  private readonly graph: ExplorerGraph;
  /** Nodes the filters let through; null while nothing is filtered. */
  private visible: ReadonlySet<string> | null = null;
  private highlight: Highlight | null = null;
  private focused: string | null = null;
  /** Shrinks nodes on big graphs, where full-size shapes would cover each other (and cost fill rate). */
  private sizeScale = 1;

  constructor(container: HTMLElement, graph: ExplorerGraph, settings: ExplorerSettings, events: GraphViewEvents) {
    this.graph = graph;
    this.sizeScale = GraphView.sizeScaleFor(graph.order);
    const large = graph.order >= settings.largeGraphNodes;
    this.renderer = new Sigma<ViewNodeAttributes, ViewEdgeAttributes>(graph, container, {
      nodeProgramClasses: nodePrograms(),
      edgeProgramClasses: edgePrograms(),
      defaultEdgeType: 'MADE',
      zIndex: true,
      // On big graphs, edges and labels are dropped while the camera moves so that panning stays smooth.
      hideEdgesOnMove: large,
      hideLabelsOnMove: large,
      renderEdgeLabels: false,
      labelRenderedSizeThreshold: settings.labelRenderedSizeThreshold,
      labelDensity: settings.labelDensity,
      labelGridCellSize: 120,
      labelFont: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      labelSize: 12,
      labelColor: { color: LABEL_COLOR },
      minCameraRatio: 0.02,
      maxCameraRatio: 4,
      stagePadding: 24,
      nodeReducer: (node, data) => this.reduceNode(node, data as ViewNodeAttributes & Partial<NodeDisplayData>),
      edgeReducer: (edge, data) => this.reduceEdge(edge, data as ViewEdgeAttributes & Partial<EdgeDisplayData>),
    });
    this.renderer.on('clickNode', ({ node }) => events.clickNode(node));
    this.renderer.on('doubleClickNode', (event) => {
      // Sigma's default double-click zooms; here it expands the node instead.
      event.preventSigmaDefault();
      events.doubleClickNode(event.node);
    });
    this.renderer.on('clickStage', () => events.clickStage());
    this.renderer.on('enterNode', () => container.classList.add('over-node'));
    this.renderer.on('leaveNode', () => container.classList.remove('over-node'));
  }

  /**
   * Reducers run per node and edge on refresh, not per frame. Sigma hands them a copy of the attributes, which is
   * changed in place and returned so that no object is allocated per call.
   */
  private reduceNode(node: string, data: ViewNodeAttributes & Partial<NodeDisplayData>): Partial<NodeDisplayData> {
    if (this.visible !== null && !this.visible.has(node)) {
      data.hidden = true;
      return data;
    }
    data.label = data.shortLabel;
    if (this.sizeScale !== 1) data.size *= this.sizeScale;
    const highlight = this.highlight;
    if (highlight !== null) {
      if (highlight.nodes.has(node)) {
        data.zIndex = 1;
        if (highlight.nodes.size <= 16) data.forceLabel = true;
      } else {
        data.color = DIM_NODE_COLOR;
        (data as Partial<NodeDisplayData>).label = null;
        data.zIndex = 0;
      }
    }
    if (node === this.focused) {
      data.highlighted = true;
      data.forceLabel = true;
      data.zIndex = 2;
    }
    return data;
  }

  private reduceEdge(edge: string, data: ViewEdgeAttributes & Partial<EdgeDisplayData>): Partial<EdgeDisplayData> {
    const source = this.graph.source(edge);
    const target = this.graph.target(edge);
    if (this.visible !== null && (!this.visible.has(source) || !this.visible.has(target))) {
      data.hidden = true;
      return data;
    }
    const highlight = this.highlight;
    if (highlight !== null) {
      const lit = highlight.edges !== null ? highlight.edges.has(edge) : highlight.nodes.has(source) && highlight.nodes.has(target);
      if (lit) {
        data.zIndex = 1;
        data.size = (data.size ?? 1) * (highlight.edges !== null ? 2.2 : 1.4);
      } else {
        data.color = DIM_EDGE_COLOR;
        data.zIndex = 0;
      }
    }
    return data;
  }

  setVisible(visible: ReadonlySet<string> | null): void {
    this.visible = visible;
    this.renderer.refresh({ skipIndexation: true });
  }

  setHighlight(highlight: Highlight | null, focused: string | null = null): void {
    this.highlight = highlight;
    this.focused = focused;
    this.renderer.refresh({ skipIndexation: true });
  }

  static sizeScaleFor(order: number): number {
    return order <= 1000 ? 1 : Math.max(0.3, Math.sqrt(1000 / order));
  }

  /** Re-reads the graph after nodes or edges were added. */
  refresh(): void {
    this.sizeScale = GraphView.sizeScaleFor(this.graph.order);
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

  /** Moves the camera onto a node. */
  async focusNode(node: string, ratio: number): Promise<void> {
    const data = this.renderer.getNodeDisplayData(node);
    if (data === undefined) return;
    await this.renderer.getCamera().animate({ ...this.centreFor(data.x, data.y, ratio), ratio }, { duration: 450 });
  }

  /** Moves the camera so that every given node is in view. */
  async fitNodes(nodes: Iterable<string>, minRatio = 0.15): Promise<void> {
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    let count = 0;
    for (const node of nodes) {
      const data = this.renderer.getNodeDisplayData(node);
      if (data === undefined) continue;
      count += 1;
      minX = Math.min(minX, data.x);
      maxX = Math.max(maxX, data.x);
      minY = Math.min(minY, data.y);
      maxY = Math.max(maxY, data.y);
    }
    if (count === 0) return;
    // Framed graph coordinates span [0, 1] at ratio 1; leave a margin around the nodes.
    const ratio = Math.min(1.2, Math.max(minRatio, Math.max(maxX - minX, maxY - minY) * 1.35));
    await this.renderer.getCamera().animate({ ...this.centreFor((minX + maxX) / 2, (minY + maxY) / 2, ratio), ratio }, { duration: 450 });
  }

  kill(): void {
    this.renderer.kill();
  }
}
