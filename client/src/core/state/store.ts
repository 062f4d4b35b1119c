// The view store: the page's one ViewState, changed only through it, and told synchronously to every view that subscribed.
import type { ViewState } from './urlState';

/** How a change reaches the browser's history: a new entry, the current entry rewritten, or not at all (it came from there). */
export type HistoryMode = 'push' | 'replace' | 'none';

export interface StateChange {
  readonly state: ViewState;
  readonly previous: ViewState;
  readonly history: HistoryMode;
  /** Show the panel's content again even if the state did not change it (the first load, a retry). */
  readonly force: boolean;
  /** Move keyboard focus to the panel once it is filled. */
  readonly focusPanel: boolean;
}

export type StateListener = (change: StateChange) => void;

export interface SetOptions {
  history: HistoryMode;
  force?: boolean;
  focusPanel?: boolean;
}

export class ViewStore {
  private current: ViewState;
  private readonly listeners: StateListener[] = [];

  constructor(initial: ViewState) {
    this.current = initial;
  }

  get state(): ViewState {
    return this.current;
  }

  /** Listeners run in the order they subscribed; the returned function unsubscribes. */
  subscribe(listener: StateListener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  /** Replaces the whole state and tells every listener. */
  set(next: ViewState, { history, force = false, focusPanel = false }: SetOptions): void {
    const previous = this.current;
    this.current = next;
    const change: StateChange = { state: next, previous, history, force, focusPanel };
    for (const listener of [...this.listeners]) listener(change);
  }

  /** Changes part of the state; filters are replaced whole when given. */
  update(change: Partial<ViewState>, history: HistoryMode, focusPanel = false): void {
    this.set({ ...this.current, ...change, filters: change.filters ?? this.current.filters }, { history, focusPanel });
  }

  /** Shows the current state again from scratch, without touching the history: what a Retry button does. */
  reload({ force = true, focusPanel = false }: { force?: boolean; focusPanel?: boolean } = {}): void {
    this.set(this.current, { history: 'none', force, focusPanel });
  }
}
