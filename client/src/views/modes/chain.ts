// Chain mode: a claim's evidence chain upstream, or its follow-ups downstream, listed by depth and lit with their claimants.
import type { ViewState } from '../../core/state/urlState';
import { el } from '../dom';
import { chainContent } from '../panels/chain';
import { labelFor, retry, type ModeContext, type ModeController, type ModeRun } from './mode';

export class ChainMode implements ModeController {
  private readonly ctx: ModeContext;

  constructor(ctx: ModeContext) {
    this.ctx = ctx;
  }

  async show(state: ViewState, run: ModeRun): Promise<void> {
    const { graph, api, panel, stage, nav } = this.ctx;
    const id = state.focus;
    const kicker = state.direction === 'upstream' ? 'Evidence chain (upstream)' : 'Follow-ups (downstream)';
    if (id === null) {
      panel.show(
        kicker,
        'Pick a claim',
        [el('p', { class: 'muted', text: 'Open a claim and choose “Evidence chain” to follow it to its origin.' })],
        run.focusPanel,
      );
      return;
    }
    panel.loading(kicker, labelFor(graph, id));
    try {
      const chain = await api.chain(id, state.direction);
      if (run.stale()) return;
      const nodes = stage.merge(chain.graph, `GET /api/graph/chains/${id}`);
      // The chain's claims and the links between them, and each claim's claimant with its MADE edge.
      const claims = new Set(chain.steps.map((step) => step.claim.id));
      const edges = new Set<string>();
      for (const edge of chain.graph.edges) if (claims.has(edge.source) && claims.has(edge.target)) edges.add(edge.key);
      const lit = new Set([...claims, ...chain.steps.map((step) => step.claimant.id)]);
      graph.forEachEdge((edge, attributes, source, target) => {
        if (attributes.type === 'MADE' && lit.has(source) && claims.has(target)) edges.add(edge);
      });
      stage.setHighlight({ nodes: lit, edges }, id);
      stage.fitNodes(nodes);
      panel.show(kicker, labelFor(graph, id), chainContent(nav, chain), run.focusPanel);
    } catch (error) {
      if (run.stale()) return;
      panel.error(kicker, labelFor(graph, id), error, retry(this.ctx.store));
    }
  }
}
