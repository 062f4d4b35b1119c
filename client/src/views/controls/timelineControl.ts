// The timeline under the graph: a histogram of claims by stance, a window brushed on it (pointer or keyboard), and a replay with step and speed.
// The window's end is the view's `until` (the as-of date of whatever view is open); its arithmetic is core/timeline.ts, its drawing timelineChart.ts.
import { dayToIso, isoToDay } from '../../../../server/model/dates';
import {
  claimHistogram,
  clampWindow,
  dayAtFraction,
  defaultPlayStep,
  formatPartialDate,
  monthOf,
  playDays,
  playIntervalMs,
  PLAY_SPEEDS,
  PLAY_STEPS,
  windowCounts,
  type ClaimHistogram,
  type PlaySpeed,
  type PlayStep,
  type TimelineClaim,
  type TimeWindow,
} from '../../core/timeline';
import { el, setChildren } from '../dom';
import { drawHistogram } from './timelineChart';

/** The window as a saved view keeps it: its start (null: the first dated claim) and its end (null: all dates). */
export interface TimelineWindow {
  from: string | null;
  until: string | null;
}

const STEP_LABELS: Readonly<Record<PlayStep, string>> = { day: 'Day', week: 'Week', month: 'Month' };

export class TimelineControl {
  readonly element: HTMLElement;
  private readonly fromSlider: HTMLInputElement;
  private readonly slider: HTMLInputElement;
  private readonly label: HTMLOutputElement;
  private readonly windowText: HTMLElement;
  private readonly playButton: HTMLButtonElement;
  private readonly allButton: HTMLButtonElement;
  private readonly stepSelect: HTMLSelectElement;
  private readonly speedSelect: HTMLSelectElement;
  private readonly chart: HTMLElement;
  private readonly axisSlot: HTMLElement;
  private readonly undatedSlot: HTMLElement;
  private readonly chartSlot: HTMLElement;
  private claims: TimelineClaim[] = [];
  private histogram: ClaimHistogram | null = null;
  private until: string | null = null;
  /** The window's first day; null is the first dated claim's. Only the timeline and saved views keep it. */
  private from: number | null = null;
  private summary = '';
  private timer: ReturnType<typeof setInterval> | null = null;
  /** The replay's window, its days, and the next one it steps to. */
  private playing: { window: TimeWindow; days: number[]; index: number } | null = null;
  /** The person picked a step: the chart's own default no longer replaces it. */
  private stepChosen = false;
  private brushAnchor: number | null = null;
  private readonly onChange: (until: string | null) => void;
  private readonly stepMs: number;

  constructor(stepMs: number, onChange: (until: string | null) => void) {
    this.onChange = onChange;
    this.stepMs = stepMs;
    const range = (className: string, label: string) =>
      el('input', {
        class: `timeline-range ${className}`,
        attrs: { type: 'range', min: 0, max: 1, step: 1, value: 1, 'aria-label': label, disabled: true },
      });
    this.fromSlider = range('timeline-from', 'Start of the time window (the replay starts here)');
    this.slider = range('timeline-slider', 'End of the time window: show claims made up to this day');
    this.label = el('output', { class: 'timeline-label', attrs: { 'aria-live': 'polite' } });
    this.windowText = el('span', { class: 'timeline-window' });
    this.playButton = el('button', {
      class: 'icon-button',
      text: '▶',
      attrs: { type: 'button', 'aria-label': 'Replay the time window', 'data-action': 'replay', disabled: true },
    });
    this.allButton = el('button', {
      class: 'button small',
      text: 'All dates',
      attrs: { type: 'button', 'data-action': 'all-dates', disabled: true },
    });
    this.stepSelect = el(
      'select',
      { class: 'timeline-step', attrs: { 'aria-label': 'Replay step', title: 'Replay step' } },
      PLAY_STEPS.map((step) => el('option', { text: STEP_LABELS[step], attrs: { value: step } })),
    );
    this.speedSelect = el(
      'select',
      { class: 'timeline-speed', attrs: { 'aria-label': 'Replay speed', title: 'Replay speed' } },
      PLAY_SPEEDS.map((speed) => el('option', { text: `${speed}×`, attrs: { value: speed, selected: speed === 1 } })),
    );
    this.chartSlot = el('div', { class: 'timeline-chart-slot' });
    this.axisSlot = el('div', { class: 'timeline-axis-slot' });
    this.undatedSlot = el('div', { class: 'timeline-undated-slot' });
    this.chart = el('div', { class: 'timeline-dated' }, [this.chartSlot, this.fromSlider, this.slider]);

    this.slider.addEventListener('input', () => {
      this.stop();
      const day = Number(this.slider.value);
      if (this.from !== null && day < this.from) this.from = day;
      this.emit(this.histogram !== null && day >= this.histogram.max ? null : dayToIso(day));
      this.redraw();
    });
    this.fromSlider.addEventListener('input', () => {
      this.stop();
      this.setStart(Number(this.fromSlider.value));
    });
    for (const input of [this.fromSlider, this.slider]) input.addEventListener('keydown', (event) => this.monthKey(event, input));
    this.chart.addEventListener('pointerdown', (event) => this.brushStart(event));
    this.chart.addEventListener('pointermove', (event) => this.brushMove(event));
    this.chart.addEventListener('pointerup', (event) => this.brushEnd(event));
    this.chart.addEventListener('pointercancel', () => {
      this.brushAnchor = null;
      this.redraw();
    });
    this.playButton.addEventListener('click', () => (this.timer === null ? this.play() : this.stop()));
    this.allButton.addEventListener('click', () => {
      this.stop();
      this.from = null;
      this.emit(null);
      this.redraw();
    });
    this.stepSelect.addEventListener('change', () => {
      this.stepChosen = true;
      // A new step mid-replay goes on from where the replay stands, to the same end.
      if (this.playing !== null) this.play(this.playing.days[Math.max(0, this.playing.index - 1)]);
    });
    this.speedSelect.addEventListener('change', () => {
      if (this.playing !== null) this.restartTimer();
    });
    this.element = el('div', { class: 'timeline', attrs: { role: 'group', 'aria-label': 'Timeline' } }, [
      el('div', { class: 'timeline-controls' }, [
        this.playButton,
        this.stepSelect,
        this.speedSelect,
        this.label,
        this.windowText,
        this.allButton,
      ]),
      el('div', { class: 'timeline-chart' }, [
        el('div', { class: 'timeline-dated-column' }, [this.chart, this.axisSlot]),
        this.undatedSlot,
      ]),
    ]);
  }

  /** The claims the histogram counts (the whole graph's, as it grows). */
  setClaims(claims: TimelineClaim[]): void {
    this.claims = claims;
    this.histogram = claimHistogram(claims);
    const histogram = this.histogram;
    for (const input of [this.fromSlider, this.slider]) {
      input.disabled = histogram === null;
      if (histogram !== null) {
        input.min = String(histogram.min);
        input.max = String(histogram.max);
      }
    }
    this.playButton.disabled = histogram === null;
    if (histogram !== null && !this.stepChosen) this.stepSelect.value = defaultPlayStep(histogram.unit);
    this.element.classList.toggle('empty', histogram === null);
    this.update(this.until, this.summary);
  }

  /** Shows `until` and a summary of what it hides, without reporting a change. */
  update(until: string | null, summary: string): void {
    this.until = until;
    this.summary = summary;
    this.redraw();
  }

  /** The window on show, in the form a saved view keeps. */
  window(): TimelineWindow {
    return { from: this.from === null ? null : dayToIso(this.from), until: this.until };
  }

  /** Sets the window's start (a saved view's), without reporting a change: the start is not part of what a view shows. */
  setWindowStart(from: string | null): void {
    this.from = from === null ? null : isoToDay(from);
    this.redraw();
  }

  /** The window as days, inside the chart: the start defaults to the first day, the end to the last (all dates). */
  private currentWindow(): TimeWindow | null {
    const histogram = this.histogram;
    if (histogram === null) return null;
    const to = this.until === null ? histogram.max : (isoToDay(this.until) ?? histogram.max);
    return clampWindow({ from: Math.min(this.from ?? histogram.min, to), to }, histogram.min, histogram.max);
  }

  private redraw(preview?: TimeWindow): void {
    const histogram = this.histogram;
    const window = preview ?? this.currentWindow();
    if (histogram === null || window === null) {
      this.label.textContent = this.claims.length === 0 ? 'No claims' : 'No dated claims';
      this.windowText.textContent = '';
      setChildren(this.chartSlot, []);
      setChildren(this.axisSlot, []);
      setChildren(this.undatedSlot, []);
      this.allButton.disabled = this.until === null;
      return;
    }
    const drawn = drawHistogram(histogram, window);
    setChildren(this.chartSlot, [drawn.dated]);
    setChildren(this.axisSlot, [drawn.axis]);
    setChildren(this.undatedSlot, [drawn.undated]);
    this.fromSlider.value = String(window.from);
    this.slider.value = String(window.to);
    this.fromSlider.setAttribute('aria-valuetext', formatPartialDate(dayToIso(window.from)));
    this.slider.setAttribute('aria-valuetext', this.until === null ? 'all dates' : formatPartialDate(this.until));
    const until = this.until;
    this.label.textContent = `${until === null ? 'All dates' : `Claimed by ${formatPartialDate(until)}`}${this.summary === '' ? '' : ` · ${this.summary}`}`;
    const { counted, inWindow } = windowCounts(this.claims, window);
    const start = window.from > histogram.min ? `from ${formatPartialDate(dayToIso(window.from))}: ` : '';
    this.windowText.textContent = `${start}${inWindow} made in the window, ${counted} counted by its end`;
    this.windowText.title =
      'A claim counts once the whole period its date names has ended: one dated December 2014 counts from 31 December. Undated claims never count as of a date.';
    this.allButton.disabled = until === null && this.from === null;
    this.element.dataset.from = dayToIso(window.from);
    this.element.dataset.until = until ?? '';
  }

  private setStart(day: number): void {
    const window = this.currentWindow();
    if (window === null) return;
    this.from = Math.min(day, window.to);
    this.redraw();
  }

  /** Page Up and Page Down move a window's end by a month, for a keyboard to cross a long span quickly. */
  private monthKey(event: KeyboardEvent, input: HTMLInputElement): void {
    if (event.key !== 'PageUp' && event.key !== 'PageDown') return;
    event.preventDefault();
    const day = Number(input.value);
    const next = event.key === 'PageUp' ? monthOf(monthOf(day).end + 1).end : monthOf(monthOf(day).start - 1).end;
    input.value = String(Math.min(Number(input.max), Math.max(Number(input.min), next)));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }

  private dayAt(event: PointerEvent): number | null {
    const histogram = this.histogram;
    if (histogram === null) return null;
    const box = this.chart.getBoundingClientRect();
    return box.width === 0 ? null : dayAtFraction((event.clientX - box.left) / box.width, histogram.min, histogram.max);
  }

  /** A drag on the chart (not on a handle, which the range inputs move themselves) picks a new window. */
  private brushStart(event: PointerEvent): void {
    if (event.button !== 0 || event.target === this.slider || event.target === this.fromSlider) return;
    const day = this.dayAt(event);
    if (day === null) return;
    event.preventDefault();
    this.stop();
    this.brushAnchor = day;
    this.chart.setPointerCapture(event.pointerId);
  }

  private brushMove(event: PointerEvent): void {
    if (this.brushAnchor === null || this.histogram === null) return;
    const day = this.dayAt(event);
    if (day !== null) this.redraw(clampWindow({ from: this.brushAnchor, to: day }, this.histogram.min, this.histogram.max));
  }

  private brushEnd(event: PointerEvent): void {
    const anchor = this.brushAnchor;
    this.brushAnchor = null;
    const histogram = this.histogram;
    const day = this.dayAt(event);
    if (anchor === null || histogram === null || day === null) return;
    if (day === anchor) {
      // A click moves the window's end there, keeping its start (or bringing it back to the day, if it lay after).
      const window = this.currentWindow();
      if (window !== null && window.from > day) this.from = day;
    } else {
      this.from = Math.min(anchor, day);
    }
    const to = Math.max(anchor, day);
    this.emit(to >= histogram.max ? null : dayToIso(to));
    this.redraw();
  }

  private emit(until: string | null): void {
    if (until === this.until) return;
    this.until = until;
    this.element.dataset.until = until ?? '';
    this.onChange(until);
  }

  private speed(): PlaySpeed {
    const speed = Number(this.speedSelect.value);
    return (PLAY_SPEEDS as readonly number[]).includes(speed) ? (speed as PlaySpeed) : 1;
  }

  private step(): PlayStep {
    const step = this.stepSelect.value;
    return (PLAY_STEPS as readonly string[]).includes(step) ? (step as PlayStep) : 'month';
  }

  /**
   * Replays the window from its start (or from `at`, when the step changes mid-replay) to its end, one step per tick,
   * and stops there. A window of one day replays the whole timeline instead, so the button always does something.
   */
  play(at?: number): void {
    const histogram = this.histogram;
    const window = this.playing?.window ?? this.currentWindow();
    if (histogram === null || window === null) return;
    this.stop();
    const whole = window.from === window.to ? { from: histogram.min, to: histogram.max } : window;
    const days = playDays({ from: at ?? whole.from, to: whole.to }, this.step());
    this.playing = { days, index: 0, window: whole };
    this.playButton.textContent = '❚❚';
    this.playButton.setAttribute('aria-label', 'Pause the replay');
    this.element.dataset.playing = 'true';
    this.from = whole.from;
    this.tick();
    this.restartTimer();
  }

  private restartTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = setInterval(() => this.tick(), playIntervalMs(this.stepMs, this.speed()));
  }

  private tick(): void {
    const histogram = this.histogram;
    const playing = this.playing;
    if (histogram === null || playing === null) return;
    const day = playing.days[playing.index];
    if (day === undefined) {
      this.stop();
      return;
    }
    this.emit(day >= histogram.max ? null : dayToIso(day));
    this.redraw();
    playing.index += 1;
    if (playing.index >= playing.days.length) this.stop();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.playing = null;
    this.playButton.textContent = '▶';
    this.playButton.setAttribute('aria-label', 'Replay the time window');
    delete this.element.dataset.playing;
  }
}
