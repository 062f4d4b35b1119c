// Partial dates ("2014", "2014-12", "2014-12-19"), declared once: parse, precision, the period a date covers, and overlap.
// Pure functions with no imports beyond the vocabulary, so the explorer bundles the same rules the server applies.
import type { DatePrecision } from './vocabulary';

/** YYYY, YYYY-MM or YYYY-MM-DD, with months 01–12 and days 01–31; `parsePartialDate` also rejects days a month lacks. */
export const PARTIAL_DATE_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
export const PARTIAL_DATE_RULE = 'YYYY, YYYY-MM or YYYY-MM-DD';

const DAY_MS = 86_400_000;
const PRECISION_ORDER: readonly DatePrecision[] = ['year', 'month', 'day'];

export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
  precision: DatePrecision;
}

/** The parts of a partial date, or undefined when the text is not one (including days a month lacks, such as 2014-02-31). */
export function parsePartialDate(value: unknown): PartialDate | undefined {
  if (typeof value !== 'string' || !PARTIAL_DATE_PATTERN.test(value)) return undefined;
  const [year, month, day] = value.split('-').map(Number) as [number, number | undefined, number | undefined];
  if (month === undefined) return { year, precision: 'year' };
  if (day === undefined) return { year, month, precision: 'month' };
  if (day > daysInMonth(year, month)) return undefined;
  return { year, month, day, precision: 'day' };
}

/** The precision a partial date's own form gives: four digits are a year, seven a month, ten a day. */
export function precisionOf(date: string): DatePrecision {
  return date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A closed interval of calendar days, as YYYY-MM-DD. */
export interface DaySpan {
  start: string;
  end: string;
}

/**
 * The closed interval of calendar days a partial date covers: a year spans the year, a month the month,
 * a day itself. `precision` may coarsen the date ("2014-12-01" at month precision spans December); a
 * precision finer than the date's own form cannot be honoured, so the date's own is used.
 */
export function dateSpan(date: unknown, precision?: unknown): DaySpan | undefined {
  const parsed = parsePartialDate(date);
  if (parsed === undefined) return undefined;
  const asked = (PRECISION_ORDER as readonly unknown[]).includes(precision) ? (precision as DatePrecision) : parsed.precision;
  const effective = PRECISION_ORDER.indexOf(asked) <= PRECISION_ORDER.indexOf(parsed.precision) ? asked : parsed.precision;
  const year = pad(parsed.year, 4);
  if (effective === 'year') return { start: `${year}-01-01`, end: `${year}-12-31` };
  const month = parsed.month ?? 1;
  if (effective === 'month')
    return { start: `${year}-${pad(month)}-01`, end: `${year}-${pad(month)}-${pad(daysInMonth(parsed.year, month))}` };
  const day = `${year}-${pad(month)}-${pad(parsed.day ?? 1)}`;
  return { start: day, end: day };
}

/** The start of the period a partial date names, as a STIX/ISO timestamp at midnight UTC. */
export function startTimestamp(date: unknown): string | undefined {
  const span = dateSpan(date);
  return span === undefined ? undefined : `${span.start}T00:00:00.000Z`;
}

/**
 * The first day of the period a partial date names, as days since 1970-01-01 (UTC), or null when it is not a date.
 * A claim dated "2014-12" is taken as known from 1 December: the source only says it was made that month.
 */
export function periodStart(date: string | null | undefined): number | null {
  const span = dateSpan(date);
  return span === undefined ? null : Math.round(Date.parse(`${span.start}T00:00:00Z`) / DAY_MS);
}

/** The last day of the period a partial date names (31 Dec for a year, the month's last day for a month), as a day number. */
export function periodEnd(date: string | null | undefined): number | null {
  const span = dateSpan(date);
  return span === undefined ? null : Math.round(Date.parse(`${span.end}T00:00:00Z`) / DAY_MS);
}

/** Day number to YYYY-MM-DD. */
export function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** YYYY-MM-DD to a day number, or null when it is not a full, valid date. */
export function isoToDay(iso: string): number | null {
  return iso.length === 10 ? periodStart(iso) : null;
}

/**
 * Whether the period a partial date covers overlaps the window from `from` to `to` (both partial dates, either
 * open). "2014-12" overlaps a window ending on 2014-12-05, because the month may hold the day.
 */
export function overlaps(date: string, from: string | undefined, to: string | undefined): boolean {
  const span = dateSpan(date);
  if (span === undefined) return false;
  const fromSpan = from === undefined ? undefined : dateSpan(from);
  const toSpan = to === undefined ? undefined : dateSpan(to);
  return (fromSpan === undefined || span.end >= fromSpan.start) && (toSpan === undefined || span.start <= toSpan.end);
}

/**
 * The as-of rule of `server/graph/asOf.ts`, for code that holds a claim's date rather than a query: a claim counts
 * as of `day` (a day number) once the whole period its date names has ended by then ("2014-12" from 31 December,
 * "2014" from 31 December 2014). A stored `precision` may coarsen the date, as in `dateSpan`. Undated claims never
 * count as of a day.
 */
export function countsAsOfDay(date: string | null | undefined, day: number, precision?: unknown): boolean {
  const span = dateSpan(date, precision);
  return span !== undefined && Math.round(Date.parse(`${span.end}T00:00:00Z`) / DAY_MS) <= day;
}
