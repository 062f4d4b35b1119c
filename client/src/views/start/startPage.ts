// The start page: what to do, a search box, "Explore all", and every incident with its most-blamed targets as stacked stance bars.
import type { Overview, OverviewIncident, OverviewTarget } from '../../../../server/model/overview';
import type { SearchResult } from '../../../../server/model/api';
import { describeError } from '../../core/errors';
import { hiddenBanner } from '../../core/graph/growth';
import { NODE_TYPE_STYLE, STANCE_LABELS } from '../../core/graph/style';
import { fetchOverview, incidentWords, moreTargetsWords, stanceSegments, targetWords } from '../../core/overview';
import { encodeViewState, startViewState, type ViewState } from '../../core/state/urlState';
import { Autocomplete } from '../controls/search';
import { el, setChildren } from '../dom';
import type { ModeContext, ModeController, ModeRun } from '../modes/mode';

export interface StartPageActions {
  /** Opens an incident's attribution, its subgraph framed. */
  attribution(incidentId: string): void;
  /** The whole graph, or on a large graph the view grown from one node. */
  exploreAll(): void;
  /** A search result picked on the start page. */
  pick(result: SearchResult): void;
}

export class StartPage implements ModeController {
  readonly element: HTMLElement;
  private readonly ctx: ModeContext;
  private readonly actions: StartPageActions;
  private readonly search: Autocomplete;
  private readonly summary: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly more: HTMLElement;
  private incidents: OverviewIncident[] = [];
  private nextCursor: string | null = null;
  private size: { nodes: number; incidents: number; startsSmall: boolean } | null = null;

  constructor(ctx: ModeContext, actions: StartPageActions) {
    this.ctx = ctx;
    this.actions = actions;
    this.search = new Autocomplete({
      api: ctx.api,
      debounceMs: ctx.settings.searchDebounceMs,
      limit: ctx.settings.searchLimit,
      label: 'Search to start: actors, incidents, claims and sources',
      placeholder: 'Search for an actor, incident, claim or source',
      onPick: (result) => actions.pick(result),
    });
    this.search.element.classList.add('start-search');
    this.summary = el('p', { class: 'start-summary muted' });
    this.list = el('ol', { class: 'start-incidents', attrs: { 'aria-label': 'Incidents, the most accused first' } });
    this.more = el('div', { class: 'start-more' });
    this.element = el(
      'section',
      { class: 'start-page', attrs: { id: 'start', 'aria-labelledby': 'start-title', hidden: true, tabindex: -1 } },
      [
        el('div', { class: 'start-inner' }, [
          el('h2', { class: 'start-title', text: 'Who was blamed for what', attrs: { id: 'start-title' } }),
          el('p', {
            class: 'start-intro',
            text: 'Pick an incident to see who blames whom for it and on what evidence, search for any actor, claim or source, or explore the whole graph.',
          }),
          el('div', { class: 'start-actions' }, [
            this.search.element,
            el('button', {
              class: 'button primary',
              text: 'Explore all',
              attrs: { type: 'button', 'data-action': 'explore-all' },
              on: { click: () => actions.exploreAll() },
            }),
          ]),
          this.summary,
          this.list,
          this.more,
        ]),
      ],
    );
  }

  /** The first page of the overview, which the explorer's load fetched to learn the graph's size. */
  setOverview(overview: Overview, startsSmall: boolean): void {
    this.size = { nodes: overview.nodes, incidents: overview.incidentTotal, startsSmall };
    this.incidents = [...overview.incidents];
    this.nextCursor = overview.nextCursor;
    this.render();
  }

  async show(_state: ViewState, run: ModeRun): Promise<void> {
    const { panel, stage } = this.ctx;
    panel.hide();
    stage.setHighlight(null);
    this.element.hidden = false;
    this.render();
    if (run.focusPanel) this.element.focus();
    return Promise.resolve();
  }

  hide(): void {
    this.element.hidden = true;
  }

  private render(): void {
    if (this.size !== null) {
      const { nodes, incidents, startsSmall } = this.size;
      const counts = `${incidents.toLocaleString('en-US')} incidents · ${nodes.toLocaleString('en-US')} records`;
      setChildren(this.summary, [
        counts,
        startsSmall
          ? ` — too many to draw at once: “Explore all” starts from the most accused incident and grows as you expand nodes.`
          : null,
      ]);
    }
    setChildren(
      this.list,
      this.incidents.map((entry) => this.incidentItem(entry)),
    );
    setChildren(this.more, [
      this.nextCursor === null
        ? null
        : el('button', {
            class: 'button small',
            text: 'Show more incidents',
            attrs: { type: 'button', 'data-action': 'more-incidents' },
            on: { click: () => void this.loadMore() },
          }),
    ]);
  }

  private incidentItem(entry: OverviewIncident): HTMLLIElement {
    const { id, name } = entry.incident;
    const query = encodeViewState({ ...startViewState(), mode: 'attribution', focus: id });
    const link = el('a', {
      class: 'start-incident-link',
      text: name,
      attrs: { href: `${window.location.pathname}?${query}`, 'data-incident': id },
      on: {
        click: (event) => {
          // A modified click opens a new tab as any link does; a plain one stays in the page.
          if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
          event.preventDefault();
          this.actions.attribution(id);
        },
      },
    });
    const others = moreTargetsWords(entry);
    return el('li', { class: 'start-incident', attrs: { 'data-incident': id } }, [
      el('h3', { class: 'start-incident-name' }, [link]),
      el('p', { class: 'muted start-incident-counts', text: incidentWords(entry) }),
      entry.targets.length === 0
        ? null
        : el(
            'ul',
            { class: 'start-targets', attrs: { 'aria-label': `Most blamed for ${name}` } },
            entry.targets.map((target) => this.targetItem(target)),
          ),
      others === null ? null : el('p', { class: 'muted start-others', text: others }),
    ]);
  }

  private targetItem(target: OverviewTarget): HTMLLIElement {
    const words = targetWords(target);
    const bar = el(
      'span',
      { class: 'stance-bar', attrs: { role: 'img', 'aria-label': `${target.name}: ${words}`, title: words } },
      stanceSegments(target.claims).map((segment) => {
        const part = el('span', {
          class: `stance-segment stance-${segment.stance}`,
          attrs: {
            'data-stance': segment.stance,
            'data-count': segment.count,
            title: `${STANCE_LABELS[segment.stance]}: ${segment.count}`,
          },
        });
        // Set through the CSSOM: the page's CSP refuses style attributes.
        part.style.flexGrow = String(segment.count);
        return part;
      }),
    );
    return el('li', { class: 'start-target', attrs: { 'data-target': target.id, 'data-type': target.type } }, [
      el('span', { class: 'start-target-name', text: target.name }),
      el('span', { class: 'start-target-type muted', text: target.type === 'explanation' ? NODE_TYPE_STYLE.explanation.label : 'Accused' }),
      bar,
      el('span', {
        class: 'start-target-independent',
        text: `${target.independentClaimants.asserts} independent`,
        title: 'Independent claimants asserting: affiliated claimants (an agency and its director) count once',
      }),
    ]);
  }

  private async loadMore(): Promise<void> {
    const cursor = this.nextCursor;
    if (cursor === null) return;
    setChildren(this.more, [el('p', { class: 'muted', text: 'Loading more incidents…' })]);
    try {
      const page = await fetchOverview(this.ctx.api, { limit: this.ctx.settings.overviewIncidents, cursor });
      this.incidents.push(...page.incidents);
      this.nextCursor = page.nextCursor;
      this.render();
    } catch (error) {
      const { title, detail } = describeError(error);
      setChildren(this.more, [
        el('p', { class: 'problem-detail', text: `${title}: ${detail}` }),
        el('button', {
          class: 'button small',
          text: 'Retry',
          attrs: { type: 'button', 'data-action': 'more-incidents' },
          on: { click: () => void this.loadMore() },
        }),
      ]);
    }
  }
}

/** The banner over a graph that starts small: how much is hidden, and "show more" for the node last expanded. */
export class GrowthBanner {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;
  private readonly action: HTMLElement;

  constructor() {
    this.text = el('span', { class: 'growth-text' });
    this.action = el('span', { class: 'growth-action' });
    this.element = el('div', { class: 'growth-banner', attrs: { id: 'growth-banner', role: 'status', hidden: true } }, [
      this.text,
      this.action,
    ]);
  }

  /** Shown with `shown` of `total` nodes; `offer` is the node whose neighbourhood has more, with a button for it. */
  update(visible: boolean, shown: number, total: number, offer: { label: string; more: number; run: () => void } | null): void {
    this.element.hidden = !visible;
    if (!visible) return;
    this.text.textContent = `${hiddenBanner(shown, total)} — double-click a node, or use its panel, to expand its neighbours.`;
    setChildren(this.action, [
      offer === null
        ? null
        : el('button', {
            class: 'button small',
            text: `Show ${offer.more} more of ${offer.label}`,
            attrs: { type: 'button', 'data-action': 'grow-more' },
            on: { click: offer.run },
          }),
    ]);
  }
}
