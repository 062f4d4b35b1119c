// Explore mode: one record's panel (actor, claim, source or incident) with its neighbourhood lit, and expanding a node's neighbours.
import { AnalysisApi } from '../../core/analysis';
import { ApiProblemError, MissingRecordError } from '../../core/errors';
import { explanationFromGraph } from '../../core/graph/explanationFromGraph';
import type { GrowthPlan } from '../../core/graph/growth';
import { el } from '../dom';
import { attributionContent } from '../panels/attribution';
import { provenanceSection } from '../panels/provenance';
import { actorContent, claimContent, explanationContent, sourceContent } from '../panels/records';
import { kickerFor, labelFor, neighbourhood, retry, unexpectedType, type ModeContext, type ModeController, type ModeRun } from './mode';
import type { ViewState } from '../../core/state/urlState';

/** On a graph that starts small: the paging of each node's neighbourhood, and the node "Explore all" grows from. */
export interface Growth {
  plan: GrowthPlan;
  /** The most accused incident, or null on a graph without incidents. */
  seed: string | null;
}

export class ExploreMode implements ModeController {
  private readonly ctx: ModeContext;
  private growth: Growth | null = null;

  constructor(ctx: ModeContext) {
    this.ctx = ctx;
  }

  /** The graph is too large to load whole: neighbourhoods are asked for a page at a time, never above the cap. */
  startSmall(growth: Growth): void {
    this.growth = growth;
  }

  async show(state: ViewState, run: ModeRun): Promise<void> {
    const { graph, panel, stage } = this.ctx;
    const id = state.focus;
    if (id === null) {
      panel.hide();
      stage.setHighlight(null);
      stage.releaseCamera();
      // "Explore all" on a large graph: the most accused incident and a page of its neighbours, grown from there.
      const seed = this.growth?.seed ?? null;
      if (seed !== null && graph.order === 0) {
        await this.expand(seed);
        if (!run.stale() && graph.hasNode(seed)) stage.fitNodes(neighbourhood(graph, seed).nodes);
      }
      return;
    }
    panel.loading(kickerFor(graph, id), labelFor(graph, id));
    try {
      if (!(await this.ensureNode(id))) throw new MissingRecordError(id);
      if (run.stale()) return;
      stage.setHighlight(neighbourhood(graph, id), id);
      stage.syncCursor(id);
      stage.focusNode(id);
      panel.loading(kickerFor(graph, id), labelFor(graph, id));
      const { title, content } = await this.record(id);
      if (run.stale()) return;
      panel.show(kickerFor(graph, id), title, content, run.focusPanel);
    } catch (error) {
      if (run.stale()) return;
      panel.error(kickerFor(graph, id), labelFor(graph, id), error, retry(this.ctx.store), id);
    }
  }

  /**
   * Fetches a node's neighbourhood from the API and merges it (double-click or the panel's button). On a graph that
   * starts small each expansion of a node is one more page of its neighbours, up to the cap (`expandLimit`).
   */
  async expand(id: string): Promise<void> {
    const { graph, stage, store } = this.ctx;
    try {
      const before = graph.order;
      const grown = await this.fetchNeighbours(id);
      if (grown === null) {
        this.ctx.notice(
          `${labelFor(graph, id)} shows as many neighbours as one node may (${this.ctx.settings.expandLimit}), or all it has.`,
        );
        return;
      }
      const added = graph.order - before;
      this.ctx.notice(
        added === 0
          ? `Every neighbour of ${labelFor(graph, id)} was already shown.`
          : `Added ${added} neighbour${added === 1 ? '' : 's'} of ${labelFor(graph, id)}.`,
      );
      if (store.state.mode === 'explore' && store.state.focus === id) stage.setHighlight(neighbourhood(graph, id), id);
    } catch (error) {
      this.ctx.notice(`Could not expand ${labelFor(graph, id)}: ${error instanceof Error ? error.message : String(error)}`, 'warning');
    }
  }

  /**
   * Asks for a node's neighbourhood and merges it: the configured depth and size, or on a graph that starts small the
   * next page of its neighbours. Null when that node has no page left to ask for.
   */
  private async fetchNeighbours(id: string, depth = this.ctx.settings.expandDepth): Promise<boolean | null> {
    const { api, settings, stage } = this.ctx;
    const plan = this.growth?.plan ?? null;
    const limit = plan === null ? settings.expandLimit : plan.nextLimit(id);
    if (limit === null) return null;
    // Growing a large graph goes one hop at a time: a deeper request would spend the page on the neighbours' neighbours.
    const response = await api.neighborhood(id, plan === null ? depth : 1, limit);
    plan?.record(id, limit, response.truncated);
    stage.merge(response.graph, `GET /api/graph/neighborhood/${id}`);
    return true;
  }

  /** Makes sure a node is in the graph, fetching its neighbourhood when it is not. */
  private async ensureNode(id: string): Promise<boolean> {
    const { graph } = this.ctx;
    if (graph.hasNode(id)) return true;
    await this.fetchNeighbours(id, 1);
    return graph.hasNode(id);
  }

  /**
   * An explanation's detail from `GET /api/explanations/:id`; a server that answers 404 there (no such route yet)
   * gets it read from the graph the page holds, whose ACCUSES edges carry each claim's stance and incident.
   */
  private async explanation(id: string) {
    try {
      return await this.ctx.api.explanation(id);
    } catch (error) {
      const fallback = error instanceof ApiProblemError && error.problem.status === 404 ? explanationFromGraph(this.ctx.graph, id) : null;
      if (fallback === null) throw error;
      return fallback;
    }
  }

  /** The panel's title and content for a record, by its type. */
  private async record(id: string): Promise<{ title: string; content: Array<Node | null> }> {
    const { graph, api, nav } = this.ctx;
    const type = graph.getNodeAttribute(id, 'type');
    switch (type) {
      case 'actor': {
        const detail = await api.actor(id);
        return { title: detail.actor.name, content: actorContent(nav, detail) };
      }
      case 'claim': {
        const detail = await api.claim(id);
        const analysis = new AnalysisApi(api, { base: this.ctx.settings.apiBase, timeoutMs: this.ctx.settings.requestTimeoutMs });
        return {
          title: `${detail.claimant.name}: ${detail.claim.kind}`,
          content: claimContent(nav, detail, provenanceSection(analysis, nav, detail)),
        };
      }
      case 'source': {
        const detail = await api.source(id);
        return { title: detail.source.title, content: sourceContent(nav, detail) };
      }
      case 'explanation': {
        const detail = await this.explanation(id);
        return { title: detail.explanation.name, content: explanationContent(nav, detail) };
      }
      case 'incident': {
        const attribution = await api.attribution(id);
        const content = [
          ...attributionContent(nav, attribution),
          el('div', { class: 'panel-actions' }, [
            el('button', {
              class: 'button small',
              text: 'Open the attribution view',
              attrs: { type: 'button', 'data-action': 'attribution' },
              on: { click: () => nav.attribution(id) },
            }),
          ]),
        ];
        return { title: attribution.incident.name, content };
      }
      default:
        throw unexpectedType(id, type);
    }
  }
}
