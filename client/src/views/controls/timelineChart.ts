// The timeline's histogram as SVG: claims per day or month stacked by stance, bands for longer dated periods, the brushed window, and the undated bucket apart.
import { dayToIso } from '../../../../server/model/dates';
import { STANCE_COLORS, STANCE_KEYS, STANCE_LABELS } from '../../core/graph/style';
import { formatPartialDate, monthOf, type ClaimHistogram, type HistogramBucket, type TimeWindow } from '../../core/timeline';
import { el } from '../dom';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Height of the bars' area and of the period lane below it, in the chart's own units (the SVG stretches to fit). */
const BARS_HEIGHT = 40;
const LANE_TOP = 42;
const LANE_HEIGHT = 8;
const CHART_HEIGHT = LANE_TOP + LANE_HEIGHT;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  return element;
}

function titled<T extends SVGElement>(element: T, text: string): T {
  const title = document.createElementNS(SVG_NS, 'title');
  title.textContent = text;
  element.append(title);
  return element;
}

/** "Dec 2014: 71 claims — 14 asserts responsibility, …", for a bar's tooltip. */
function bucketWords(when: string, bucket: Pick<HistogramBucket, 'counts' | 'total'>): string {
  const parts = STANCE_KEYS.filter((stance) => bucket.counts[stance] > 0).map(
    (stance) => `${bucket.counts[stance]} ${STANCE_LABELS[stance].toLowerCase()}`,
  );
  return `${when}: ${bucket.total} claim${bucket.total === 1 ? '' : 's'}${parts.length === 0 ? '' : ` — ${parts.join(', ')}`}`;
}

function bucketName(histogram: ClaimHistogram, bucket: HistogramBucket): string {
  return formatPartialDate(histogram.unit === 'day' ? dayToIso(bucket.start) : dayToIso(bucket.start).slice(0, 7));
}

/** Stacked rectangles for one bucket, from the bottom in the legend's stance order; `x` and `width` in days. */
function stack(
  bucket: Pick<HistogramBucket, 'counts'>,
  x: number,
  width: number,
  scale: number,
  extra: Record<string, string>,
): SVGRectElement[] {
  const rects: SVGRectElement[] = [];
  let base = BARS_HEIGHT;
  for (const stance of STANCE_KEYS) {
    const count = bucket.counts[stance];
    if (count === 0) continue;
    const height = (count / scale) * BARS_HEIGHT;
    base -= height;
    rects.push(
      svg('rect', {
        class: 'timeline-segment',
        x,
        y: base,
        width,
        height,
        fill: STANCE_COLORS[stance],
        'data-stance': stance,
        'data-count': count,
        ...extra,
      }),
    );
  }
  return rects;
}

export interface DrawnChart {
  /** The dated chart, stretched to its box. */
  dated: SVGSVGElement;
  /** Year or month marks under it, placed by percentage. */
  axis: HTMLElement;
  /** The undated bucket, drawn apart. */
  undated: HTMLElement;
}

/** Draws `histogram` with `window` marked; the scale is shared with the undated bucket so their heights compare. */
export function drawHistogram(histogram: ClaimHistogram, window: TimeWindow): DrawnChart {
  const span = histogram.max - histogram.min + 1;
  const scale = Math.max(1, histogram.tallest, histogram.undated.total);
  const dated = svg('svg', {
    class: 'timeline-histogram',
    viewBox: `0 0 ${span} ${CHART_HEIGHT}`,
    preserveAspectRatio: 'none',
    role: 'img',
    'aria-label': `Claims per ${histogram.unit}, stacked by stance, from ${formatPartialDate(dayToIso(histogram.min))} to ${formatPartialDate(dayToIso(histogram.max))}`,
    'data-unit': histogram.unit,
  });
  dated.append(
    svg('rect', {
      class: 'timeline-brush',
      x: window.from - histogram.min,
      y: 0,
      width: window.to - window.from + 1,
      height: CHART_HEIGHT,
    }),
  );
  for (const bucket of histogram.buckets) {
    if (bucket.total === 0) continue;
    const width = bucket.end - bucket.start + 1;
    // A gap of a tenth of the bar between neighbours, so that months read as separate bars.
    const inset = histogram.unit === 'month' ? width * 0.1 : 0.1;
    const outside = bucket.end < window.from || bucket.start > window.to;
    const group = titled(
      svg('g', { class: `timeline-bar${outside ? ' outside' : ''}`, 'data-start': dayToIso(bucket.start), 'data-total': bucket.total }),
      bucketWords(bucketName(histogram, bucket), bucket),
    );
    group.append(...stack(bucket, bucket.start - histogram.min + inset / 2, width - inset, scale, {}));
    dated.append(group);
  }
  // Longer periods ("2014" among months): one band across the whole period per stance, in the lane below the bars.
  for (const period of histogram.periods) {
    const group = titled(
      svg('g', {
        class: 'timeline-period',
        'data-start': dayToIso(period.start),
        'data-end': dayToIso(period.end),
        'data-total': period.total,
      }),
      bucketWords(`Dated only to ${period.label}`, period),
    );
    let top = LANE_TOP;
    for (const stance of STANCE_KEYS) {
      const count = period.counts[stance];
      if (count === 0) continue;
      const height = (count / period.total) * LANE_HEIGHT;
      group.append(
        svg('rect', {
          x: period.start - histogram.min,
          y: top,
          width: period.end - period.start + 1,
          height,
          fill: STANCE_COLORS[stance],
          'data-stance': stance,
          'data-count': count,
        }),
      );
      top += height;
    }
    dated.append(group);
  }
  dated.append(svg('rect', { class: 'timeline-cursor', x: window.to - histogram.min + 1, y: 0, width: span / 400, height: CHART_HEIGHT }));

  const marks: HTMLElement[] = [];
  for (const bucket of histogram.buckets) {
    const iso = dayToIso(bucket.start);
    // Years under monthly bars, months under daily ones; the first bar is always named.
    const first = bucket === histogram.buckets[0];
    const mark = histogram.unit === 'month' ? iso.endsWith('-01-01') || first : monthOf(bucket.start).start === bucket.start || first;
    if (!mark) continue;
    marks.push(
      el('span', {
        class: 'timeline-mark',
        text:
          histogram.unit === 'month' ? (first ? formatPartialDate(iso.slice(0, 7)) : iso.slice(0, 4)) : formatPartialDate(iso.slice(0, 7)),
        attrs: { style: `left: ${((bucket.start - histogram.min) / span) * 100}%` },
      }),
    );
  }
  const axis = el('div', { class: 'timeline-axis', attrs: { 'aria-hidden': 'true' } }, marks);

  const undatedBar = svg('svg', {
    class: 'timeline-undated-bar',
    viewBox: `0 0 10 ${CHART_HEIGHT}`,
    preserveAspectRatio: 'none',
    'aria-hidden': 'true',
  });
  const undatedGroup = titled(
    svg('g', { class: 'timeline-bar', 'data-start': 'undated', 'data-total': histogram.undated.total }),
    bucketWords('Undated', histogram.undated),
  );
  undatedGroup.append(...stack(histogram.undated, 1, 8, scale, {}));
  undatedBar.append(undatedGroup);
  const undated = el(
    'div',
    {
      class: 'timeline-undated',
      title: bucketWords('Undated', histogram.undated),
      attrs: {
        role: 'img',
        'aria-label': `${histogram.undated.total} undated claim${histogram.undated.total === 1 ? '' : 's'}, counted apart`,
      },
    },
    [undatedBar, el('span', { class: 'timeline-undated-label', text: `undated ${histogram.undated.total}` })],
  );
  return { dated, axis, undated };
}
