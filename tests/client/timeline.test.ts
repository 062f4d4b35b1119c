// Timeline visibility: partial dates become the start of their period, and the slider's range covers every dated claim;
// the as-of rule, the histogram's buckets, the window and the replay's days. The day arithmetic is the model's (server/model/dates.ts).
import Graph from 'graphology';
import {
  bucketUnit,
  claimHistogram,
  claimVisibleOn,
  clampWindow,
  dayAtFraction,
  defaultPlayStep,
  formatPartialDate,
  graphClaims,
  playDays,
  playIntervalMs,
  PLAY_SPEEDS,
  timelineRange,
  windowCounts,
} from '../../client/src/core/timeline';
import { countsAsOfDay, dayToIso, isoToDay, periodEnd, periodStart } from '../../server/model/dates';

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

describe('countsAsOfDay: the as-of rule of server/graph/asOf.ts', () => {
  test('a claim counts once the whole period its date names has ended', () => {
    // "2014-12" ends on 31 December, "2014" on 31 December 2014, a day on itself.
    expect(countsAsOfDay('2014-12', day('2014-12-30'))).toBe(false);
    expect(countsAsOfDay('2014-12', day('2014-12-31'))).toBe(true);
    expect(countsAsOfDay('2014', day('2014-12-30'))).toBe(false);
    expect(countsAsOfDay('2014', day('2014-12-31'))).toBe(true);
    expect(countsAsOfDay('2014-12-19', day('2014-12-18'))).toBe(false);
    expect(countsAsOfDay('2014-12-19', day('2014-12-19'))).toBe(true);
  });

  test('a stored precision coarsens the date, never refines it; undated claims never count', () => {
    // "2014-12-19" kept at month precision spans December, so it counts from the 31st.
    expect(countsAsOfDay('2014-12-19', day('2014-12-30'), 'month')).toBe(false);
    expect(countsAsOfDay('2014-12-19', day('2014-12-31'), 'month')).toBe(true);
    // A month cannot be refined to a day: "2014-12" at day precision still ends on the 31st.
    expect(countsAsOfDay('2014-12', day('2014-12-01'), 'day')).toBe(false);
    expect(countsAsOfDay(null, day('2100-01-01'))).toBe(false);
  });
});

describe('claimHistogram', () => {
  test('a span of up to 92 days is drawn by day, a longer one by month', () => {
    // 1 Oct to 31 Dec 2014: 31 + 30 + 31 = 92 days; one more day makes 93.
    expect(bucketUnit(day('2014-10-01'), day('2014-12-31'))).toBe('day');
    expect(bucketUnit(day('2014-09-30'), day('2014-12-31'))).toBe('month');
  });

  test('months: bars stacked by stance, a year-dated claim across its year, undated claims apart', () => {
    const histogram = claimHistogram([
      { date: '2014-12-19', stance: 'asserts' },
      { date: '2014-12-23', stance: 'asserts' },
      { date: '2014-12', stance: 'denies' },
      { date: '2014-11', stance: 'neither' },
      { date: '2014' },
      { date: '2014', stance: 'asserts' },
      { date: null, stance: 'asserts' },
      { date: undefined },
      { date: 'Dec 2014', stance: 'denies' },
    ])!;
    // The dated periods run from 1 Jan 2014 (the year) to 31 Dec 2014: 365 days, so months; January to December = 12 bars.
    expect(histogram.unit).toBe('month');
    expect(dayToIso(histogram.min)).toBe('2014-01-01');
    expect(dayToIso(histogram.max)).toBe('2014-12-31');
    expect(histogram.buckets).toHaveLength(12);
    const december = histogram.buckets[11]!;
    // 19 and 23 December and "2014-12" all fit in December: asserts 2, denies 1.
    expect([dayToIso(december.start), dayToIso(december.end)]).toEqual(['2014-12-01', '2014-12-31']);
    expect(december.counts).toEqual({ asserts: 2, denies: 1, neither: 0, none: 0 });
    expect(december.total).toBe(3);
    expect(histogram.buckets[10]!.counts).toEqual({ asserts: 0, denies: 0, neither: 1, none: 0 });
    // Both "2014" claims are longer than a month: one band over the whole year, never on 1 January's bar.
    expect(histogram.buckets[0]!.total).toBe(0);
    expect(histogram.periods).toHaveLength(1);
    expect(histogram.periods[0]).toMatchObject({ label: '2014', total: 2, counts: { asserts: 1, denies: 0, neither: 0, none: 1 } });
    expect([dayToIso(histogram.periods[0]!.start), dayToIso(histogram.periods[0]!.end)]).toEqual(['2014-01-01', '2014-12-31']);
    // null, undefined and the unparseable "Dec 2014": 3 undated, one asserting, one denying, one without a stance.
    expect(histogram.undated).toEqual({ total: 3, counts: { asserts: 1, denies: 1, neither: 0, none: 1 } });
    // Tallest bar: December's 3.
    expect(histogram.tallest).toBe(3);
  });

  test('days: a month-dated claim spans its month in the lane, day-dated ones stand on their day', () => {
    const histogram = claimHistogram([
      { date: '2014-12-19', stance: 'asserts' },
      { date: '2014-12-19', stance: 'denies' },
      { date: '2014-11-30', stance: 'asserts' },
      { date: '2014-12', stance: 'neither' },
      { date: '2014-12-05', precision: 'month', stance: 'asserts' },
    ])!;
    // 30 Nov to 31 Dec: 1 + 31 = 32 days, so daily bars, one per day.
    expect(histogram.unit).toBe('day');
    expect(histogram.buckets).toHaveLength(32);
    expect(histogram.buckets.filter((bucket) => bucket.total > 0).map((bucket) => [dayToIso(bucket.start), bucket.total])).toEqual([
      ['2014-11-30', 1],
      ['2014-12-19', 2],
    ]);
    // "2014-12" and "2014-12-05" kept at month precision both span December: one band of 2.
    expect(histogram.periods).toEqual([
      {
        start: day('2014-12-01'),
        end: day('2014-12-31'),
        label: 'Dec 2014',
        total: 2,
        counts: { asserts: 1, denies: 0, neither: 1, none: 0 },
      },
    ]);
    expect(histogram.tallest).toBe(2);
  });

  test('nothing dated gives no histogram', () => {
    expect(claimHistogram([{ date: null }, { date: undefined }])).toBeNull();
  });
});

describe('the window', () => {
  test('clampWindow keeps it inside the chart and swaps ends given backwards', () => {
    const [min, max] = [day('2014-01-01'), day('2014-12-31')];
    expect(clampWindow({ from: day('2013-06-01'), to: day('2015-01-01') }, min, max)).toEqual({ from: min, to: max });
    expect(clampWindow({ from: day('2014-12-20'), to: day('2014-12-01') }, min, max)).toEqual({
      from: day('2014-12-01'),
      to: day('2014-12-20'),
    });
  });

  test('dayAtFraction: each day is an equal strip of the axis', () => {
    // 1–10 December is 10 days; the left edge is the 1st, 0.55 of the way is the 6th (floor(5.5) = 5 days on), the right edge the 10th.
    const [min, max] = [day('2014-12-01'), day('2014-12-10')];
    expect(dayToIso(dayAtFraction(0, min, max))).toBe('2014-12-01');
    expect(dayToIso(dayAtFraction(0.55, min, max))).toBe('2014-12-06');
    expect(dayToIso(dayAtFraction(1, min, max))).toBe('2014-12-10');
    expect(dayToIso(dayAtFraction(-3, min, max))).toBe('2014-12-01');
  });

  test('windowCounts: counted by the end under the as-of rule, and made inside the window', () => {
    const claims = [
      { date: '2014-11' },
      { date: '2014-12-19' },
      { date: '2014-12-19' },
      { date: '2014-12' },
      { date: '2014-12-23' },
      { date: null },
    ];
    // Window 1–20 December. Counted by the 20th: "2014-11" (ended 30 Nov) and both of the 19th = 3; "2014-12" only
    // counts from the 31st, the 23rd's later, the undated never. Made in it: counted by the 20th, not by 30 November = 2.
    expect(windowCounts(claims, { from: day('2014-12-01'), to: day('2014-12-20') })).toEqual({ counted: 3, inWindow: 2 });
    // Window 30 Nov – 31 Dec: all five dated count by the 31st, and none by the 29th ("2014-11" ends on the 30th), so all 5 are in it.
    expect(windowCounts(claims, { from: day('2014-11-30'), to: day('2014-12-31') })).toEqual({ counted: 5, inWindow: 5 });
  });
});

describe('replay', () => {
  test('playDays by day, week and month always ends on the window end', () => {
    const iso = (days: number[]) => days.map(dayToIso);
    expect(iso(playDays({ from: day('2014-12-17'), to: day('2014-12-20') }, 'day'))).toEqual([
      '2014-12-17',
      '2014-12-18',
      '2014-12-19',
      '2014-12-20',
    ]);
    // 1 + 7 = 8, 8 + 7 = 15, 15 + 7 = 22 is past the 20th, so the 20th.
    expect(iso(playDays({ from: day('2014-12-01'), to: day('2014-12-20') }, 'week'))).toEqual([
      '2014-12-01',
      '2014-12-08',
      '2014-12-15',
      '2014-12-20',
    ]);
    // From mid-November: its month's end, then December's end would pass the 23rd, so the 23rd.
    expect(iso(playDays({ from: day('2014-11-15'), to: day('2014-12-23') }, 'month'))).toEqual(['2014-11-15', '2014-11-30', '2014-12-23']);
    // Starting on a month's last day goes to the next month's last: 31 Jan, 28 Feb (2014 is not a leap year), 31 Mar.
    expect(iso(playDays({ from: day('2014-01-31'), to: day('2014-03-31') }, 'month'))).toEqual(['2014-01-31', '2014-02-28', '2014-03-31']);
    expect(iso(playDays({ from: day('2014-12-19'), to: day('2014-12-19') }, 'week'))).toEqual(['2014-12-19']);
  });

  test('speeds divide the base step, which is at least 400 ms', () => {
    // The default replayStepMs, 120, is raised to 400: 400 / 0.5 = 800, 400 / 4 = 100.
    expect(PLAY_SPEEDS.map((speed) => playIntervalMs(120, speed))).toEqual([800, 400, 200, 100]);
    expect(playIntervalMs(1000, 2)).toBe(500);
    expect(defaultPlayStep('day')).toBe('day');
    expect(defaultPlayStep('month')).toBe('month');
  });
});

describe('graphClaims', () => {
  test('reads the claim nodes of a graph with their date, precision and stance', () => {
    const graph = new Graph();
    graph.addNode('c1', { type: 'claim', date: '2014-12', datePrecision: 'month', stance: 'asserts' });
    graph.addNode('c2', { type: 'claim' });
    graph.addNode('fbi', { type: 'actor', date: '2014-12-19' });
    expect(graphClaims(graph)).toEqual([
      { date: '2014-12', precision: 'month', stance: 'asserts' },
      { date: null, precision: undefined, stance: undefined },
    ]);
  });
});
