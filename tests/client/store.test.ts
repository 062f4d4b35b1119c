// The view store and its URL binding: listeners in order, pushes and replaces written once, Back and Forward restore a state.
import { ViewStore, type StateChange } from '../../client/src/core/state/store';
import { bindUrl, readUrlState, type BrowserLocation } from '../../client/src/core/state/urlBinding';
import { contentKey, defaultViewState, modeChange, type ViewState } from '../../client/src/core/state/urlState';

/** A stand-in for `window`: a location, a history that records what was written, and popstate listeners. */
function fakeBrowser(search = '') {
  const location = { pathname: '/', search };
  const written: Array<['push' | 'replace', string]> = [];
  const listeners = new Set<() => void>();
  const write = (kind: 'push' | 'replace') => (_data: unknown, _unused: string, url: string) => {
    written.push([kind, url]);
    location.search = url.includes('?') ? url.slice(url.indexOf('?')) : '';
  };
  const browser: BrowserLocation = {
    location,
    history: { pushState: write('push'), replaceState: write('replace') },
    addEventListener: (_type, listener) => listeners.add(listener),
    removeEventListener: (_type, listener) => listeners.delete(listener),
  };
  /** What Back does: the URL changes first, then popstate fires. */
  const back = (to: string) => {
    location.search = to;
    for (const listener of listeners) listener();
  };
  return { browser, written, back, listeners };
}

describe('ViewStore', () => {
  test('tells every listener, in order, what changed and how', () => {
    const store = new ViewStore(defaultViewState());
    const seen: string[] = [];
    let last: StateChange | undefined;
    store.subscribe(() => seen.push('first'));
    const unsubscribe = store.subscribe((change) => {
      seen.push('second');
      last = change;
    });
    store.update({ focus: 'fbi' }, 'push', true);
    expect(seen).toEqual(['first', 'second']);
    expect(last?.state.focus).toBe('fbi');
    expect(last?.previous.focus).toBeNull();
    expect([last?.history, last?.force, last?.focusPanel]).toEqual(['push', false, true]);
    unsubscribe();
    store.reload({ focusPanel: true });
    expect(seen).toEqual(['first', 'second', 'first']);
  });

  test('a reload keeps the state and asks for the content again, without history', () => {
    const store = new ViewStore(defaultViewState());
    const changes: StateChange[] = [];
    store.subscribe((change) => changes.push(change));
    store.update({ mode: 'attribution', focus: 'sony-hack' }, 'push');
    store.reload({ focusPanel: true });
    expect(changes[1]?.state).toBe(changes[0]?.state);
    expect([changes[1]?.history, changes[1]?.force, changes[1]?.focusPanel]).toEqual(['none', true, true]);
  });
});

describe('URL binding', () => {
  test('the first state is the URL’s, and ignored parameters are reported', () => {
    const { browser } = fakeBrowser('?mode=paths&from=anonymous&to=fbi&dir=sideways');
    const { state, problems } = readUrlState(browser);
    expect([state.mode, state.from, state.to]).toEqual(['paths', 'anonymous', 'fbi']);
    expect(problems).toEqual(['dir: expected upstream or downstream; got "sideways"']);
  });

  test('changes are pushed or replaced as asked, and an unchanged URL is not written again', () => {
    const { browser, written } = fakeBrowser();
    const store = new ViewStore(readUrlState(browser).state);
    bindUrl(store, browser);
    store.update({ focus: 'fbi' }, 'push');
    store.update({ filters: { ...store.state.filters, until: '2014-12-19' } }, 'replace');
    store.update({ focus: 'fbi' }, 'push');
    store.update({ focus: 'dprk' }, 'none');
    expect(written).toEqual([
      ['push', '/?node=fbi'],
      ['replace', '/?node=fbi&until=2014-12-19'],
    ]);
  });

  test('Back sets the state the URL holds without writing it, and unbinding stops both directions', () => {
    const { browser, written, back, listeners } = fakeBrowser('?node=fbi');
    const store = new ViewStore(readUrlState(browser).state);
    const unbind = bindUrl(store, browser);
    const histories: string[] = [];
    store.subscribe(({ history }) => histories.push(history));
    back('?mode=attribution&node=sony-hack');
    expect([store.state.mode, store.state.focus]).toEqual(['attribution', 'sony-hack']);
    expect(histories).toEqual(['none']);
    expect(written).toEqual([]);
    unbind();
    expect(listeners.size).toBe(0);
    store.update({ focus: 'fbi' }, 'push');
    expect(written).toEqual([]);
  });
});

describe('mode buttons and content', () => {
  const state = (change: Partial<ViewState>): ViewState => ({ ...defaultViewState(), ...change });

  test('each mode keeps what it can of the current view', () => {
    expect(modeChange(state({ focus: 'fbi' }), 'explore', 'actor')).toEqual({ mode: 'explore', focus: 'fbi' });
    expect(modeChange(state({ mode: 'paths', from: 'a', to: 'b' }), 'explore', null)).toEqual({ mode: 'explore', focus: null });
    expect(modeChange(state({ focus: 'sony-hack' }), 'attribution', 'incident')).toEqual({ mode: 'attribution', focus: 'sony-hack' });
    expect(modeChange(state({ focus: 'fbi' }), 'attribution', 'actor')).toEqual({ mode: 'attribution', focus: null });
    expect(modeChange(state({ focus: 'fbi' }), 'paths', 'actor')).toEqual({ mode: 'paths', focus: null, from: 'fbi', to: null });
    expect(modeChange(state({ focus: 'x', from: 'a', to: 'b' }), 'paths', 'actor')).toEqual({
      mode: 'paths',
      focus: null,
      from: 'a',
      to: 'b',
    });
  });

  test('filters do not change what the panel shows', () => {
    const base = state({ mode: 'chain', focus: 'c1' });
    expect(contentKey({ ...base, filters: { ...base.filters, until: '2014-12-19' } })).toBe(contentKey(base));
    expect(contentKey({ ...base, direction: 'downstream' })).not.toBe(contentKey(base));
  });
});
