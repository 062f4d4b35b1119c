// Timeline arithmetic on the model's partial dates: which claims had been made by a given day, the slider's range, and dates in words;
// the claims-per-period histogram stacked by stance, the brushed window, and the replay's steps and speeds.
// Parsing, the period a date covers and the as-of rule come from server/model/dates.ts; the control is views/controls/timelineControl.ts.
import { countsAsOfDay, dateSpan, dayToIso, isoToDay, parsePartialDate, periodEnd, periodStart } from '../../../server/model/dates';
import { STANCE_KEYS, stanceKey, type StanceKey } from '../../../server/model/viewFilter';

/** Whether a claim dated `date` is shown when the timeline stands at `day`; the rule lives with the view filters. */
export { claimVisibleOn } from '../../../server/model/viewFilter';

export interface TimelineRange {
  /** First and last day the slider covers. */
  min: number;
  max: number;
  /** Distinct period starts, sorted: the days on which something new appears. */
  steps: number[];
  undated: number;
}

/** The slider's range over a set of claim dates; null when none is dated. */
export function timelineRange(dates: Iterable<string | null | undefined>): TimelineRange | null {
  const starts = new Set<number>();
  let max = -Infinity;
  let undated = 0;
  for (const date of dates) {
    const start = periodStart(date);
    if (start === null) {
      undated += 1;
      continue;
    }
    starts.add(start);
    max = Math.max(max, periodEnd(date) ?? start);
  }
  if (starts.size === 0) return null;
  const steps = [...starts].sort((a, b) => a - b);
  return { min: steps[0] as number, max, steps, undated };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** Human form of a partial date at its precision: "2014", "Dec 2014", "19 Dec 2014". */
export function formatPartialDate(date: string | null | undefined): string {
  const parsed = parsePartialDate(date);
  if (parsed === undefined || typeof date !== 'string') return 'undated';
  const year = date.slice(0, 4);
  if (parsed.month === undefined) return year;
  const month = MONTHS[parsed.month - 1];
  return parsed.day === undefined ? `${month} ${year}` : `${parsed.day} ${month} ${year}`;
}

/**
 * How long an analyst view (attribution, matrix, ACH, network) waits after the timeline moves before it asks for the
 * new as-of date: a replay at 1× steps every 400 ms or more and a dragged slider many times a second, so a view that
 * waits this long sends one request per resting point, and a step that is replaced before then sends none (a replay at
 * 2× or 4× outruns it, so the view catches up where the replay stops).
 */
export const AS_OF_DEBOUNCE_MS = 250;

/** What an analyst view must do to show `wanted` when it shows `shown`: everything, only the new tab, or only a new date. */
export type AnalysisRefresh = 'full' | 'tab' | 'asOf' | 'none';

export interface AnalysisShown {
  /** The incident (null: every incident, for the network). */
  subject: string | null;
  /** The tab or the network's options, in words: a change redraws without asking for anything the view already has. */
  variant: string;
  asOf: string | null;
}

/**
 * A change of subject redraws everything (and reframes the graph); a change of tab or options asks for that view
 * at once; a change of date alone is the timeline moving, which waits AS_OF_DEBOUNCE_MS first. When both the
 * variant and the date change (a link), the variant wins: it is a person's click, not a replay step.
 */
export function analysisRefresh(shown: AnalysisShown | null, wanted: AnalysisShown): AnalysisRefresh {
  if (shown === null || shown.subject !== wanted.subject) return 'full';
  if (shown.variant !== wanted.variant) return 'tab';
  if (shown.asOf !== wanted.asOf) return 'asOf';
  return 'none';
}

/** Resolves after `ms`; the analyst views await it, then stop if a newer state replaced theirs meanwhile. */
export function rest(ms: number, timer: (done: () => void, ms: number) => unknown = setTimeout): Promise<void> {
  return new Promise((resolve) => {
    timer(resolve, ms);
  });
}

/** A claim as the timeline reads it: its partial date (and stored precision, which may coarsen it) and its stance. */
export interface TimelineClaim {
  date: string | null | undefined;
  precision?: unknown;
  stance?: unknown;
}

/** The claims of a graph (anything with graphology's forEachNode), as the timeline reads them. */
export function graphClaims(graph: {
  forEachNode(callback: (node: string, attributes: Record<string, unknown>) => void): void;
}): TimelineClaim[] {
  const claims: TimelineClaim[] = [];
  graph.forEachNode((_node, attributes) => {
    if (attributes.type !== 'claim') return;
    claims.push({
      date: typeof attributes.date === 'string' ? attributes.date : null,
      precision: attributes.datePrecision,
      stance: attributes.stance,
    });
  });
  return claims;
}

export type StanceCounts = Record<StanceKey, number>;

function noCounts(): StanceCounts {
  return Object.fromEntries(STANCE_KEYS.map((stance) => [stance, 0])) as StanceCounts;
}

/** A bar's worth of claims: a day or a month, from `start` to `end` (day numbers, both included). */
export interface HistogramBucket {
  start: number;
  end: number;
  counts: StanceCounts;
  total: number;
}

/** Claims whose dated period is longer than one bucket ("2014" when the bars are months), drawn across that period. */
export interface HistogramPeriod extends HistogramBucket {
  /** The period in words: "2014", "Dec 2014". */
  label: string;
}

export type BucketUnit = 'day' | 'month';

export interface ClaimHistogram {
  unit: BucketUnit;
  /** First day of the first bucket and last day of the last one: the stretch the chart draws. */
  min: number;
  max: number;
  buckets: HistogramBucket[];
  periods: HistogramPeriod[];
  /** Claims without a date, in a bucket of their own. */
  undated: { counts: StanceCounts; total: number };
  /** The largest bucket total (periods and the undated bucket are drawn on their own). */
  tallest: number;
}

/**
 * Up to this many days from the first dated period's start to the last one's end, the bars are days; beyond it,
 * months. A quarter of daily bars stays wide enough to point at on a 1024-pixel stage (about 9 px each); a longer
 * span would make them slivers, and the seeded data (March 2013 to December 2014) is read by the month.
 */
export const DAY_BUCKET_MAX_SPAN = 92;

/** The bucket a span of days calls for. */
export function bucketUnit(min: number, max: number): BucketUnit {
  return max - min + 1 <= DAY_BUCKET_MAX_SPAN ? 'day' : 'month';
}

/** The first day of the month holding `day`, and the last. */
export function monthOf(day: number): { start: number; end: number } {
  const iso = dayToIso(day).slice(0, 7);
  return { start: periodStart(iso) as number, end: periodEnd(iso) as number };
}

/** The period a span of whole days names, in words: a calendar year, a calendar month, or a day. */
function spanLabel(start: number, end: number): string {
  const [first, last] = [dayToIso(start), dayToIso(end)];
  if (first.endsWith('-01-01') && last === `${first.slice(0, 4)}-12-31`) return first.slice(0, 4);
  if (first.endsWith('-01') && monthOf(start).end === end) return formatPartialDate(first.slice(0, 7));
  return start === end ? formatPartialDate(first) : `${formatPartialDate(first)} – ${formatPartialDate(last)}`;
}

/**
 * Claims per day or month (by the span, see DAY_BUCKET_MAX_SPAN), stacked by stance. A claim is drawn over the whole
 * period its date names, never at the period's start: when that period fits in one bucket ("2014-12" among months) it
 * is counted in that bucket's bar; when it is longer ("2014" among months, "2014-12" among days) it goes to `periods`,
 * which the chart draws as a band across the period. Undated claims are counted apart. Null when no claim is dated.
 */
export function claimHistogram(claims: Iterable<TimelineClaim>): ClaimHistogram | null {
  const dated: Array<{ start: number; end: number; stance: StanceKey }> = [];
  const undated = { counts: noCounts(), total: 0 };
  for (const claim of claims) {
    const span = dateSpan(claim.date, claim.precision);
    const stance = stanceKey(claim.stance);
    if (span === undefined) {
      undated.counts[stance] += 1;
      undated.total += 1;
      continue;
    }
    dated.push({ start: isoToDay(span.start) as number, end: isoToDay(span.end) as number, stance });
  }
  if (dated.length === 0) return null;
  // A loop, not Math.min(...): a large graph's claims would overflow the argument list.
  let [first, last] = [Infinity, -Infinity];
  for (const claim of dated) [first, last] = [Math.min(first, claim.start), Math.max(last, claim.end)];
  const unit = bucketUnit(first, last);
  const buckets: HistogramBucket[] = [];
  for (let day = unit === 'day' ? first : monthOf(first).start; day <= last;) {
    const end = unit === 'day' ? day : monthOf(day).end;
    buckets.push({ start: day, end, counts: noCounts(), total: 0 });
    day = end + 1;
  }
  const byStart = new Map(buckets.map((bucket) => [bucket.start, bucket]));
  const periods = new Map<string, HistogramPeriod>();
  for (const claim of dated) {
    const bucket = byStart.get(unit === 'day' ? claim.start : monthOf(claim.start).start);
    let target: HistogramBucket | undefined = bucket !== undefined && claim.end <= bucket.end ? bucket : undefined;
    if (target === undefined) {
      const key = `${claim.start}:${claim.end}`;
      target = periods.get(key);
      if (target === undefined) {
        const period: HistogramPeriod = {
          start: claim.start,
          end: claim.end,
          counts: noCounts(),
          total: 0,
          label: spanLabel(claim.start, claim.end),
        };
        periods.set(key, period);
        target = period;
      }
    }
    target.counts[claim.stance] += 1;
    target.total += 1;
  }
  return {
    unit,
    min: (buckets[0] as HistogramBucket).start,
    max: (buckets[buckets.length - 1] as HistogramBucket).end,
    buckets,
    periods: [...periods.values()].sort((a, b) => a.start - b.start || b.end - a.end),
    undated,
    tallest: Math.max(0, ...buckets.map((bucket) => bucket.total)),
  };
}

/** A stretch of the timeline: from `from` to `to`, both day numbers and both included. */
export interface TimeWindow {
  from: number;
  to: number;
}

/** A window kept inside `min`–`max`, its ends swapped when given backwards, and rounded to whole days. */
export function clampWindow(window: TimeWindow, min: number, max: number): TimeWindow {
  const clamp = (day: number) => Math.min(max, Math.max(min, Math.round(day)));
  const [a, b] = [clamp(window.from), clamp(window.to)];
  return a <= b ? { from: a, to: b } : { from: b, to: a };
}

/**
 * The day under a point `fraction` (0 at the left edge, 1 at the right) of a chart that draws `min` to `max` with
 * each day as wide as the others: day d covers [d, d + 1) of the axis.
 */
export function dayAtFraction(fraction: number, min: number, max: number): number {
  const span = max - min + 1;
  return Math.min(max, Math.max(min, min + Math.floor(Math.min(Math.max(fraction, 0), 1) * span)));
}

/**
 * How many claims count as of the window's end (the model's as-of rule: once their period has ended), and how many
 * of those were made inside the window: counted as of its last day, not yet as of the day before it began.
 */
export function windowCounts(claims: Iterable<TimelineClaim>, window: TimeWindow): { counted: number; inWindow: number } {
  let counted = 0;
  let inWindow = 0;
  for (const claim of claims) {
    if (!countsAsOfDay(claim.date, window.to, claim.precision)) continue;
    counted += 1;
    if (!countsAsOfDay(claim.date, window.from - 1, claim.precision)) inWindow += 1;
  }
  return { counted, inWindow };
}

export const PLAY_STEPS = ['day', 'week', 'month'] as const;
export type PlayStep = (typeof PLAY_STEPS)[number];
export const PLAY_SPEEDS = [0.5, 1, 2, 4] as const;
export type PlaySpeed = (typeof PLAY_SPEEDS)[number];

/** The replay's step for a chart: a day at a time over daily bars, a month at a time over monthly ones. */
export function defaultPlayStep(unit: BucketUnit): PlayStep {
  return unit === 'day' ? 'day' : 'month';
}

/**
 * The days a replay of the window stands on, in order: its first day, then one step after another, and always its
 * last day at the end. A month step lands on each month's last day, the day the month's claims count as of.
 */
export function playDays(window: TimeWindow, step: PlayStep): number[] {
  const days = [window.from];
  let day = window.from;
  while (day < window.to) {
    day = step === 'day' ? day + 1 : step === 'week' ? day + 7 : monthOf(day).end > day ? monthOf(day).end : monthOf(day + 1).end;
    days.push(Math.min(day, window.to));
  }
  return days;
}

/** Milliseconds between replay steps: the base step (at least 400 ms, see AS_OF_DEBOUNCE_MS) over the speed. */
export function playIntervalMs(baseMs: number, speed: PlaySpeed): number {
  return Math.round(Math.max(baseMs, 400) / speed);
}
