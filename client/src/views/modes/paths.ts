// Paths mode: the shortest paths between two nodes, listed in the panel and lit in the graph, one or all at a time.
import type { PathsResponse } from '../../../../server/model/api';
import type { ViewState } from '../../core/state/urlState';
import { el } from '../dom';
import { pathsForm, pathsResults, type PathsContext } from '../panels/paths';
import { labelFor, retry, type ModeContext, type ModeController, type ModeRun } from './mode';

const KICKER = 'Shortest paths';

export class PathsMode implements ModeController {
  private readonly ctx: ModeContext;
  /** The paths on show, for the buttons that light one or all of them. */
  private response: PathsResponse | null = null;

  constructor(ctx: ModeContext) {
    this.ctx = ctx;
  }

  async show(state: ViewState, run: ModeRun): Promise<void> {
    const { graph, api, settings, panel, stage } = this.ctx;
    const forms = this.formContext();
    const title =
      state.from !== null && state.to !== null ? `${labelFor(graph, state.from)} → ${labelFor(graph, state.to)}` : 'Pick two nodes';
    const form = pathsForm(forms, state.from, state.to);
    this.response = null;
    if (state.from === null || state.to === null) {
      const ends = [state.from, state.to].filter((id): id is string => id !== null && graph.hasNode(id));
      stage.setHighlight(ends.length === 0 ? null : { nodes: new Set(ends), edges: new Set() });
      panel.show(
        KICKER,
        title,
        [
          form,
          el('p', {
            class: 'muted',
            text: 'Type a name in each box; the shortest paths between them appear here and light up in the graph.',
          }),
        ],
        run.focusPanel,
      );
      return;
    }
    panel.show(
      KICKER,
      title,
      [form, el('p', { class: 'muted loading-line', text: 'Looking for paths…', attrs: { role: 'status' } })],
      run.focusPanel,
    );
    try {
      const response = await api.paths(state.from, state.to, settings.pathMaxHops);
      if (run.stale()) return;
      stage.merge(response.graph, 'GET /api/graph/paths');
      this.response = response;
      this.highlight(null);
      const finalTitle = `${labelFor(graph, state.from)} → ${labelFor(graph, state.to)}`;
      panel.show(
        KICKER,
        finalTitle,
        [pathsForm(forms, state.from, state.to), el('div', { class: 'path-results' }, pathsResults(forms, response))],
        run.focusPanel,
      );
    } catch (error) {
      if (run.stale()) return;
      panel.error(KICKER, title, error, retry(this.ctx.store), `${state.from} → ${state.to}`);
    }
  }

  /** Lights one path, or all of them with null, and frames what is lit. */
  private highlight(index: number | null): void {
    const response = this.response;
    if (response === null) return;
    const chosen = index === null ? response.paths : response.paths.slice(index, index + 1);
    const nodes = new Set(chosen.flatMap((path) => path.nodes));
    const edges = new Set(chosen.flatMap((path) => path.edges));
    // Left to right from the start: a node's column is its place along the path (the first, where paths share it).
    const ranks = new Map<string, number>();
    for (const path of chosen) path.nodes.forEach((node, index) => ranks.set(node, Math.min(ranks.get(node) ?? Infinity, index)));
    const { graph } = this.ctx;
    const links = [...edges].filter((key) => graph.hasEdge(key)).map((key) => [graph.source(key), graph.target(key)] as [string, string]);
    this.ctx.stage.setFocus({ nodes, highlight: { nodes, edges }, focused: null, layered: { ranks, edges: links } });
  }

  private formContext(): PathsContext {
    const { graph, api, settings, nav, store } = this.ctx;
    return {
      api,
      settings,
      nav,
      describe: (id) => {
        if (!graph.hasNode(id)) return null;
        const attributes = graph.getNodeAttributes(id);
        return { label: attributes.label, type: attributes.type, color: attributes.color };
      },
      edgeSource: (key) => (graph.hasEdge(key) ? graph.source(key) : null),
      setEnds: (from, to) => store.update({ mode: 'paths', focus: null, from, to }, 'push'),
      showPath: (index) => this.highlight(index),
    };
  }
}
