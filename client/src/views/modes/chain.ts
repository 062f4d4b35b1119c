// Chain mode: a claim's evidence chain upstream, or its follow-ups downstream, listed by depth and lit with their claimants.
import type { Chain } from '../../../../server/model/api';
import type { ViewState } from '../../core/state/urlState';
import { el } from '../dom';
import { chainContent } from '../panels/chain';
import { labelFor, retry, type ModeContext, type ModeController, type ModeRun } from './mode';

/**
 * The chain read left to right: upstream, the origin on the left and the claim it supports on the right; downstream,
 * the claim on the left and its follow-ups to the right. Claimants, sources and subjects sit half a column beside
 * their claims (layered.ts).
 */
export function chainColumns(chain: Chain): { ranks: Map<string, number>; edges: Array<[string, string]> } {
  const depths = new Map<string, number>([[chain.root, 0]]);
  for (const step of chain.steps) depths.set(step.claim.id, Math.min(depths.get(step.claim.id) ?? Infinity, step.depth));
  const deepest = Math.max(...depths.values());
  const ranks = new Map<string, number>();
  for (const [claim, depth] of depths) ranks.set(claim, chain.direction === 'upstream' ? deepest - depth : depth);
  return { ranks, edges: chain.graph.edges.map((edge) => [edge.source, edge.target]) };
}

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
      stage.setFocus({ nodes, highlight: { nodes: lit, edges }, focused: id, layered: chainColumns(chain) });
      panel.show(kicker, labelFor(graph, id), chainContent(nav, chain), run.focusPanel);
    } catch (error) {
      if (run.stale()) return;
      panel.error(kicker, labelFor(graph, id), error, retry(this.ctx.store), id);
    }
  }
}
