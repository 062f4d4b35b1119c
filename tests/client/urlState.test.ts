// The view state in the URL: encode/decode round trips, defaults left out, bad parameters ignored and reported.
import { defaultFilters } from '../../client/src/core/filters';
import {
  contentKey,
  decodeViewState,
  defaultViewState,
  encodeViewState,
  modeChange,
  sameViewState,
  serverExportQuery,
  startViewState,
  wholeGraphViewState,
  type ViewState,
} from '../../client/src/core/state/urlState';

/** A state of explore mode (or of the mode `change` names): the default state is the start page's. */
function state(change: Partial<ViewState>): ViewState {
  return { ...defaultViewState(), mode: 'explore', ...change };
}

const samples: ViewState[] = [
  defaultViewState(),
  wholeGraphViewState(),
  state({ focus: 'fbi' }),
  state({ mode: 'attribution', focus: 'sony-hack' }),
  state({ mode: 'paths', from: 'anonymous', to: 'fbi' }),
  state({ mode: 'chain', focus: 'nsa-director-backs-fbi', direction: 'downstream' }),
  state({ focus: 'fbi-attributes-sony-hack', read: 'src-siliconangle-nk-offline' }),
  state({ focus: 'src-nk-outage-revenge', read: 'src-nk-outage-revenge' }),
  state({ mode: 'attribution', focus: 'nk-outage', read: 'src-nk-outage-days-after-hack' }),
  state({
    focus: 'dprk-denies-sony-hack',
    filters: {
      types: ['actor', 'claim'],
      kinds: ['state', 'agency'],
      stances: ['denies', 'none'],
      source: 'src-siliconangle-nk-offline',
      until: '2014-12-19',
    },
  }),
  state({ filters: { ...defaultFilters(), types: [], stances: [] } }),
];

describe('URL state', () => {
  test.each(samples.map((sample) => [encodeViewState(sample) || '(empty)', sample]))('round trip: %s', (_name, sample) => {
    const encoded = encodeViewState(sample);
    const decoded = decodeViewState(`?${encoded}`);
    expect(decoded.problems).toEqual([]);
    expect(decoded.state).toEqual(sample);
    expect(encodeViewState(decoded.state)).toBe(encoded);
  });

  test('the default view, the start page, is the bare URL; the whole graph with nothing else set is mode=explore', () => {
    expect(encodeViewState(defaultViewState())).toBe('');
    expect(decodeViewState('').state).toEqual(defaultViewState());
    expect(startViewState()).toEqual(defaultViewState());
    expect(defaultViewState().mode).toBe('start');
    expect(decodeViewState('?').state.mode).toBe('start');
    expect(encodeViewState(wholeGraphViewState())).toBe('mode=explore');
    expect(decodeViewState('?mode=explore').state).toEqual(wholeGraphViewState());
  });

  test('links from before the start page keep opening what they opened', () => {
    // A link that sets anything but the mode is explore's, as it always was.
    expect(decodeViewState('?node=fbi').state).toEqual(state({ focus: 'fbi' }));
    expect(decodeViewState('?types=actor%2Cclaim').state.mode).toBe('explore');
    expect(decodeViewState('?cam=0.4821,0.5133,0.35').state.mode).toBe('explore');
    expect(decodeViewState('?mode=attribution&node=sony-hack').state).toEqual(state({ mode: 'attribution', focus: 'sony-hack' }));
    // And explore still writes them without its mode.
    expect(encodeViewState(state({ focus: 'fbi' }))).toBe('node=fbi');
  });

  test('a link whose parameters are all ignored or at their default opens the start page, and says what it ignored', () => {
    const { state: decoded, problems } = decodeViewState('?node=Not%20An%20Id');
    expect(decoded.mode).toBe('start');
    expect(problems).toHaveLength(1);
    // A home camera is no camera.
    expect(decodeViewState('?cam=0.5,0.5,1').state.mode).toBe('start');
  });

  test('the start page selects nothing: a setting kept on it makes the link explore’s', () => {
    const carried = { ...startViewState(), filters: { ...defaultFilters(), until: '2014-12-19' } };
    expect(encodeViewState(carried)).toBe('until=2014-12-19');
    expect(decodeViewState(`?${encodeViewState(carried)}`).state).toEqual({ ...carried, mode: 'explore' });
    // A hand-written mode=start opens the start page only when it says nothing else.
    expect(decodeViewState('?mode=start').state).toEqual(startViewState());
    expect(decodeViewState('?mode=start&node=fbi').state).toEqual(state({ focus: 'fbi' }));
  });

  test('the Start button drops every selection', () => {
    const paths = state({ mode: 'paths', from: 'anonymous', to: 'fbi', focus: null });
    expect(modeChange(paths, 'start', null)).toEqual({ mode: 'start', focus: null, from: null, to: null });
    expect(modeChange(state({ focus: 'sony-hack' }), 'start', 'incident')).toEqual({ mode: 'start', focus: null, from: null, to: null });
  });

  test('lists are written in a canonical order, so equal states give equal URLs', () => {
    const a = state({ filters: { ...defaultFilters(), types: ['claim', 'actor'] } });
    const b = state({ filters: { ...defaultFilters(), types: ['actor', 'claim'] } });
    expect(encodeViewState(a)).toBe(encodeViewState(b));
    expect(encodeViewState(a)).toBe('types=actor%2Cclaim');
    expect(sameViewState(a, b)).toBe(true);
  });

  test('readable parameter names', () => {
    const encoded = encodeViewState(
      state({ mode: 'paths', from: 'anonymous', to: 'fbi', filters: { ...defaultFilters(), until: '2014-12-19' } }),
    );
    expect(new URLSearchParams(encoded).get('mode')).toBe('paths');
    expect(new URLSearchParams(encoded).get('from')).toBe('anonymous');
    expect(new URLSearchParams(encoded).get('until')).toBe('2014-12-19');
  });

  test('bad parameters fall back to defaults and are each reported by name', () => {
    const { state: decoded, problems } = decodeViewState(
      '?mode=zoom&node=Not%20An%20Id&types=actor,planet&until=2014-12&dir=sideways&stances=denies',
    );
    expect(decoded.mode).toBe('explore');
    expect(decoded.focus).toBeNull();
    expect(decoded.filters.types).toEqual(defaultFilters().types);
    expect(decoded.filters.until).toBeNull();
    expect(decoded.direction).toBe('upstream');
    expect(decoded.filters.stances).toEqual(['denies']);
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/^mode: expected one of explore, attribution, paths, chain, network, start; got "zoom"$/m);
    expect(problems.join('\n')).toMatch(
      /^types: expected a comma-separated list of actor, incident, claim, source(, explanation)?; got "planet"$/m,
    );
    expect(problems.join('\n')).toMatch(/^until: expected a day as YYYY-MM-DD/m);
  });
});

describe('the reader in the URL', () => {
  test('the open article is `read`, next to the focused claim whose span it marks', () => {
    const encoded = encodeViewState(state({ focus: 'fbi-attributes-sony-hack', read: 'src-siliconangle-nk-offline' }));
    expect(encoded).toBe('node=fbi-attributes-sony-hack&read=src-siliconangle-nk-offline');
    expect(decodeViewState(`?${encoded}`).state.read).toBe('src-siliconangle-nk-offline');
    expect(defaultViewState().read).toBeNull();
  });

  test('a bad source id is ignored and reported, and the rest of the link still applies', () => {
    const { state: decoded, problems } = decodeViewState('?node=fbi&read=Not%20A%20Source');
    expect(decoded.read).toBeNull();
    expect(decoded.focus).toBe('fbi');
    expect(problems).toEqual(['read: expected a record id (lowercase slug); got "Not A Source"']);
  });

  test('what the panel shows does not depend on the reader: opening an article reloads no panel', () => {
    const claim = state({ focus: 'fbi-attributes-sony-hack' });
    expect(contentKey({ ...claim, read: 'src-siliconangle-nk-offline' })).toBe(contentKey(claim));
  });

  test('switching modes keeps the article open', () => {
    const reading = state({ focus: 'sony-hack', read: 'src-nk-outage-revenge' });
    const next = { ...reading, ...modeChange(reading, 'attribution', 'incident') };
    expect(next.read).toBe('src-nk-outage-revenge');
  });
});

describe('serverExportQuery', () => {
  test('asks /api/export for the view on screen', () => {
    const base = defaultViewState();
    expect(serverExportQuery(base, 'stix')).toBe('format=stix&view=graph');
    expect(serverExportQuery({ ...base, mode: 'attribution', focus: 'sony-hack' }, 'stix')).toBe(
      'format=stix&view=attribution&id=sony-hack',
    );
    expect(serverExportQuery({ ...base, mode: 'paths', from: 'anonymous', to: 'fbi' }, 'cypher')).toBe(
      'format=cypher&view=paths&from=anonymous&to=fbi',
    );
    expect(serverExportQuery({ ...base, mode: 'chain', focus: 'c1', direction: 'downstream' }, 'stix')).toBe(
      'format=stix&view=chain&id=c1&direction=downstream',
    );
    expect(serverExportQuery({ ...base, focus: 'fbi' }, 'stix')).toBe('format=stix&view=neighborhood&id=fbi&depth=2');
  });

  test('carries the filters on screen under the names /api/export takes', () => {
    const base = defaultViewState();
    const filtered: ViewState = {
      ...base,
      mode: 'paths',
      from: 'anonymous',
      to: 'fbi',
      filters: {
        ...base.filters,
        types: ['actor', 'incident', 'claim'],
        kinds: ['state'],
        stances: ['denies', 'none'],
        source: 'src-a',
        until: '2014-12-19',
      },
    };
    expect(serverExportQuery(filtered, 'gexf')).toBe(
      'format=gexf&view=paths&from=anonymous&to=fbi&nodeTypes=actor%2Cincident%2Cclaim&kinds=state&stances=denies%2Cnone&source=src-a&until=2014-12-19',
    );
    expect(serverExportQuery({ ...base, filters: { ...base.filters, types: [] } }, 'json')).toBe('format=json&view=graph&nodeTypes=');
  });
});
