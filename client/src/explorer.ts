// The explorer's controller: owns the graph, the view state and the URL, and wires the view, panel, search and controls.
import type { PathsResponse } from '../../server/model/api';
import { ApiClient } from './api';
import { attributionContent, WIDEST_ATTRIBUTION_PAGE } from './attribution';
import { chainContent } from './chain';
import { el, setChildren, swatch } from './dom';
import { createExportMenu } from './exportMenu';
import { viewSubgraph } from './exporters';
import { FilterControls } from './filterControls';
import { computeVisibleNodes, isDefaultFilters, type FilterState } from './filters';
import { allPlaced, createExplorerGraph, mergeSerializedGraph, type ExplorerGraph, type WireGraph } from './graphData';
import { GraphView, type Highlight } from './graphView';
import { LayoutRunner, PositionStore } from './layoutRunner';
import { createLegend } from './legend';
import { Panel, actorContent, claimContent, sourceContent, type Navigator } from './panel';
import { pathsForm, pathsResults, type PathsContext } from './paths';
import { Autocomplete } from './search';
import type { ExplorerSettings } from './settings';
import { StatusLayer } from './status';
import { NODE_TYPE_STYLE, isNodeType } from './style';
import { claimVisibleOn, isoToDay, timelineRange } from './timeline';
import { TimelineControl } from './timelineControl';
import { decodeViewState, encodeViewState, serverExportQuery, type ChainDirection, type Mode, type ViewState } from './urlState';

type HistoryMode = 'push' | 'replace' | 'none';

/** The part of the state that decides what the panel shows; filters only change what is drawn. */
function contentKey(state: ViewState): string {
  return [state.mode, state.focus, state.from, state.to, state.direction].join('|');
}

function sameFilters(a: FilterState, b: FilterState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class Explorer {
  readonly graph: ExplorerGraph = createExplorerGraph();
  private readonly settings: ExplorerSettings;
  private readonly api: ApiClient;
  private state: ViewState;
  private view: GraphView | null = null;
  private layout: LayoutRunner | null = null;
  private readonly positions: PositionStore;
  private visible: Set<string> | null = null;
  private loadedKey: string | null = null;
  private generation = 0;
  private pathsResponse: PathsResponse | null = null;
  /** Where the camera was last sent; repeated when a layout run ends, since the layout moves what it aimed at. */
  private cameraTarget: (() => void) | null = null;
  /** Automatic retries of the first load since the last success; a few, so a database that stays down is not polled forever. */
  private autoRetries = 0;
  /** Requests in flight; the test hook reads it to know when the page has settled. */
  pending = 0;
  loaded = false;

  private readonly stage: HTMLElement;
  private readonly graphContainer: HTMLDivElement;
  private readonly status = new StatusLayer();
  private readonly panel: Panel;
  private readonly filterControls: FilterControls;
  private readonly timeline: TimelineControl;
  private readonly search: Autocomplete;
  private readonly modeButtons = new Map<Mode, HTMLButtonElement>();
  private readonly layoutButton: HTMLButtonElement;
  private readonly sidebar: HTMLElement;
  private readonly nav: Navigator;

  constructor(root: HTMLElement, settings: ExplorerSettings) {
    this.settings = settings;
    this.api = new ApiClient({ base: settings.apiBase, timeoutMs: settings.requestTimeoutMs });
    this.positions = new PositionStore(settings.positionsStorageKey);
    this.state = decodeViewState(window.location.search).state;
    this.nav = {
      open: (id) => void this.navigate({ mode: 'explore', focus: id }, 'push', true),
      expand: (id) => void this.expand(id),
      attribution: (id) => void this.navigate({ mode: 'attribution', focus: id }, 'push', true),
      chain: (id, direction) => void this.navigate({ mode: 'chain', focus: id, direction }, 'push', true),
      pathEnd: (id, end) =>
        void this.navigate(
          { mode: 'paths', focus: null, from: end === 'from' ? id : this.state.from, to: end === 'to' ? id : this.state.to },
          'push',
          true,
        ),
    };

    this.panel = new Panel(() => void this.navigate({ mode: 'explore', focus: null, from: null, to: null }, 'push'));
    this.search = new Autocomplete({
      api: this.api,
      debounceMs: settings.searchDebounceMs,
      limit: settings.searchLimit,
      label: 'Search actors, incidents, claims and sources',
      placeholder: 'Search (press /)',
      onPick: (result) => void this.navigate({ mode: 'explore', focus: result.id }, 'push', true),
    });
    this.search.element.classList.add('main-search');
    this.filterControls = new FilterControls((filters) => void this.navigate({ filters }, 'replace'));
    this.timeline = new TimelineControl(
      settings.replayStepMs,
      (until) => void this.navigate({ filters: { ...this.state.filters, until } }, 'replace'),
    );
    this.layoutButton = el('button', {
      class: 'button small layout-button',
      text: 'Re-run layout',
      attrs: { type: 'button', 'data-action': 'layout' },
      on: { click: () => this.toggleLayout() },
    });

    const modes: Array<[Mode, string]> = [
      ['explore', 'Explore'],
      ['attribution', 'Attribution'],
      ['paths', 'Paths'],
    ];
    const modeNav = el(
      'nav',
      { class: 'modes', attrs: { 'aria-label': 'Views' } },
      modes.map(([mode, label]) => {
        const button = el('button', {
          class: 'mode-button',
          text: label,
          attrs: { type: 'button', 'data-mode': mode, 'aria-pressed': 'false' },
          on: { click: () => this.switchMode(mode) },
        });
        this.modeButtons.set(mode, button);
        return button;
      }),
    );
    const sidebarToggle = el('button', {
      class: 'button sidebar-toggle',
      text: 'Filters & legend',
      attrs: { type: 'button', 'aria-controls': 'sidebar', 'aria-expanded': 'false' },
      on: {
        click: () => {
          const open = document.body.classList.toggle('sidebar-open');
          sidebarToggle.setAttribute('aria-expanded', String(open));
        },
      },
    });
    const exportMenu = createExportMenu(
      {
        viewGraph: () => viewSubgraph(this.graph, this.visible),
        renderer: () => (this.view?.renderer as never) ?? null,
        baseName: () => `claim-graph-${this.state.focus ?? this.state.mode}`,
        serverQuery: (format) => serverExportQuery(this.state, format),
      },
      (message) => this.status.notice(message, 'warning'),
    );

    this.sidebar = el('aside', { class: 'sidebar', attrs: { id: 'sidebar', 'aria-label': 'Legend and filters' } }, [
      createLegend(),
      el('details', { class: 'filters-box', attrs: { open: true } }, [el('summary', { text: 'Filters' }), this.filterControls.element]),
    ]);
    this.graphContainer = el('div', {
      class: 'graph',
      attrs: { id: 'graph', role: 'img', 'aria-label': 'Graph of actors, incidents, claims and sources' },
    });
    this.stage = el('main', { class: 'stage' }, [
      this.graphContainer,
      this.status.element,
      this.status.noticeElement,
      el('div', { class: 'stage-tools' }, [this.layoutButton]),
      this.timeline.element,
    ]);
    setChildren(root, [
      el('header', { class: 'topbar' }, [
        el('h1', { class: 'brand' }, [el('a', { text: 'Claim graph', attrs: { href: '/', title: 'Who claimed what about whom' } })]),
        this.search.element,
        modeNav,
        sidebarToggle,
        exportMenu,
      ]),
      el('div', { class: 'workspace' }, [this.sidebar, this.stage, this.panel.element]),
    ]);
  }

  start(): void {
    window.addEventListener('popstate', () => {
      const decoded = decodeViewState(window.location.search);
      void this.applyState(decoded.state, 'none');
    });
    document.addEventListener('keydown', (event) => this.onKey(event));
    const { problems } = decodeViewState(window.location.search);
    for (const problem of problems) this.status.notice(`Ignored a link parameter — ${problem}`, 'warning');
    void this.load();
  }

  // ---------------------------------------------------------------- loading

  private async load(): Promise<void> {
    this.status.loading('Loading the graph…');
    this.pending += 1;
    try {
      const { graph, truncated } = await this.api.wholeGraph(this.settings.graphLimit);
      const positions = this.positions.load();
      mergeSerializedGraph(this.graph, graph, { positions, where: 'GET /api/graph' });
      const everyPositionKnown = this.graph.everyNode((node) => positions.has(node));
      this.status.clear();
      if (truncated)
        this.status.notice(
          `The graph has more than ${this.settings.graphLimit} nodes; only the first ${this.graph.order} are shown. Search and expand to reach the rest.`,
        );
      if (this.graph.order === 0) this.status.notice('The database holds no records yet.');
      this.createView();
      if (!everyPositionKnown) this.layout?.start();
      this.loaded = true;
      this.refreshControls();
      await this.applyState(this.state, 'replace', true);
      this.autoRetries = 0;
    } catch (error) {
      const auto = this.autoRetries < 3;
      this.status.failure(
        'Loading the graph',
        error,
        () => {
          if (auto) this.autoRetries += 1;
          void this.load();
        },
        auto,
      );
    } finally {
      this.pending -= 1;
    }
  }

  private createView(): void {
    this.view?.kill();
    this.layout?.kill();
    this.view = new GraphView(this.graphContainer, this.graph, this.settings, {
      clickNode: (node) => void this.navigate({ mode: 'explore', focus: node }, 'push'),
      doubleClickNode: (node) => void this.expand(node),
      clickStage: () => {
        if (this.state.mode === 'explore' && this.state.focus !== null) void this.navigate({ focus: null }, 'push');
      },
    });
    this.layout = new LayoutRunner(this.graph, this.settings, this.positions, (running) => {
      this.layoutButton.textContent = running ? 'Stop layout' : 'Re-run layout';
      this.stage.classList.toggle('layout-running', running);
      if (!running) this.cameraTarget?.();
    });
  }

  private toggleLayout(): void {
    if (this.layout === null) return;
    if (this.layout.running) this.layout.stop(true);
    else this.layout.start();
  }

  /** Sources for the filter select and the timeline's range follow the graph as it grows. */
  private refreshControls(): void {
    const sources: Array<[string, string]> = [];
    const dates: Array<string | null> = [];
    this.graph.forEachNode((node, attributes) => {
      if (attributes.type === 'source') sources.push([node, attributes.label]);
      if (attributes.type === 'claim') dates.push(typeof attributes.date === 'string' ? attributes.date : null);
    });
    sources.sort((a, b) => a[1].localeCompare(b[1]));
    this.filterControls.setSources(sources);
    this.timeline.setRange(timelineRange(dates));
    this.applyFilters(this.state.filters);
  }

  /** Merges an API graph; new nodes get a short layout run so that they find their place. */
  private merge(serialized: WireGraph, where: string): string[] {
    const { added, nodes } = mergeSerializedGraph(this.graph, serialized, { where });
    if (added.length > 0) {
      this.view?.refresh();
      this.refreshControls();
      if (!allPlaced(this.graph) || added.length > 3) this.layout?.start(Math.min(3000, 800 + added.length * 20));
    }
    return nodes;
  }

  // ---------------------------------------------------------------- state

  /** Changes part of the view state, writes it to the URL and applies it. `focusPanel` moves keyboard focus to the panel. */
  async navigate(change: Partial<ViewState>, history: HistoryMode, focusPanel = false): Promise<void> {
    await this.applyState({ ...this.state, ...change, filters: change.filters ?? this.state.filters }, history, false, focusPanel);
  }

  private writeUrl(state: ViewState, history: HistoryMode): void {
    if (history === 'none') return;
    const query = encodeViewState(state);
    const url = `${window.location.pathname}${query === '' ? '' : `?${query}`}`;
    if (url === `${window.location.pathname}${window.location.search}`) return;
    if (history === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }

  private async applyState(next: ViewState, history: HistoryMode, force = false, focusPanel = false): Promise<void> {
    const previous = this.state;
    this.state = next;
    this.writeUrl(next, history);
    for (const [mode, button] of this.modeButtons)
      button.setAttribute('aria-pressed', String(mode === next.mode || (mode === 'explore' && next.mode === 'chain')));
    this.panel.element.classList.toggle('wide', next.mode === 'attribution');
    if (!this.loaded) return;
    if (force || !sameFilters(previous.filters, next.filters)) this.applyFilters(next.filters);
    const key = contentKey(next);
    if (!force && key === this.loadedKey) return;
    this.loadedKey = key;
    const generation = ++this.generation;
    this.pending += 1;
    try {
      switch (next.mode) {
        case 'explore':
          await this.showExplore(next, generation, focusPanel);
          break;
        case 'attribution':
          await this.showAttribution(next, generation, focusPanel);
          break;
        case 'paths':
          await this.showPaths(next, generation, focusPanel);
          break;
        case 'chain':
          await this.showChain(next, generation, focusPanel);
          break;
      }
    } finally {
      this.pending -= 1;
    }
  }

  private applyFilters(filters: FilterState): void {
    this.visible = isDefaultFilters(filters) ? null : computeVisibleNodes(this.graph, filters);
    this.view?.setVisible(this.visible);
    this.filterControls.update(filters);
    let total = 0;
    let shown = 0;
    const day = filters.until === null ? null : isoToDay(filters.until);
    this.graph.forEachNode((node, attributes) => {
      if (attributes.type !== 'claim') return;
      total += 1;
      if (
        (this.visible === null || this.visible.has(node)) &&
        claimVisibleOn(typeof attributes.date === 'string' ? attributes.date : null, day)
      )
        shown += 1;
    });
    this.timeline.update(filters.until, `${shown} of ${total} claims shown`);
  }

  private stale(generation: number): boolean {
    return generation !== this.generation;
  }

  private kickerFor(id: string): string {
    const type = this.graph.hasNode(id) ? this.graph.getNodeAttribute(id, 'type') : undefined;
    return isNodeType(type) ? NODE_TYPE_STYLE[type].label : 'Record';
  }

  private labelFor(id: string): string {
    return this.graph.hasNode(id) ? this.graph.getNodeAttribute(id, 'label') : id;
  }

  /** Makes sure a node is in the graph, fetching its neighbourhood when it is not. */
  private async ensureNode(id: string): Promise<boolean> {
    if (this.graph.hasNode(id)) return true;
    const response = await this.api.neighborhood(id, 1, this.settings.expandLimit);
    this.merge(response.graph, `GET /api/graph/neighborhood/${id}`);
    return this.graph.hasNode(id);
  }

  private neighbourhood(id: string): Highlight {
    const nodes = new Set<string>([id]);
    this.graph.forEachNeighbor(id, (neighbor) => nodes.add(neighbor));
    return { nodes, edges: null };
  }

  private async showExplore(state: ViewState, generation: number, focusPanel: boolean): Promise<void> {
    const id = state.focus;
    if (id === null) {
      this.panel.hide();
      this.view?.setHighlight(null);
      this.cameraTarget = null;
      return;
    }
    this.panel.loading(this.kickerFor(id), this.labelFor(id));
    try {
      if (!(await this.ensureNode(id))) throw new Error(`no record with id "${id}" in the graph`);
      if (this.stale(generation)) return;
      this.view?.setHighlight(this.neighbourhood(id), id);
      this.aim(() => void this.view?.focusNode(id, this.settings.focusRatio));
      const type = this.graph.getNodeAttribute(id, 'type');
      this.panel.loading(this.kickerFor(id), this.labelFor(id));
      let content: Array<Node | null>;
      let title = this.labelFor(id);
      switch (type) {
        case 'actor': {
          const detail = await this.api.actor(id);
          content = actorContent(this.nav, detail);
          title = detail.actor.name;
          break;
        }
        case 'claim': {
          const detail = await this.api.claim(id);
          content = claimContent(this.nav, detail);
          title = `${detail.claimant.name}: ${detail.claim.kind}`;
          break;
        }
        case 'source': {
          const detail = await this.api.source(id);
          content = sourceContent(this.nav, detail);
          title = detail.source.title;
          break;
        }
        case 'incident': {
          const attribution = await this.api.attribution(id);
          content = [
            ...attributionContent(this.nav, attribution),
            el('div', { class: 'panel-actions' }, [
              el('button', {
                class: 'button small',
                text: 'Open the attribution view',
                attrs: { type: 'button', 'data-action': 'attribution' },
                on: { click: () => this.nav.attribution(id) },
              }),
            ]),
          ];
          title = attribution.incident.name;
          break;
        }
        default:
          throw new Error(`${id}: expected a node of type actor, incident, claim or source; got ${String(type)}`);
      }
      if (this.stale(generation)) return;
      this.panel.show(this.kickerFor(id), title, content, focusPanel);
    } catch (error) {
      if (this.stale(generation)) return;
      this.panel.error(this.kickerFor(id), this.labelFor(id), error, () => void this.applyState(this.state, 'none', true, true));
    }
  }

  /** Sends the camera somewhere now, and again after a running layout has moved things. */
  private aim(move: () => void): void {
    this.cameraTarget = () => {
      this.updateOcclusion();
      move();
    };
    this.cameraTarget();
  }

  /** On narrow screens the panel is a bottom sheet over the graph; the camera keeps focused nodes above it. */
  private updateOcclusion(): void {
    if (this.view === null) return;
    const sheet = window.matchMedia('(max-width: 720px)').matches;
    this.view.occludedBottom = sheet ? Math.min(this.stage.clientHeight * 0.58, this.stage.clientHeight - 120) : 0;
  }

  private async showAttribution(state: ViewState, generation: number, focusPanel: boolean, widest = false): Promise<void> {
    const id = state.focus;
    if (id === null) {
      this.showIncidentPicker(focusPanel);
      return;
    }
    this.panel.loading('Attribution', this.labelFor(id));
    try {
      const attribution = await this.api.attribution(id, widest ? WIDEST_ATTRIBUTION_PAGE : undefined);
      if (this.stale(generation)) return;
      const nodes = this.merge(attribution.graph, `GET /api/incidents/${id}/attribution`);
      this.view?.setHighlight({ nodes: new Set(nodes), edges: null }, id);
      this.aim(() => void this.view?.fitNodes(nodes));
      const listMore = widest ? undefined : () => void this.showAttribution(state, generation, true, true);
      this.panel.show('Attribution', attribution.incident.name, attributionContent(this.nav, attribution, listMore), focusPanel);
    } catch (error) {
      if (this.stale(generation)) return;
      this.panel.error('Attribution', this.labelFor(id), error, () => void this.applyState(this.state, 'none', true, true));
    }
  }

  private showIncidentPicker(focusPanel: boolean): void {
    const incidents: Array<[string, string]> = [];
    this.graph.forEachNode((node, attributes) => {
      if (attributes.type === 'incident') incidents.push([node, attributes.label]);
    });
    incidents.sort((a, b) => a[1].localeCompare(b[1]));
    this.view?.setHighlight({ nodes: new Set(incidents.map(([id]) => id)), edges: null });
    this.panel.show(
      'Attribution',
      'Pick an incident',
      [
        el('p', { class: 'muted', text: 'Who blames whom for each incident: choose one.' }),
        el(
          'ul',
          { class: 'incident-list' },
          incidents.map(([id, label]) =>
            el('li', {}, [
              el(
                'button',
                { class: 'node-link', attrs: { type: 'button', 'data-node': id }, on: { click: () => this.nav.attribution(id) } },
                [swatch('square', NODE_TYPE_STYLE.incident.color), el('span', { text: label })],
              ),
            ]),
          ),
        ),
      ],
      focusPanel,
    );
  }

  private pathsContext(): PathsContext {
    return {
      api: this.api,
      settings: this.settings,
      nav: this.nav,
      describe: (id) => {
        if (!this.graph.hasNode(id)) return null;
        const attributes = this.graph.getNodeAttributes(id);
        return { label: attributes.label, type: attributes.type, color: attributes.color };
      },
      edgeSource: (key) => (this.graph.hasEdge(key) ? this.graph.source(key) : null),
      setEnds: (from, to) => void this.navigate({ mode: 'paths', focus: null, from, to }, 'push'),
      showPath: (index) => this.highlightPaths(index),
    };
  }

  private highlightPaths(index: number | null): void {
    const response = this.pathsResponse;
    if (response === null) return;
    const chosen = index === null ? response.paths : response.paths.slice(index, index + 1);
    const nodes = new Set(chosen.flatMap((path) => path.nodes));
    const edges = new Set(chosen.flatMap((path) => path.edges));
    this.view?.setHighlight({ nodes, edges });
    this.aim(() => void this.view?.fitNodes(nodes));
  }

  private async showPaths(state: ViewState, generation: number, focusPanel: boolean): Promise<void> {
    const ctx = this.pathsContext();
    const title = state.from !== null && state.to !== null ? `${this.labelFor(state.from)} → ${this.labelFor(state.to)}` : 'Pick two nodes';
    const form = pathsForm(ctx, state.from, state.to);
    this.pathsResponse = null;
    if (state.from === null || state.to === null) {
      const ends = [state.from, state.to].filter((id): id is string => id !== null && this.graph.hasNode(id));
      this.view?.setHighlight(ends.length === 0 ? null : { nodes: new Set(ends), edges: new Set() });
      this.panel.show(
        'Shortest paths',
        title,
        [
          form,
          el('p', {
            class: 'muted',
            text: 'Type a name in each box; the shortest paths between them appear here and light up in the graph.',
          }),
        ],
        focusPanel,
      );
      return;
    }
    this.panel.show(
      'Shortest paths',
      title,
      [form, el('p', { class: 'muted loading-line', text: 'Looking for paths…', attrs: { role: 'status' } })],
      focusPanel,
    );
    try {
      const response = await this.api.paths(state.from, state.to, this.settings.pathMaxHops);
      if (this.stale(generation)) return;
      this.merge(response.graph, 'GET /api/graph/paths');
      this.pathsResponse = response;
      this.highlightPaths(null);
      const finalTitle = `${this.labelFor(state.from)} → ${this.labelFor(state.to)}`;
      this.panel.show(
        'Shortest paths',
        finalTitle,
        [pathsForm(ctx, state.from, state.to), el('div', { class: 'path-results' }, pathsResults(ctx, response))],
        focusPanel,
      );
    } catch (error) {
      if (this.stale(generation)) return;
      this.panel.error('Shortest paths', title, error, () => void this.applyState(this.state, 'none', true, true));
    }
  }

  private async showChain(state: ViewState, generation: number, focusPanel: boolean): Promise<void> {
    const id = state.focus;
    const kicker = state.direction === 'upstream' ? 'Evidence chain (upstream)' : 'Follow-ups (downstream)';
    if (id === null) {
      this.panel.show(
        kicker,
        'Pick a claim',
        [el('p', { class: 'muted', text: 'Open a claim and choose “Evidence chain” to follow it to its origin.' })],
        focusPanel,
      );
      return;
    }
    this.panel.loading(kicker, this.labelFor(id));
    try {
      const chain = await this.api.chain(id, state.direction as ChainDirection);
      if (this.stale(generation)) return;
      const nodes = this.merge(chain.graph, `GET /api/graph/chains/${id}`);
      const claims = new Set(chain.steps.map((step) => step.claim.id));
      const edges = new Set<string>();
      for (const edge of chain.graph.edges) if (claims.has(edge.source) && claims.has(edge.target)) edges.add(edge.key);
      const lit = new Set([...claims, ...chain.steps.map((step) => step.claimant.id)]);
      this.graph.forEachEdge((edge, attributes, source, target) => {
        if (attributes.type === 'MADE' && lit.has(source) && claims.has(target)) edges.add(edge);
      });
      this.view?.setHighlight({ nodes: lit, edges }, id);
      this.aim(() => void this.view?.fitNodes(nodes));
      this.panel.show(kicker, this.labelFor(id), chainContent(this.nav, chain), focusPanel);
    } catch (error) {
      if (this.stale(generation)) return;
      this.panel.error(kicker, this.labelFor(id), error, () => void this.applyState(this.state, 'none', true, true));
    }
  }

  // ---------------------------------------------------------------- actions

  private switchMode(mode: Mode): void {
    const { focus, mode: current } = this.state;
    const focusType = focus === null || !this.graph.hasNode(focus) ? null : this.graph.getNodeAttribute(focus, 'type');
    if (mode === 'explore') void this.navigate({ mode, focus: current === 'paths' ? null : focus }, 'push', true);
    else if (mode === 'attribution') void this.navigate({ mode, focus: focusType === 'incident' ? focus : null }, 'push', true);
    else void this.navigate({ mode, focus: null, from: this.state.from ?? focus, to: this.state.to }, 'push', true);
  }

  /** Fetches a node's neighbourhood from the API and merges it (double-click or the panel's button). */
  async expand(id: string): Promise<void> {
    this.pending += 1;
    try {
      const response = await this.api.neighborhood(id, this.settings.expandDepth, this.settings.expandLimit);
      const before = this.graph.order;
      this.merge(response.graph, `GET /api/graph/neighborhood/${id}`);
      const added = this.graph.order - before;
      this.status.notice(
        added === 0
          ? `Every neighbour of ${this.labelFor(id)} was already shown.`
          : `Added ${added} neighbour${added === 1 ? '' : 's'} of ${this.labelFor(id)}.`,
      );
      if (this.state.mode === 'explore' && this.state.focus === id) this.view?.setHighlight(this.neighbourhood(id), id);
    } catch (error) {
      this.status.notice(`Could not expand ${this.labelFor(id)}: ${error instanceof Error ? error.message : String(error)}`, 'warning');
    } finally {
      this.pending -= 1;
    }
  }

  private onKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    const typing =
      target !== null &&
      (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
    if (event.key === '/' && !typing) {
      event.preventDefault();
      this.search.input.focus();
      this.search.input.select();
    } else if (event.key === 'Escape' && !event.defaultPrevented) {
      if (document.body.classList.contains('sidebar-open')) {
        document.body.classList.remove('sidebar-open');
      } else if (this.panel.isOpen) {
        void this.navigate({ mode: 'explore', focus: null, from: null, to: null }, 'push');
      }
    }
  }

  /** What the test hook exposes. */
  hook() {
    return {
      graph: this.graph,
      renderer: () => this.view?.renderer ?? null,
      state: () => this.state,
      visible: () => this.visible,
      layoutRunning: () => this.layout?.running ?? false,
      stopLayout: () => this.layout?.stop(true),
      settled: () => this.loaded && this.pending === 0,
    };
  }
}
