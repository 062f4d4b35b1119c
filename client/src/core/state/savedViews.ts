// Saved views: a named view (its URL state, the timeline window's start, the layout seed) kept in local storage, read back through zod.
// Pure apart from the Storage handed in; views/controls/savedViews.ts draws the list and its buttons.
import { z } from 'zod';
import { isoToDay } from '../../../../server/model/dates';
import { formatPartialDate } from '../timeline';
import { decodeViewState, encodeViewState, type ViewState } from './urlState';

/** The local-storage key of the list. */
export const SAVED_VIEWS_KEY = 'claim-graph:saved-views';
export const SAVED_VIEW_NAME_MAX = 80;
/** A list longer than this stops being a list one reads; the person deletes one first. */
export const SAVED_VIEWS_MAX = 50;
/** The stored format's version: a later format is read as corrupt rather than half understood. */
const FORMAT_VERSION = 1;

/**
 * One saved view. `query` is the URL's query string for the view (mode, selection, filters, the window's end as
 * `until`, camera, tab, network options), so opening it and following its link are the same thing. Positions are not
 * stored: the layout is deterministic from the data and `layoutSeed`, and nodes cannot be dragged, so the seed and
 * the camera give the same picture back.
 */
export interface SavedView {
  name: string;
  /** When it was saved, as an ISO timestamp: the list shows the newest first. */
  savedAt: string;
  query: string;
  /** The timeline window's first day (YYYY-MM-DD); null is the first dated claim. Not in the URL: it only sets the replay's start. */
  windowStart: string | null;
  layoutSeed: number;
}

const isoDay = z.string().refine((value) => isoToDay(value) !== null, { error: 'expected a day as YYYY-MM-DD' });

const savedViewSchema = z.object({
  name: z.string().trim().min(1, 'expected a name').max(SAVED_VIEW_NAME_MAX, `expected at most ${SAVED_VIEW_NAME_MAX} characters`),
  savedAt: z.iso.datetime({ error: 'expected an ISO timestamp' }),
  query: z.string().max(4000, 'expected a query of at most 4000 characters'),
  windowStart: isoDay.nullable(),
  layoutSeed: z.number().int().min(0).max(0xffff_ffff),
});

const storedSchema = z.object({ version: z.literal(FORMAT_VERSION), views: z.array(z.unknown()) });

export interface SavedViewsRead {
  /** The valid views, newest first. */
  views: SavedView[];
  /** One sentence per entry (or for the whole list) that was dropped, saying why. */
  problems: string[];
}

/** Newest first; views saved in the same millisecond by name, so the order never depends on the stored order. */
export function sortViews(views: readonly SavedView[]): SavedView[] {
  return [...views].sort((a, b) => (a.savedAt === b.savedAt ? a.name.localeCompare(b.name) : a.savedAt < b.savedAt ? 1 : -1));
}

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** zod's first issue as "field: message". */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid';
  return issue.path.length === 0 ? issue.message : `${issue.path.join('.')}: ${issue.message}`;
}

/**
 * Reads the stored text. Text that is not the list is dropped whole; an entry that fails the schema, or whose query a
 * link would not open as it was saved, is dropped alone. Of two entries with one name the newer is kept.
 */
export function parseSavedViews(text: string | null): SavedViewsRead {
  if (text === null || text === '') return { views: [], problems: [] };
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return { views: [], problems: ['Saved views: the stored list is not valid JSON, so it was dropped.'] };
  }
  const list = storedSchema.safeParse(stored);
  if (!list.success) {
    return {
      views: [],
      problems: [
        `Saved views: expected {"version": ${FORMAT_VERSION}, "views": [...]} (${firstIssue(list.error)}), so the stored list was dropped.`,
      ],
    };
  }
  const problems: string[] = [];
  const valid: SavedView[] = [];
  list.data.views.forEach((entry, index) => {
    const label = typeof (entry as { name?: unknown })?.name === 'string' ? `"${(entry as { name: string }).name}"` : `number ${index + 1}`;
    const parsed = savedViewSchema.safeParse(entry);
    if (!parsed.success) {
      problems.push(`Saved view ${label}: ${firstIssue(parsed.error)}, so it was dropped.`);
      return;
    }
    const decoded = decodeViewState(parsed.data.query);
    if (decoded.problems.length > 0) {
      problems.push(`Saved view ${label}: its link is invalid (${decoded.problems[0]}), so it was dropped.`);
      return;
    }
    valid.push(parsed.data);
  });
  const views: SavedView[] = [];
  for (const view of sortViews(valid)) if (!views.some((kept) => sameName(kept.name, view.name))) views.push(view);
  return { views, problems };
}

export function serializeSavedViews(views: readonly SavedView[]): string {
  return JSON.stringify({ version: FORMAT_VERSION, views: sortViews(views) });
}

export interface SaveRequest {
  name: string;
  state: ViewState;
  windowStart: string | null;
  layoutSeed: number;
  now: Date;
}

export type SaveResult = { ok: true; views: SavedView[]; view: SavedView; replaced: boolean } | { ok: false; error: string };

/** Adds a view, or replaces the one of the same name (names compare without case or surrounding spaces). */
export function addView(views: readonly SavedView[], request: SaveRequest): SaveResult {
  const name = request.name.trim().replace(/\s+/g, ' ');
  if (name === '') return { ok: false, error: 'Name the view before saving it.' };
  if (name.length > SAVED_VIEW_NAME_MAX)
    return { ok: false, error: `A view's name has at most ${SAVED_VIEW_NAME_MAX} characters; this one has ${name.length}.` };
  const replaced = views.some((view) => sameName(view.name, name));
  if (!replaced && views.length >= SAVED_VIEWS_MAX)
    return { ok: false, error: `${SAVED_VIEWS_MAX} views are saved already; delete one first.` };
  const view: SavedView = {
    name,
    savedAt: request.now.toISOString(),
    query: encodeViewState(request.state),
    windowStart: request.windowStart,
    layoutSeed: request.layoutSeed,
  };
  return { ok: true, views: sortViews([view, ...views.filter((other) => !sameName(other.name, name))]), view, replaced };
}

export function removeView(views: readonly SavedView[], name: string): SavedView[] {
  return views.filter((view) => !sameName(view.name, name));
}

/** The state a saved view opens (its query was checked when it was read). */
export function viewState(view: SavedView): ViewState {
  return decodeViewState(view.query).state;
}

/** The link that shares a view: the page's address with the view's query. */
export function viewLink(view: SavedView, page: { origin: string; pathname: string }): string {
  return `${page.origin}${page.pathname}${view.query === '' ? '' : `?${view.query}`}`;
}

/** Modes by name; one added later is shown as its own name until it is given words here. */
const MODE_WORDS: Readonly<Record<ViewState['mode'], string>> = {
  start: 'Start page',
  explore: 'Explore',
  attribution: 'Attribution',
  paths: 'Paths',
  chain: 'Chain',
  network: 'Network',
};

/** One line under a view's name: "Attribution · sony-hack · by 19 Dec 2014 · camera kept". */
export function viewSummary(view: SavedView): string {
  const state = viewState(view);
  const subject = state.mode === 'paths' ? (state.from !== null && state.to !== null ? `${state.from} → ${state.to}` : null) : state.focus;
  const window =
    state.filters.until === null
      ? view.windowStart === null
        ? 'all dates'
        : `from ${formatPartialDate(view.windowStart)}`
      : `${view.windowStart === null ? '' : `${formatPartialDate(view.windowStart)} – `}${formatPartialDate(state.filters.until)}`;
  return [MODE_WORDS[state.mode], subject, window, state.camera === null ? null : 'camera kept']
    .filter((part) => part !== null)
    .join(' · ');
}

/** The part of `localStorage` the list needs, so that a test hands in a stand-in. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * The list in storage. Reading drops what is corrupt and writes the cleaned list back, so the same problem is
 * reported once, not on every page. A storage that refuses (private mode, quota) is reported, never thrown.
 */
export class SavedViewStore {
  private readonly storage: KeyValueStorage | null;
  private readonly key: string;

  constructor(storage: KeyValueStorage | null, key = SAVED_VIEWS_KEY) {
    this.storage = storage;
    this.key = key;
  }

  read(): SavedViewsRead {
    if (this.storage === null) return { views: [], problems: [] };
    let text: string | null;
    try {
      text = this.storage.getItem(this.key);
    } catch {
      return { views: [], problems: ['Saved views: this browser does not allow local storage, so no view can be kept.'] };
    }
    const read = parseSavedViews(text);
    if (read.problems.length > 0) {
      const kept = this.write(read.views);
      if (kept !== null) read.problems.push(kept);
    }
    return read;
  }

  /** Writes the list (removing the key when it is empty); returns a sentence when the browser refused. */
  write(views: readonly SavedView[]): string | null {
    if (this.storage === null) return 'Saved views: this browser does not allow local storage, so no view can be kept.';
    try {
      if (views.length === 0) this.storage.removeItem(this.key);
      else this.storage.setItem(this.key, serializeSavedViews(views));
      return null;
    } catch (error) {
      return `Saved views: the browser refused to store the list (${error instanceof Error ? error.message : String(error)}).`;
    }
  }
}
