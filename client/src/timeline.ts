// Timeline arithmetic: partial dates (YYYY, YYYY-MM, YYYY-MM-DD) as day numbers, and which claims had been made by a given day.

const DAY_MS = 86_400_000;
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The first day of the period a partial date names, as days since 1970-01-01 (UTC), or null when it is not a date.
 * A claim dated "2014-12" is taken as known from 1 December: the source only says it was made that month, and the
 * replay should not hide a claim that may already have been made.
 */
export function periodStart(date: string | null | undefined): number | null {
  if (typeof date !== 'string') return null;
  const match = PARTIAL_DATE.exec(date);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = match[2] === undefined ? 1 : Number(match[2]);
  const day = match[3] === undefined ? 1 : Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const time = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2014-02-31 over to March; such a date is invalid, not a different day.
  if (new Date(time).getUTCDate() !== day) return null;
  return Math.round(time / DAY_MS);
}

/** The last day of the period a partial date names (31 Dec for a year, the month's last day for a month). */
export function periodEnd(date: string | null | undefined): number | null {
  const start = periodStart(date);
  if (start === null || date === null || date === undefined) return null;
  const parts = date.split('-');
  if (parts.length === 3) return start;
  const from = new Date(start * DAY_MS);
  const next = parts.length === 2 ? Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1) : Date.UTC(from.getUTCFullYear() + 1, 0, 1);
  return Math.round(next / DAY_MS) - 1;
}

/** Day number to YYYY-MM-DD. */
export function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** YYYY-MM-DD to a day number, or null when it is not a full, valid date. */
export function isoToDay(iso: string): number | null {
  return ISO_DAY.test(iso) ? periodStart(iso) : null;
}

/**
 * Whether a claim dated `date` is shown when the timeline stands at `day`. No day means no timeline filter; an
 * undated claim is always shown, because nothing says it came later.
 */
export function claimVisibleOn(date: string | null | undefined, day: number | null): boolean {
  if (day === null) return true;
  const start = periodStart(date);
  return start === null || start <= day;
}

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

/** Human form of a partial date at its precision: "2014", "Dec 2014", "19 Dec 2014". */
export function formatPartialDate(date: string | null | undefined): string {
  if (typeof date !== 'string' || periodStart(date) === null) return 'undated';
  const parts = date.split('-');
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const month = parts[1] === undefined ? undefined : months[Number(parts[1]) - 1];
  if (parts.length === 1) return date;
  if (parts.length === 2) return `${month} ${parts[0]}`;
  return `${Number(parts[2])} ${month} ${parts[0]}`;
}
