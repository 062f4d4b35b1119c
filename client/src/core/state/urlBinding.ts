// Binds the view store to the address bar: the first state comes from the URL, each change is written to it, Back and Forward restore it.
import type { HistoryMode, ViewStore } from './store';
import { decodeViewState, encodeViewState, type DecodedViewState, type ViewState } from './urlState';

/** The part of `window` the binding uses, so that it runs in a test against a stand-in. */
export interface BrowserLocation {
  readonly location: { readonly pathname: string; readonly search: string };
  readonly history: {
    pushState(data: unknown, unused: string, url: string): void;
    replaceState(data: unknown, unused: string, url: string): void;
  };
  addEventListener(type: 'popstate', listener: () => void): void;
  removeEventListener(type: 'popstate', listener: () => void): void;
}

/** The state the page's URL describes, with one line per parameter that was ignored. */
export function readUrlState(browser: BrowserLocation): DecodedViewState {
  return decodeViewState(browser.location.search);
}

/** Writes `state` to the URL as `history` says; a URL that would not change is left alone. */
export function writeUrlState(browser: BrowserLocation, state: ViewState, history: HistoryMode): void {
  if (history === 'none') return;
  const query = encodeViewState(state);
  const url = `${browser.location.pathname}${query === '' ? '' : `?${query}`}`;
  if (url === `${browser.location.pathname}${browser.location.search}`) return;
  if (history === 'push') browser.history.pushState(null, '', url);
  else browser.history.replaceState(null, '', url);
}

/**
 * Keeps the store and the URL in step: every change is written (pushed or replaced, as the change says), and a
 * Back or Forward sets the state the URL holds without writing it again. Returns the function that unbinds.
 */
export function bindUrl(store: ViewStore, browser: BrowserLocation): () => void {
  const unsubscribe = store.subscribe(({ state, history }) => writeUrlState(browser, state, history));
  const onPopState = () => store.set(readUrlState(browser).state, { history: 'none' });
  browser.addEventListener('popstate', onPopState);
  return () => {
    unsubscribe();
    browser.removeEventListener('popstate', onPopState);
  };
}
