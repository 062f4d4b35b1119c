// Saved views: serialised as the URL's query, read back through zod (corrupt entries reported and dropped), newest first, shared as links.
import {
  addView,
  parseSavedViews,
  removeView,
  SAVED_VIEWS_KEY,
  SAVED_VIEWS_MAX,
  SavedViewStore,
  serializeSavedViews,
  sortViews,
  viewLink,
  viewState,
  viewSummary,
  type KeyValueStorage,
  type SavedView,
} from '../../client/src/core/state/savedViews';
import { defaultViewState, type ViewState } from '../../client/src/core/state/urlState';

/** A stand-in for the browser's localStorage: a map, optionally refusing writes as a full quota does. */
class MemoryStorage implements KeyValueStorage {
  readonly items = new Map<string, string>();
  refuse = false;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.refuse) throw new Error('QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const attribution: ViewState = {
  ...defaultViewState(),
  mode: 'attribution',
  focus: 'sony-hack',
  tab: 'matrix',
  camera: { x: 0.4821, y: 0.5133, ratio: 0.35 },
  filters: { ...defaultViewState().filters, until: '2014-12-20', stances: ['asserts', 'denies'] },
};

function saved(name: string, savedAt: string, query = 'mode=attribution&node=sony-hack'): SavedView {
  return { name, savedAt, query, windowStart: null, layoutSeed: 1 };
}

describe('addView', () => {
  test('serialises the state as its URL query, with the window start and the layout seed', () => {
    const result = addView([], {
      name: '  Sony   as of 20 Dec ',
      state: attribution,
      windowStart: '2014-12-01',
      layoutSeed: 7,
      now: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // Spaces trimmed and runs of them made one; stances listed in the model's order, the camera as x,y,ratio.
    expect(result.view).toEqual({
      name: 'Sony as of 20 Dec',
      savedAt: '2024-01-02T03:04:05.000Z',
      query: 'mode=attribution&node=sony-hack&stances=asserts%2Cdenies&until=2014-12-20&cam=0.4821%2C0.5133%2C0.35&tab=matrix',
      windowStart: '2014-12-01',
      layoutSeed: 7,
    });
    expect(result.replaced).toBe(false);
    // Opening it gives the same state back.
    expect(viewState(result.view)).toEqual(attribution);
  });

  test('the same name (any case) replaces the view, and the list stays newest first', () => {
    const views = [saved('Older', '2024-01-01T00:00:00.000Z'), saved('Sony', '2024-01-02T00:00:00.000Z')];
    const result = addView(views, {
      name: 'sony',
      state: defaultViewState(),
      windowStart: null,
      layoutSeed: 1,
      now: new Date('2024-01-03T00:00:00.000Z'),
    });
    expect(result.ok && result.replaced).toBe(true);
    if (!result.ok) return;
    expect(result.views.map((view) => [view.name, view.query])).toEqual([
      ['sony', ''],
      ['Older', 'mode=attribution&node=sony-hack'],
    ]);
  });

  test('refuses an empty name, a long one, and a list that is full', () => {
    const request = { state: defaultViewState(), windowStart: null, layoutSeed: 1, now: new Date('2024-01-01T00:00:00.000Z') };
    expect(addView([], { ...request, name: '   ' })).toEqual({ ok: false, error: 'Name the view before saving it.' });
    expect(addView([], { ...request, name: 'x'.repeat(81) })).toEqual({
      ok: false,
      error: "A view's name has at most 80 characters; this one has 81.",
    });
    const full = Array.from({ length: SAVED_VIEWS_MAX }, (_, index) => saved(`View ${index}`, '2024-01-01T00:00:00.000Z'));
    expect(addView(full, { ...request, name: 'One more' })).toEqual({ ok: false, error: '50 views are saved already; delete one first.' });
    // Replacing one of the fifty is still allowed: the list does not grow.
    expect(addView(full, { ...request, name: 'view 3' }).ok).toBe(true);
  });
});

describe('parseSavedViews', () => {
  test('reads back what serializeSavedViews wrote, newest first, ties by name', () => {
    const views = [saved('b', '2024-01-01T00:00:00.000Z'), saved('c', '2024-01-02T00:00:00.000Z'), saved('a', '2024-01-01T00:00:00.000Z')];
    expect(parseSavedViews(serializeSavedViews(views))).toEqual({
      views: [views[1], views[2], views[0]],
      problems: [],
    });
    expect(sortViews(views).map((view) => view.name)).toEqual(['c', 'a', 'b']);
  });

  test('nothing stored is an empty list without problems', () => {
    expect(parseSavedViews(null)).toEqual({ views: [], problems: [] });
  });

  test('text that is not the list is dropped whole, with a message', () => {
    expect(parseSavedViews('{not json')).toEqual({
      views: [],
      problems: ['Saved views: the stored list is not valid JSON, so it was dropped.'],
    });
    expect(parseSavedViews('{"version": 2, "views": []}').problems).toEqual([
      'Saved views: expected {"version": 1, "views": [...]} (version: Invalid input: expected 1), so the stored list was dropped.',
    ]);
  });

  test('a corrupt entry is dropped alone, named and explained', () => {
    const good = saved('Good', '2024-01-01T00:00:00.000Z');
    const text = JSON.stringify({
      version: 1,
      views: [
        good,
        { ...good, name: 'No date', savedAt: 'yesterday' },
        { ...good, name: 'Bad window', windowStart: '2014-02-30' },
        { ...good, name: 'Bad link', query: 'mode=nowhere' },
        42,
      ],
    });
    expect(parseSavedViews(text)).toEqual({
      views: [good],
      problems: [
        'Saved view "No date": savedAt: expected an ISO timestamp, so it was dropped.',
        'Saved view "Bad window": windowStart: expected a day as YYYY-MM-DD, so it was dropped.',
        expect.stringMatching(
          /^Saved view "Bad link": its link is invalid \(mode: expected one of .*; got "nowhere"\), so it was dropped\.$/,
        ),
        'Saved view number 5: Invalid input: expected object, received number, so it was dropped.',
      ],
    });
  });

  test('of two entries with one name, the newer is kept', () => {
    const text = JSON.stringify({
      version: 1,
      views: [saved('Sony', '2024-01-01T00:00:00.000Z', ''), saved('SONY', '2024-02-01T00:00:00.000Z')],
    });
    expect(parseSavedViews(text).views.map((view) => view.name)).toEqual(['SONY']);
  });
});

describe('SavedViewStore', () => {
  test('writes the list under its key, removes the key when empty, and cleans a corrupt list on read', () => {
    const storage = new MemoryStorage();
    const store = new SavedViewStore(storage);
    const view = saved('Sony', '2024-01-01T00:00:00.000Z');
    expect(store.write([view])).toBeNull();
    expect(JSON.parse(storage.getItem(SAVED_VIEWS_KEY)!)).toEqual({ version: 1, views: [view] });
    expect(store.read()).toEqual({ views: [view], problems: [] });
    expect(store.write(removeView([view], 'sony'))).toBeNull();
    expect(storage.items.has(SAVED_VIEWS_KEY)).toBe(false);

    storage.setItem(SAVED_VIEWS_KEY, JSON.stringify({ version: 1, views: [view, { name: 'Broken' }] }));
    expect(store.read().problems).toEqual(['Saved view "Broken": savedAt: expected an ISO timestamp, so it was dropped.']);
    // The cleaned list was written back, so the next read has nothing to report.
    expect(store.read()).toEqual({ views: [view], problems: [] });
  });

  test('a storage that refuses is reported, not thrown', () => {
    const storage = new MemoryStorage();
    storage.refuse = true;
    expect(new SavedViewStore(storage).write([saved('Sony', '2024-01-01T00:00:00.000Z')])).toBe(
      'Saved views: the browser refused to store the list (QuotaExceededError).',
    );
    expect(new SavedViewStore(null).read()).toEqual({ views: [], problems: [] });
  });
});

describe('links and summaries', () => {
  test('a link is the page address with the view query', () => {
    const page = { origin: 'http://127.0.0.1:8080', pathname: '/' };
    expect(viewLink(saved('Sony', '2024-01-01T00:00:00.000Z'), page)).toBe('http://127.0.0.1:8080/?mode=attribution&node=sony-hack');
    expect(viewLink(saved('All', '2024-01-01T00:00:00.000Z', ''), page)).toBe('http://127.0.0.1:8080/');
  });

  test('the summary names the mode, the subject, the window and whether the camera is kept', () => {
    const result = addView([], {
      name: 'Sony',
      state: attribution,
      windowStart: '2014-12-01',
      layoutSeed: 1,
      now: new Date('2024-01-01T00:00:00.000Z'),
    });
    expect(result.ok && viewSummary(result.view)).toBe('Attribution · sony-hack · 1 Dec 2014 – 20 Dec 2014 · camera kept');
    expect(viewSummary(saved('All', '2024-01-01T00:00:00.000Z', 'mode=explore'))).toBe('Explore · all dates');
    // An empty query is the start page, which a saved view names as such.
    expect(viewSummary(saved('Home', '2024-01-01T00:00:00.000Z', ''))).toBe('Start page · all dates');
    expect(
      viewSummary({ ...saved('Paths', '2024-01-01T00:00:00.000Z', 'mode=paths&from=anonymous&to=fbi'), windowStart: '2014-11-01' }),
    ).toBe('Paths · anonymous → fbi · from 1 Nov 2014');
  });
});
