// Network mode: claimants tied by agreeing or opposing stances (rDNA's one-mode networks), for one incident or all, as of
// the timeline's day, drawn in the panel at their own layout; the graph lights the claimants it holds.
import type { ViewState } from '../../core/state/urlState';
import { AnalysisApi, encodeNetworkOptions } from '../../core/analysis';
import { AS_OF_DEBOUNCE_MS, analysisRefresh, rest, type AnalysisShown } from '../../core/timeline';
import { networkContent } from '../panels/network';
import { retry, type ModeContext, type ModeController, type ModeRun } from './mode';

const KICKER = 'Claimant network';

export class NetworkMode implements ModeController {
  private readonly ctx: ModeContext;
  private readonly analysis: AnalysisApi;
  private shown: AnalysisShown | null = null;
  private abort: AbortController | null = null;

  constructor(ctx: ModeContext) {
    this.ctx = ctx;
    this.analysis = new AnalysisApi(ctx.api, { base: ctx.settings.apiBase, timeoutMs: ctx.settings.requestTimeoutMs });
  }

  async show(state: ViewState, run: ModeRun): Promise<void> {
    const { graph, panel, stage, nav, store } = this.ctx;
    const incident =
      state.focus !== null && graph.hasNode(state.focus) && graph.getNodeAttribute(state.focus, 'type') === 'incident' ? state.focus : null;
    const title = incident === null ? 'Every incident' : graph.getNodeAttribute(incident, 'label');
    const wanted: AnalysisShown = { subject: incident, variant: encodeNetworkOptions(state.network) ?? '', asOf: state.filters.until };
    const showing = panel.isOpen && panel.element.querySelector('.network-canvas') !== null ? this.shown : null;
    const refresh = analysisRefresh(showing, wanted);
    this.abort?.abort();
    if (refresh === 'asOf') {
      await rest(AS_OF_DEBOUNCE_MS);
      if (run.stale()) return;
    } else if (refresh !== 'tab') panel.loading(KICKER, title);
    const abort = new AbortController();
    this.abort = abort;
    try {
      const network = await this.analysis.network(incident, state.filters.until, state.network, abort.signal);
      if (run.stale()) return;
      this.shown = wanted;
      const incidents: Array<[string, string]> = [];
      graph.forEachNode((node, attributes) => {
        if (attributes.type === 'incident') incidents.push([node, attributes.label]);
      });
      incidents.sort((a, b) => a[1].localeCompare(b[1]));
      const claimants = new Set(network.nodes.map((node) => node.key).filter((node) => graph.hasNode(node)));
      stage.setHighlight({ nodes: claimants, edges: new Set() });
      panel.show(
        KICKER,
        title,
        networkContent(
          {
            nav,
            incidents,
            incident,
            options: state.network,
            change: (next, options) => store.update({ focus: next, network: options }, 'push'),
            notice: (text) => this.ctx.notice(text, 'warning'),
          },
          network,
        ),
        run.focusPanel,
      );
    } catch (error) {
      if (run.stale()) return;
      this.shown = null;
      panel.error(KICKER, title, error, retry(store), incident);
    } finally {
      if (this.abort === abort) this.abort = null;
    }
  }
}
