// Runs ForceAtlas2 in a web worker for a time budget based on graph size, then stops it and keeps the positions (the arithmetic is layout.ts).
import Graph from 'graphology';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import type { ExplorerGraph } from './graphData';
import { collectPositions, forceAtlasSettings, parsePositions } from './layout';
import { layoutDurationMs, type ExplorerSettings } from '../settings';

/** Positions kept in localStorage under one key, so a reload (or a shared link opened here) shows the same picture. */
export class PositionStore {
  private readonly key: string;

  constructor(key: string) {
    this.key = key;
  }

  load(): Map<string, { x: number; y: number }> {
    if (this.key === '') return new Map();
    try {
      return parsePositions(window.localStorage.getItem(this.key));
    } catch {
      // Storage can be off (privacy mode); the layout simply runs again.
      return new Map();
    }
  }

  save(graph: ExplorerGraph): void {
    if (this.key === '') return;
    try {
      window.localStorage.setItem(this.key, JSON.stringify(collectPositions(graph)));
    } catch {
      // Quota exceeded or storage off: positions are only an optimisation.
    }
  }
}

export type LayoutListener = (running: boolean) => void;

/**
 * ForceAtlas2 works on a shadow graph that only holds positions and edges, not on the rendered one: every worker
 * iteration writes positions into the graph it runs on, and on the rendered graph each write makes sigma re-process
 * every node. Positions are copied to the rendered graph once per animation frame on small graphs and every
 * `layoutSyncMs` on large ones, so the main thread stays free for hovering and panning.
 */
export class LayoutRunner {
  private readonly graph: ExplorerGraph;
  private readonly settings: ExplorerSettings;
  private readonly store: PositionStore;
  private readonly listener: LayoutListener;
  private layout: FA2Layout | null = null;
  private shadow: Graph | null = null;
  private stopTimer: ReturnType<typeof setTimeout> | null = null;
  private syncTimer: ReturnType<typeof setTimeout> | null = null;
  private frame: number | null = null;

  constructor(graph: ExplorerGraph, settings: ExplorerSettings, store: PositionStore, listener: LayoutListener) {
    this.graph = graph;
    this.settings = settings;
    this.store = store;
    this.listener = listener;
  }

  get running(): boolean {
    return this.layout?.isRunning() ?? false;
  }

  /** Starts (or restarts) the layout; it stops by itself after the size-based budget, or `durationMs` when given. */
  start(durationMs?: number): void {
    this.halt();
    const order = this.graph.order;
    if (order < 2) return;
    const shadow = new Graph({ type: 'directed', multi: true, allowSelfLoops: true });
    this.graph.forEachNode((node, { x, y }) => {
      shadow.addNode(node, { x, y });
    });
    this.graph.forEachEdge((edge, _attributes, source, target) => {
      shadow.addDirectedEdgeWithKey(edge, source, target);
    });
    this.shadow = shadow;
    this.layout = new FA2Layout(shadow, { settings: forceAtlasSettings(order, this.settings.largeGraphNodes) });
    this.layout.start();
    this.listener(true);
    this.scheduleSync(order >= this.settings.largeGraphNodes);
    this.stopTimer = setTimeout(() => this.stop(true), durationMs ?? layoutDurationMs(this.settings, order));
  }

  private scheduleSync(large: boolean): void {
    if (large) {
      this.syncTimer = setTimeout(() => {
        this.sync();
        this.scheduleSync(true);
      }, this.settings.layoutSyncMs);
    } else {
      this.frame = requestAnimationFrame(() => {
        this.sync();
        this.scheduleSync(false);
      });
    }
  }

  /** Copies the shadow's positions into the rendered graph in one batch (one sigma refresh). */
  private sync(): void {
    const shadow = this.shadow;
    if (shadow === null) return;
    this.graph.updateEachNodeAttributes(
      (node, attributes) => {
        if (shadow.hasNode(node)) {
          const position = shadow.getNodeAttributes(node);
          attributes.x = position.x as number;
          attributes.y = position.y as number;
        }
        return attributes;
      },
      { attributes: ['x', 'y'] },
    );
  }

  /** Ends the run without saving; `stop` is the public way. */
  private halt(): boolean {
    if (this.stopTimer !== null) clearTimeout(this.stopTimer);
    if (this.syncTimer !== null) clearTimeout(this.syncTimer);
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.stopTimer = this.syncTimer = this.frame = null;
    const wasRunning = this.running;
    if (this.layout !== null) {
      this.layout.kill();
      this.layout = null;
    }
    return wasRunning;
  }

  /** Stops the layout; `keep` copies its last positions over and saves them. */
  stop(keep = true): void {
    if (keep && this.running) this.sync();
    const wasRunning = this.halt();
    this.shadow = null;
    if (wasRunning) {
      if (keep) this.store.save(this.graph);
      this.listener(false);
    }
  }

  kill(): void {
    this.stop(false);
  }
}
