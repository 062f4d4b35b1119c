// The explorer's settings: defaults, overrides, and validation errors that name the setting and what was expected.
import { SettingsError } from '../../client/src/core/errors';
import { DEFAULT_SETTINGS, resolveSettings, validateSettings } from '../../client/src/core/settings';

describe('settings', () => {
  test('defaults are valid and frozen', () => {
    expect(() => validateSettings({ ...DEFAULT_SETTINGS })).not.toThrow();
    expect(Object.isFrozen(DEFAULT_SETTINGS)).toBe(true);
    expect(resolveSettings()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.requestTimeoutMs).toBe(8000);
  });

  test('overrides replace defaults', () => {
    const settings = resolveSettings({ requestTimeoutMs: 2000, apiBase: 'http://127.0.0.1:3000/api' });
    expect(settings.requestTimeoutMs).toBe(2000);
    expect(settings.apiBase).toBe('http://127.0.0.1:3000/api');
    expect(settings.searchLimit).toBe(DEFAULT_SETTINGS.searchLimit);
  });

  test('bad values throw a SettingsError naming the setting and the expectation', () => {
    expect(() => resolveSettings({ requestTimeoutMs: 5 })).toThrow(SettingsError);
    expect(() => resolveSettings({ requestTimeoutMs: 5 })).toThrow(
      'settings.requestTimeoutMs: expected an integer from 100 to 120000; got number 5',
    );
    expect(() => resolveSettings({ expandDepth: 1.5 })).toThrow(/settings.expandDepth: expected an integer from 1 to 3/);
    expect(() => resolveSettings({ apiBase: 'api' })).toThrow(/settings.apiBase: expected a path starting with "\/"/);
    expect(() => resolveSettings({ labelDensity: Number.NaN })).toThrow(/settings.labelDensity/);
    expect(() => resolveSettings({ searchLimt: 3 } as never)).toThrow(/settings.searchLimt: expected one of apiBase/);
  });

  test('the layout is set by a seed and an iteration count, both whole numbers in range', () => {
    expect(resolveSettings({ layoutSeed: 42, layoutIterations: 250 })).toMatchObject({ layoutSeed: 42, layoutIterations: 250 });
    expect(() => resolveSettings({ layoutSeed: -1 })).toThrow(/settings.layoutSeed: expected an integer from 0 to 4294967295/);
    expect(() => resolveSettings({ layoutIterations: 2.5 })).toThrow(/settings.layoutIterations: expected an integer from 0 to 5000/);
  });

  test('a large graph starts small above a record count, and grows a page at a time within the per-node cap', () => {
    expect(DEFAULT_SETTINGS.startSmallAbove).toBe(2000);
    expect(resolveSettings({ startSmallAbove: 0, growPage: 20, expandLimit: 100 })).toMatchObject({
      startSmallAbove: 0,
      growPage: 20,
      expandLimit: 100,
    });
    expect(() => resolveSettings({ startSmallAbove: -1 })).toThrow(/settings.startSmallAbove: expected an integer from 0 to 1000000000/);
    expect(() => resolveSettings({ growPage: 0 })).toThrow(/settings.growPage: expected an integer from 1 to 500/);
    // The default cap is 200 neighbourhood nodes: a page of 300 could never be asked for.
    expect(() => resolveSettings({ growPage: 300 })).toThrow(
      'settings.growPage: expected an integer no larger than expandLimit (200); got number 300',
    );
    expect(() => resolveSettings({ overviewIncidents: 101 })).toThrow(/settings.overviewIncidents: expected an integer from 1 to 100/);
  });
});
