// Timeline visibility: partial dates become the start of their period, and the slider's range covers every dated claim.
// The day arithmetic is the model's (server/model/dates.ts), tested here as the timeline uses it.
import { claimVisibleOn, formatPartialDate, timelineRange } from '../../client/src/core/timeline';
import { dayToIso, isoToDay, periodEnd, periodStart } from '../../server/model/dates';

const day = (iso: string) => isoToDay(iso) as number;

describe('partial dates', () => {
  test('a year, a month and a day each start at the first day of their period', () => {
    expect(dayToIso(periodStart('2014') as number)).toBe('2014-01-01');
    expect(dayToIso(periodStart('2014-12') as number)).toBe('2014-12-01');
    expect(dayToIso(periodStart('2014-12-19') as number)).toBe('2014-12-19');
  });

  test('periods end on their last day', () => {
    expect(dayToIso(periodEnd('2014') as number)).toBe('2014-12-31');
    expect(dayToIso(periodEnd('2014-02') as number)).toBe('2014-02-28');
    expect(dayToIso(periodEnd('2016-02') as number)).toBe('2016-02-29');
    expect(dayToIso(periodEnd('2014-12-19') as number)).toBe('2014-12-19');
  });

  test('anything that is not a valid partial date is null', () => {
    for (const bad of ['', '14', '2014-13', '2014-02-30', '2014-12-1', 'Dec 2014', null, undefined]) expect(periodStart(bad)).toBeNull();
    expect(isoToDay('2014-12')).toBeNull();
  });

  test('round trip between day numbers and ISO days', () => {
    for (const iso of ['1970-01-01', '2014-12-19', '2000-02-29']) expect(dayToIso(day(iso))).toBe(iso);
  });

  test('formatting keeps the precision', () => {
    expect(formatPartialDate('2014')).toBe('2014');
    expect(formatPartialDate('2014-12')).toBe('Dec 2014');
    expect(formatPartialDate('2014-12-09')).toBe('9 Dec 2014');
    expect(formatPartialDate(null)).toBe('undated');
  });
});

describe('claimVisibleOn', () => {
  test('no day selected shows everything', () => {
    expect(claimVisibleOn('2014-12-19', null)).toBe(true);
  });

  test('a day-precision claim appears on its day', () => {
    expect(claimVisibleOn('2014-12-19', day('2014-12-18'))).toBe(false);
    expect(claimVisibleOn('2014-12-19', day('2014-12-19'))).toBe(true);
  });

  test('month- and year-precision claims are visible from the start of their period', () => {
    expect(claimVisibleOn('2014-12', day('2014-11-30'))).toBe(false);
    expect(claimVisibleOn('2014-12', day('2014-12-01'))).toBe(true);
    expect(claimVisibleOn('2014', day('2013-12-31'))).toBe(false);
    expect(claimVisibleOn('2014', day('2014-01-01'))).toBe(true);
  });

  test('undated claims are always shown', () => {
    expect(claimVisibleOn(null, day('1990-01-01'))).toBe(true);
    expect(claimVisibleOn(undefined, day('1990-01-01'))).toBe(true);
  });
});

describe('timelineRange', () => {
  test('covers from the earliest period start to the latest period end, with distinct steps', () => {
    const range = timelineRange(['2014-12-19', '2014-12', '2013-03', null, '2014-12-19', undefined]);
    expect(range).not.toBeNull();
    expect(dayToIso(range!.min)).toBe('2013-03-01');
    expect(dayToIso(range!.max)).toBe('2014-12-31');
    expect(range!.steps.map(dayToIso)).toEqual(['2013-03-01', '2014-12-01', '2014-12-19']);
    expect(range!.undated).toBe(2);
  });

  test('is null when nothing is dated', () => {
    expect(timelineRange([null, undefined])).toBeNull();
  });
});
