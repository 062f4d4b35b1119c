// Timeline arithmetic on the model's partial dates: which claims had been made by a given day, the slider's range, and dates in words.
// Parsing and the period a date covers come from server/model/dates.ts; its slider and replay are views/controls/timelineControl.ts.
import { parsePartialDate, periodEnd, periodStart } from '../../../server/model/dates';

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
 * new as-of date: a replay steps every 400 ms or more and a dragged slider many times a second, so a view that waits
 * this long sends one request per resting point, and a step that is replaced before then sends none.
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
