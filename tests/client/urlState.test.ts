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
  type ViewState,
} from '../../client/src/core/state/urlState';

function state(change: Partial<ViewState>): ViewState {
  return { ...defaultViewState(), ...change };
}

const samples: ViewState[] = [
  defaultViewState(),
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

  test('the default view is the bare URL', () => {
    expect(encodeViewState(defaultViewState())).toBe('');
    expect(decodeViewState('').state).toEqual(defaultViewState());
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
    expect(problems.join('\n')).toMatch(/^mode: expected one of explore, attribution, paths, chain, network; got "zoom"$/m);
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
