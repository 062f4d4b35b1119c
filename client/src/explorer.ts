// The explorer's wiring: one graph and one view store bound to the URL, the views that subscribe to it, and a controller per mode.
import { ApiClient } from './core/api';
import { claimCounts, computeVisibleNodes, isDefaultFilters, type FilterState } from './core/filters';
import { createExplorerGraph, graphFacets, type ExplorerGraph, type WireGraph } from './core/graph/graphData';
import type { ExplorerSettings } from './core/settings';
import { ViewStore, type StateChange } from './core/state/store';
import { isHomeCamera, roundCamera, sameCamera } from './core/state/camera';
import { bindUrl, readUrlState } from './core/state/urlBinding';
import { contentKey, encodeViewState, modeChange, sameFilters, serverExportQuery, type Mode, type ViewState } from './core/state/urlState';
import { graphClaims } from './core/timeline';
import { SavedViewStore, viewState } from './core/state/savedViews';
import { createExportMenu } from './export/exportMenu';
import { describeView, viewSubgraph } from './export/image';
import { FilterControls } from './views/controls/filterControls';
import { createModeNav } from './views/controls/modeNav';
import { Autocomplete } from './views/controls/search';
import { TimelineControl } from './views/controls/timelineControl';
import { SavedViewsBox } from './views/controls/savedViews';
import { el } from './views/dom';
import { GraphStage } from './views/graph/stage';
import { AttributionMode } from './views/modes/attribution';
import { NetworkMode } from './views/modes/network';
import { ChainMode } from './views/modes/chain';
import { ExploreMode } from './views/modes/explore';
import type { ModeContext, ModeController } from './views/modes/mode';
import { PathsMode } from './views/modes/paths';
import { GrowthBanner, StartPage } from './views/start/startPage';
import { GrowthPlan, startsSmall } from './core/graph/growth';
import { fetchOverview } from './core/overview';
import { createLegend } from './views/panels/legend';
import { Panel, type Navigator } from './views/panels/panel';
import { SourceReader } from './views/panels/reader';
import { StatusLayer } from './views/panels/status';
import { bindShortcuts, buildShell } from './views/shell';

export class Explorer {
  readonly graph: ExplorerGraph = createExplorerGraph();
  private readonly settings: ExplorerSettings;
  private readonly api: ApiClient;
  private readonly store: ViewStore;
  /** Link parameters the URL held that were ignored, reported once the page starts. */
  private readonly urlProblems: string[];
  private readonly status = new StatusLayer();
  private readonly panel: Panel;
  private readonly reader: SourceReader;
  private readonly search: Autocomplete;
  private readonly filterControls: FilterControls;
  private readonly timeline: TimelineControl;
  private readonly stage: GraphStage;
  private readonly explore: ExploreMode;
  private readonly startPage: StartPage;
  private readonly growthBanner = new GrowthBanner();
  /** On a graph too large to load whole: each node's neighbourhood paging, and the graph's record count. */
  private growth: { plan: GrowthPlan; total: number } | null = null;
  private readonly modes: Record<Mode, ModeController>;
  private readonly closePanel: () => void;
  /** Nodes the filters let through; null while nothing is filtered. */
  private visible: Set<string> | null = null;
  /** The content key (see contentKey) the panel shows or is fetching, and a counter that tells a mode run it was replaced. */
  private loadedKey: string | null = null;
  private generation = 0;
  /** Automatic retries of the first load since the last success; a few, so a database that stays down is not polled forever. */
  private autoRetries = 0;
  /** Requests in flight; the test hook reads it to know when the page has settled. */
  private pending = 0;
  private loaded = false;

  constructor(root: HTMLElement, settings: ExplorerSettings) {
    this.settings = settings;
    this.api = new ApiClient({ base: settings.apiBase, timeoutMs: settings.requestTimeoutMs });
    const decoded = readUrlState(window);
    const store = new ViewStore(decoded.state);
    this.store = store;
    this.urlProblems = decoded.problems;
    // The URL is the first subscriber, so it is written before any view reacts.
    bindUrl(store, window);

    const go = (change: Partial<ViewState>) => store.update(change, 'push', true);
    /** Opening an article from a claim shows that claim's panel beside it; from a source, the panel stays as it is. */
    const readChange = (sourceId: string, claimId: string | null): Partial<ViewState> =>
      claimId === null ? { read: sourceId } : { mode: 'explore', focus: claimId, read: sourceId };
    const nav: Navigator = {
      open: (id) => go({ mode: 'explore', focus: id }),
      expand: (id) => void this.expand(id),
      attribution: (id) => go({ mode: 'attribution', focus: id }),
      chain: (id, direction) => go({ mode: 'chain', focus: id, direction }),
      pathEnd: (id, end) =>
        go({ mode: 'paths', focus: null, from: end === 'from' ? id : store.state.from, to: end === 'to' ? id : store.state.to }),
      read: (sourceId, claimId) => go(readChange(sourceId, claimId)),
      readerHref: (sourceId, claimId) => {
        const query = encodeViewState({ ...store.state, ...readChange(sourceId, claimId) });
        return `${window.location.pathname}${query === '' ? '' : `?${query}`}`;
      },
    };
    this.closePanel = () => store.update({ mode: 'explore', focus: null, from: null, to: null }, 'push');

    this.panel = new Panel(this.closePanel);
    this.reader = new SourceReader({
      api: this.api,
      store,
      nav,
      describe: (id) => (this.graph.hasNode(id) ? this.graph.getNodeAttribute(id, 'label') : null),
      track: (work) => this.track(work),
    });
    this.search = new Autocomplete({
      api: this.api,
      debounceMs: settings.searchDebounceMs,
      limit: settings.searchLimit,
      label: 'Search actors, incidents, claims and sources',
      placeholder: 'Search (press /)',
      onPick: (result) => go({ mode: 'explore', focus: result.id }),
    });
    this.search.element.classList.add('main-search');
    this.filterControls = new FilterControls((filters) => store.update({ filters }, 'replace'));
    this.timeline = new TimelineControl(settings.replayStepMs, (until) =>
      store.update({ filters: { ...store.state.filters, until } }, 'replace'),
    );
    this.stage = new GraphStage(this.graph, settings, {
      // The panel a click or Enter opens takes keyboard focus, so Tab goes on inside it.
      events: {
        clickNode: (node) => store.update({ mode: 'explore', focus: node }, 'push', true),
        doubleClickNode: (node) => void this.expand(node),
        clickStage: () => {
          if (store.state.mode === 'explore' && store.state.focus !== null) store.update({ focus: null }, 'push');
        },
      },
      onGrow: () => this.refreshControls(),
      onCamera: (camera) => {
        const next = isHomeCamera(camera) ? null : roundCamera(camera);
        if (!sameCamera(store.state.camera, next)) store.update({ camera: next }, 'replace');
      },
      track: (work) => this.track(work),
      overlays: [this.growthBanner.element, this.status.element, this.status.noticeElement, this.reader.element],
      footer: [this.timeline.element],
    });
    this.stage.onLayoutProgress((text) => this.status.loading(text));

    const ctx: ModeContext = {
      graph: this.graph,
      api: this.api,
      settings,
      store,
      panel: this.panel,
      stage: this.stage,
      nav,
      notice: (text, kind) => this.status.notice(text, kind),
    };
    this.explore = new ExploreMode(ctx);
    this.startPage = new StartPage(ctx, {
      attribution: (id) => go({ mode: 'attribution', focus: id }),
      exploreAll: () => go({ mode: 'explore', focus: null, from: null, to: null }),
      pick: (result) => go({ mode: 'explore', focus: result.id }),
    });
    // Over the graph, under the status layer, so a failure or a loading line still shows.
    this.stage.element.prepend(this.startPage.element);
    this.modes = {
      start: this.startPage,
      explore: this.explore,
      attribution: new AttributionMode(ctx),
      paths: new PathsMode(ctx),
      chain: new ChainMode(ctx),
      network: new NetworkMode(ctx),
    };

    const modeNav = createModeNav(store, (mode) => this.switchMode(mode));
    store.subscribe(({ state }) => this.panel.element.classList.toggle('wide', state.mode === 'attribution' || state.mode === 'network'));
    store.subscribe((change) => void this.render(change));
    store.subscribe((change) => this.reader.render(change));

    const exportMenu = createExportMenu(
      {
        viewGraph: () => viewSubgraph(this.graph, this.visible),
        renderer: () => (this.stage.renderer as never) ?? null,
        baseName: () => `claim-graph-${store.state.focus ?? store.state.mode}`,
        title: () => describeView(store.state),
        serverQuery: (format) => serverExportQuery(store.state, format),
      },
      (message) => this.status.notice(message, 'warning'),
    );
    const savedViews = new SavedViewsBox({
      store: new SavedViewStore(localStorageOrNull()),
      current: () => ({ state: store.state, windowStart: this.timeline.window().from }),
      layoutSeed: settings.layoutSeed,
      // A saved view is shown as a link is: its camera held, its panel filled again even if the state looks the same.
      open: (view) => {
        this.timeline.setWindowStart(view.windowStart);
        store.set(viewState(view), { history: 'push', force: true });
      },
      page: window.location,
      copy: async (text) => {
        if (navigator.clipboard === undefined) throw new Error('no clipboard');
        await navigator.clipboard.writeText(text);
      },
    });
    buildShell(root, {
      search: this.search.element,
      modes: modeNav,
      exportMenu,
      // Filters first, open; the long legend below them, closed until asked for.
      sidebar: [
        el('details', { class: 'filters-box', attrs: { open: true } }, [el('summary', { text: 'Filters' }), this.filterControls.element]),
        savedViews.element,
        createLegend(),
      ],
      stage: this.stage.element,
      panel: this.panel.element,
    });
  }

  start(): void {
    bindShortcuts({
      searchInput: this.search.input,
      panelOpen: () => this.panel.isOpen,
      closePanel: this.closePanel,
      zoom: (direction) => this.stage.zoom(direction),
      fit: () => this.stage.fit(),
      home: () => this.stage.home(),
    });
    for (const problem of this.urlProblems) this.status.notice(`Ignored a link parameter — ${problem}`, 'warning');
    // The article a link names opens at once: it needs the API, not the graph.
    const { state } = this.store;
    if (state.read !== null)
      this.reader.render({ state, previous: { ...state, read: null }, history: 'none', force: false, focusPanel: false });
    void this.load();
  }

  private async load(): Promise<void> {
    this.status.loading('Loading the graph…');
    this.pending += 1;
    try {
      // The overview says how large the graph is before anything asks for it, and is the start page's first page.
      const overview = await fetchOverview(this.api, { limit: this.settings.overviewIncidents });
      const small = startsSmall(overview.nodes, this.settings.startSmallAbove);
      this.startPage.setOverview(overview, small);
      const { graph, truncated } = small
        ? this.startSmallOn(overview.nodes, overview.incidents[0]?.incident.id ?? null)
        : await this.api.wholeGraph(this.settings.graphLimit);
      await this.stage.load(graph, small ? 'the empty start of a large graph' : 'GET /api/graph');
      this.status.clear();
      if (truncated)
        this.status.notice(
          `The graph has more than ${this.settings.graphLimit} nodes; only the first ${this.graph.order} are shown. Search and expand to reach the rest.`,
        );
      if (this.graph.order === 0) this.status.notice('The database holds no records yet.');
      this.loaded = true;
      this.refreshControls();
      this.store.set(this.store.state, { history: 'replace', force: true });
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

  /** What a state change does once the graph is loaded: filters redrawn when they changed, the mode's content when it did. */
  private async render({ state, previous, history, force, focusPanel }: StateChange): Promise<void> {
    if (!this.loaded) return;
    if (state.mode !== 'start') this.startPage.hide();
    this.updateGrowthBanner();
    if (force || !sameFilters(previous.filters, state.filters)) this.applyFilters(state.filters);
    const key = contentKey(state);
    // A state that comes from a link, a reload or Back shows the camera it names; a navigation lets the mode frame its view.
    const restoring = force || history === 'none';
    if (restoring && state.camera !== null) this.stage.holdCamera(state.camera);
    // Back to an entry without a camera is back to the whole graph (the mode then frames its view, if it has one).
    else if (history === 'none' && !force) this.stage.home();
    if (!force && key === this.loadedKey) return;
    if (!restoring || state.camera === null) this.stage.holdCamera(null);
    this.loadedKey = key;
    const generation = ++this.generation;
    this.pending += 1;
    try {
      await this.modes[state.mode].show(state, { stale: () => generation !== this.generation, focusPanel });
    } finally {
      this.pending -= 1;
    }
  }

  /** Counts `work` among the requests in flight until it ends. */
  private async track<T>(work: Promise<T>): Promise<T> {
    this.pending += 1;
    try {
      return await work;
    } finally {
      this.pending -= 1;
    }
  }

  /** Sources for the filter select and the timeline's range follow the graph as it grows. */
  private refreshControls(): void {
    const { sources } = graphFacets(this.graph);
    this.filterControls.setSources(sources);
    this.timeline.setClaims(graphClaims(this.graph));
    this.applyFilters(this.store.state.filters);
    this.updateGrowthBanner();
  }

  /**
   * A graph above `startSmallAbove` records is never loaded whole: the page starts empty, from the overview and
   * search, and grows a page of neighbours at a time. Returns the empty graph the stage starts from.
   */
  private startSmallOn(total: number, seed: string | null): { graph: WireGraph; truncated: false } {
    const plan = new GrowthPlan({ page: this.settings.growPage, cap: this.settings.expandLimit });
    this.growth = { plan, total };
    this.explore.startSmall({ plan, seed });
    return {
      graph: { attributes: {}, options: { type: 'directed', multi: true, allowSelfLoops: true }, nodes: [], edges: [] },
      truncated: false,
    };
  }

  /** "Showing 312 of 1,204,118 nodes", with "show more" for the node last expanded; only on a graph that starts small. */
  private updateGrowthBanner(): void {
    const growth = this.growth;
    if (growth === null) return;
    const offer = growth.plan.offer;
    this.growthBanner.update(
      this.store.state.mode !== 'start',
      this.graph.order,
      growth.total,
      offer === null
        ? null
        : {
            label: this.graph.hasNode(offer.id) ? this.graph.getNodeAttribute(offer.id, 'label') : offer.id,
            more: offer.more,
            run: () => void this.expand(offer.id),
          },
    );
  }

  private applyFilters(filters: FilterState): void {
    this.visible = isDefaultFilters(filters) ? null : computeVisibleNodes(this.graph, filters);
    this.stage.setVisible(this.visible);
    this.filterControls.update(filters);
    const { shown, total } = claimCounts(this.graph, this.visible, filters.until);
    this.timeline.update(filters.until, `${shown} of ${total} claims shown`);
  }

  private switchMode(mode: Mode): void {
    const { focus } = this.store.state;
    const focusType = focus === null || !this.graph.hasNode(focus) ? null : this.graph.getNodeAttribute(focus, 'type');
    this.store.update(modeChange(this.store.state, mode, focusType), 'push', true);
  }

  private async expand(id: string): Promise<void> {
    this.pending += 1;
    try {
      await this.explore.expand(id);
    } finally {
      this.pending -= 1;
      this.updateGrowthBanner();
    }
  }

  /** What the test hook exposes. */
  hook() {
    return {
      graph: this.graph,
      renderer: () => this.stage.renderer,
      state: () => this.store.state,
      visible: () => this.visible,
      settled: () => this.loaded && this.pending === 0 && !this.stage.busy,
      /** Every node's graph position, by id. */
      positions: () => Object.fromEntries(this.graph.mapNodes((node, { x, y }) => [node, [x, y]])),
      camera: () => this.stage.camera,
      /** The labels drawn in the last frame, as boxes in viewport pixels. */
      labels: () => this.stage.labels.map(({ node, text, x, y, width, height }) => ({ node, text, x, y, width, height })),
    };
  }
}

/** The browser's local storage, or null where reading it throws (storage disabled, some private modes). */
function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
