// What a mode controller is and what it is given: the graph, the API, the panel, the stage, the navigator and the store.
import { RECORD_TYPES, isRecordType } from '../../../../server/model/vocabulary';
import type { ApiClient } from '../../core/api';
import type { ExplorerGraph } from '../../core/graph/graphData';
import { NODE_TYPE_STYLE } from '../../core/graph/style';
import type { ExplorerSettings } from '../../core/settings';
import type { ViewStore } from '../../core/state/store';
import type { ViewState } from '../../core/state/urlState';
import type { GraphStage } from '../graph/stage';
import type { Highlight } from '../graph/graphView';
import type { Navigator, Panel } from '../panels/panel';

export interface ModeContext {
  readonly graph: ExplorerGraph;
  readonly api: ApiClient;
  readonly settings: ExplorerSettings;
  readonly store: ViewStore;
  readonly panel: Panel;
  readonly stage: GraphStage;
  /** What the panel's links and buttons do; every one of them goes through the store. */
  readonly nav: Navigator;
  /** A dismissible line over the graph. */
  notice(text: string, kind?: 'info' | 'warning'): void;
}

/** One showing of a state: whether a newer navigation has replaced it, and whether the panel should take keyboard focus. */
export interface ModeRun {
  stale(): boolean;
  readonly focusPanel: boolean;
}

/**
 * A mode (explore, attribution, paths, chain) shows a view state: it fetches what it needs, fills the panel, and
 * sets the graph's highlight and camera. It checks `run.stale()` after every await and stops when a newer run began.
 */
export interface ModeController {
  show(state: ViewState, run: ModeRun): Promise<void>;
}

/** The panel's small heading for a record: its type's name, or "Record" while it is not in the graph. */
export function kickerFor(graph: ExplorerGraph, id: string): string {
  const type = graph.hasNode(id) ? graph.getNodeAttribute(id, 'type') : undefined;
  return isRecordType(type) ? NODE_TYPE_STYLE[type].label : 'Record';
}

export function labelFor(graph: ExplorerGraph, id: string): string {
  return graph.hasNode(id) ? graph.getNodeAttribute(id, 'label') : id;
}

/** A node and its neighbours, lit. */
export function neighbourhood(graph: ExplorerGraph, id: string): Highlight {
  const nodes = new Set<string>([id]);
  graph.forEachNeighbor(id, (neighbor) => nodes.add(neighbor));
  return { nodes, edges: null };
}

/** What a node of an unexpected type is reported as. */
export function unexpectedType(id: string, type: unknown): Error {
  return new Error(`${id}: expected a node of type ${RECORD_TYPES.join(', ')}; got ${String(type)}`);
}

/** Shows the current state again, focusing the panel: what the panel's Retry button does. */
export function retry(store: ViewStore): () => void {
  return () => store.reload({ focusPanel: true });
}
