// Attribution mode: who blames whom for one incident, as of the timeline's day, in three tabs (the sides per target with
// contested badges, the who-blames-whom matrix, competing hypotheses), with the incident's claims lit; without an
// incident, a list to pick one from. A timeline step only redraws the tab, after a pause, so a replay stays smooth.
import type { Attribution } from '../../../../server/model/api';
import type { ViewState } from '../../core/state/urlState';
import { AnalysisApi, asOfWords, contestedBadges, contestedIndex, type AttributionTab, type ContestedIndex } from '../../core/analysis';
import { NODE_TYPE_STYLE } from '../../core/graph/style';
import { AS_OF_DEBOUNCE_MS, analysisRefresh, rest, type AnalysisShown } from '../../core/timeline';
import { el, setChildren, swatch } from '../dom';
import { achContent } from '../panels/ach';
import { WIDEST_ATTRIBUTION_PAGE, attributionContent, attributionTabs } from '../panels/attribution';
import { matrixContent } from '../panels/matrix';
import { labelFor, retry, type ModeContext, type ModeController, type ModeRun } from './mode';

export class AttributionMode implements ModeController {
  private readonly ctx: ModeContext;
  private readonly analysis: AnalysisApi;
  /** What the panel shows while `tabpanel` is in it; a redraw for a new tab or day replaces only the tab's content. */
  private shown: AnalysisShown | null = null;
  private title = '';
  private tabsHost: HTMLElement | null = null;
  private tabpanel: HTMLElement | null = null;
  /** The sides tab lists the widest page once the person asked for more, until another incident opens. */
  private widest = false;
  private abort: AbortController | null = null;
  /** The incident's contradictions as of a day: the graph's badges and the sides and matrix tabs share one fetch. */
  private contested: { key: string; index: Promise<ContestedIndex> } | null = null;

  constructor(ctx: ModeContext) {
    this.ctx = ctx;
    this.analysis = new AnalysisApi(ctx.api, { base: ctx.settings.apiBase, timeoutMs: ctx.settings.requestTimeoutMs });
  }

  async show(state: ViewState, run: ModeRun): Promise<void> {
    const { graph, panel } = this.ctx;
    const id = state.focus;
    this.abort?.abort();
    if (id === null) {
      this.shown = null;
      this.showIncidentPicker(run.focusPanel);
      return;
    }
    const wanted: AnalysisShown = { subject: id, variant: state.tab, asOf: state.filters.until };
    const showing = this.tabpanel?.isConnected === true ? this.shown : null;
    const refresh = analysisRefresh(showing, wanted);
    if (refresh === 'full' && showing?.subject !== id) this.widest = false;
    // The same view shown again (a stored rating, "list more", Retry) only redraws the tab, as a new tab does.
    if (refresh !== 'full') {
      this.tabpanel?.classList.add('updating');
      this.tabpanel?.setAttribute('aria-busy', 'true');
      this.tabpanel?.querySelector('.as-of-note')?.classList.add('updating');
      // A timeline step waits: if the next step comes first, this run is stale and asks for nothing.
      if (refresh === 'asOf') await rest(AS_OF_DEBOUNCE_MS);
      if (run.stale()) return;
    } else {
      panel.loading('Attribution', labelFor(graph, id));
    }
    const abort = new AbortController();
    this.abort = abort;
    // Asked for now, beside the attribution rather than after it: the badges then come with the drawing.
    const contested = this.contestedOf(id, state.filters.until);
    try {
      // A new incident fetches the attribution, for the title and the graph's drawing. The drawing is the incident's
      // whole subgraph whatever the day, and the timeline filter hides what came later: a link with a day then draws
      // what a page that moved its timeline to that day draws, and a replay never changes which nodes are framed.
      const framed = refresh === 'full' ? await this.frame(id, abort.signal, run) : null;
      if (run.stale()) return;
      const content = await this.tabContent(state.tab, id, state.filters.until, abort.signal, state.filters.until === null ? framed : null);
      if (run.stale()) return;
      this.shown = wanted;
      if (refresh === 'full' || this.tabpanel === null || this.tabsHost === null) {
        this.tabsHost = el('div', { class: 'tabs-host' });
        this.tabpanel = el('div', { class: 'analysis-tabpanel', attrs: { role: 'tabpanel' } });
        panel.show('Attribution', this.title, [this.tabsHost, this.tabpanel], run.focusPanel);
      }
      const tabFocused = this.tabsHost.contains(document.activeElement);
      setChildren(this.tabsHost, [attributionTabs(state.tab, (tab) => this.pick(tab))]);
      // The tab a person clicked or arrowed to keeps keyboard focus after the bar is redrawn.
      if (tabFocused) this.tabsHost.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
      this.tabpanel.classList.remove('updating');
      this.tabpanel.removeAttribute('aria-busy');
      this.tabpanel.dataset.tab = state.tab;
      this.tabpanel.dataset.asOf = state.filters.until ?? '';
      setChildren(this.tabpanel, content);
      // The badges follow the day on show; the ACH tab, which needs no contradictions, still shows if they fail.
      const badges = await contested.then(contestedBadges, () => null);
      if (run.stale()) return;
      if (badges !== null) this.ctx.stage.setBadges(badges);
    } catch (error) {
      if (run.stale()) return;
      this.shown = null;
      panel.error('Attribution', labelFor(graph, id), error, retry(this.ctx.store), id);
    } finally {
      if (this.abort === abort) this.abort = null;
    }
  }

  /**
   * Fetched without the showing's abort signal: a later showing of the same day reuses the answer, so an aborted
   * showing must not cancel it. A failed fetch is forgotten, so the next showing asks again.
   */
  private contestedOf(id: string, asOf: string | null): Promise<ContestedIndex> {
    const key = `${id}\u0000${asOf ?? ''}`;
    if (this.contested?.key === key) return this.contested.index;
    const index = this.analysis.contradictions(id, asOf).then((found) => contestedIndex(found.contradictions));
    this.contested = { key, index };
    index.catch(() => {
      if (this.contested?.index === index) this.contested = null;
    });
    return index;
  }

  private pick(tab: AttributionTab): void {
    if (tab !== this.ctx.store.state.tab) this.ctx.store.update({ tab }, 'push');
  }

  /** The incident's name for the title, and its subgraph drawn where the force layout put it, and framed. */
  private async frame(id: string, signal: AbortSignal, run: ModeRun): Promise<Attribution | null> {
    const { stage } = this.ctx;
    const attribution = await this.analysis.attribution(id, null, this.widest ? WIDEST_ATTRIBUTION_PAGE : undefined, signal);
    if (run.stale()) return null;
    this.title = attribution.incident.name;
    const nodes = stage.merge(attribution.graph, `GET /api/incidents/${id}/attribution`);
    stage.setFocus({ nodes, highlight: null, focused: id, layered: null });
    return attribution;
  }

  /** `framed`, the answer the redraw fetched when no day is set, is what the sides tab shows. */
  private async tabContent(
    tab: AttributionTab,
    id: string,
    asOf: string | null,
    signal: AbortSignal,
    framed: Attribution | null,
  ): Promise<Array<Node | null>> {
    const { nav, api, settings, store } = this.ctx;
    switch (tab) {
      case 'sides': {
        const [attribution, contested] = await Promise.all([
          framed ?? this.analysis.attribution(id, asOf, this.widest ? WIDEST_ATTRIBUTION_PAGE : undefined, signal),
          this.contestedOf(id, asOf),
        ]);
        const listMore = this.widest
          ? undefined
          : () => {
              this.widest = true;
              store.reload({ focusPanel: true });
            };
        return [
          el('p', { class: 'muted as-of-note', text: asOfWords(attribution.asOf) }),
          ...attributionContent(nav, attribution, listMore, contested),
          el('a', {
            class: 'button small',
            text: 'Download the contradictions (CSV)',
            attrs: {
              href: this.analysis.csvUrl({ view: 'contradictions', incident: id, asOf }),
              download: '',
              'data-action': 'contradictions-csv',
            },
          }),
        ];
      }
      case 'matrix': {
        const [matrix, contested] = await Promise.all([this.analysis.matrix(id, asOf, signal), this.contestedOf(id, asOf)]);
        return matrixContent(
          { nav, api, apiBase: settings.apiBase, notice: (text) => this.ctx.notice(text, 'warning') },
          matrix,
          contested,
        );
      }
      case 'ach': {
        const ach = await this.analysis.ach(id, asOf, signal);
        return achContent({ nav, analysis: this.analysis, reload: () => store.reload() }, ach);
      }
    }
  }

  private showIncidentPicker(focusPanel: boolean): void {
    const { graph, panel, stage, nav } = this.ctx;
    const incidents: Array<[string, string]> = [];
    graph.forEachNode((node, attributes) => {
      if (attributes.type === 'incident') incidents.push([node, attributes.label]);
    });
    incidents.sort((a, b) => a[1].localeCompare(b[1]));
    stage.setHighlight({ nodes: new Set(incidents.map(([id]) => id)), edges: null });
    panel.show(
      'Attribution',
      'Pick an incident',
      [
        el('p', { class: 'muted', text: 'Who blames whom for each incident: choose one.' }),
        el(
          'ul',
          { class: 'incident-list' },
          incidents.map(([id, label]) =>
            el('li', {}, [
              el('button', { class: 'node-link', attrs: { type: 'button', 'data-node': id }, on: { click: () => nav.attribution(id) } }, [
                swatch('square', NODE_TYPE_STYLE.incident.color),
                el('span', { text: label }),
              ]),
            ]),
          ),
        ),
      ],
      focusPanel,
    );
  }
}
