// The timeline slider over claim dates: pick a day to see what had been claimed by then, or replay day by day (its arithmetic is core/timeline.ts).
import { dayToIso, isoToDay } from '../../../../server/model/dates';
import { formatPartialDate, type TimelineRange } from '../../core/timeline';
import { el } from '../dom';

export class TimelineControl {
  readonly element: HTMLElement;
  private readonly slider: HTMLInputElement;
  private readonly label: HTMLOutputElement;
  private readonly playButton: HTMLButtonElement;
  private readonly allButton: HTMLButtonElement;
  private range: TimelineRange | null = null;
  private until: string | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly onChange: (until: string | null) => void;
  private readonly stepMs: number;

  constructor(stepMs: number, onChange: (until: string | null) => void) {
    this.onChange = onChange;
    this.stepMs = stepMs;
    this.slider = el('input', {
      class: 'timeline-slider',
      attrs: { type: 'range', min: 0, max: 1, step: 1, value: 1, 'aria-label': 'Show claims made up to this day', disabled: true },
    });
    this.label = el('output', { class: 'timeline-label', attrs: { 'aria-live': 'polite' } });
    this.playButton = el('button', {
      class: 'icon-button',
      text: '▶',
      attrs: { type: 'button', 'aria-label': 'Replay the timeline', 'data-action': 'replay', disabled: true },
    });
    this.allButton = el('button', {
      class: 'button small',
      text: 'All dates',
      attrs: { type: 'button', 'data-action': 'all-dates', disabled: true },
    });
    this.slider.addEventListener('input', () => {
      this.stop();
      const day = Number(this.slider.value);
      this.emit(this.range !== null && day >= this.range.max ? null : dayToIso(day));
    });
    this.playButton.addEventListener('click', () => (this.timer === null ? this.play() : this.stop()));
    this.allButton.addEventListener('click', () => {
      this.stop();
      this.emit(null);
    });
    this.element = el('div', { class: 'timeline', attrs: { role: 'group', 'aria-label': 'Timeline' } }, [
      this.playButton,
      this.slider,
      this.label,
      this.allButton,
    ]);
  }

  setRange(range: TimelineRange | null): void {
    this.range = range;
    this.slider.disabled = range === null;
    this.playButton.disabled = range === null;
    if (range !== null) {
      this.slider.min = String(range.min);
      this.slider.max = String(range.max);
    }
    this.update(this.until, '');
  }

  /** Shows `until` and a summary of what it hides, without reporting a change. */
  update(until: string | null, summary: string): void {
    this.until = until;
    const range = this.range;
    if (range === null) {
      this.label.textContent = 'No dated claims';
      return;
    }
    const day = until === null ? null : isoToDay(until);
    this.slider.value = String(day === null ? range.max : Math.min(Math.max(day, range.min), range.max));
    this.slider.setAttribute('aria-valuetext', until === null ? 'all dates' : formatPartialDate(until));
    this.label.textContent = `${until === null ? 'All dates' : `Claimed by ${formatPartialDate(until)}`}${summary === '' ? '' : ` · ${summary}`}`;
    this.allButton.disabled = until === null;
  }

  private emit(until: string | null): void {
    if (until === this.until) return;
    this.until = until;
    this.onChange(until);
  }

  /** Replays from the first dated claim, one period start per tick, and ends on "all dates". */
  play(): void {
    const range = this.range;
    if (range === null) return;
    this.stop();
    let index = 0;
    this.playButton.textContent = '❚❚';
    this.playButton.setAttribute('aria-label', 'Pause the replay');
    const tick = () => {
      const day = range.steps[index];
      if (day === undefined) {
        this.stop();
        this.emit(null);
        return;
      }
      this.emit(dayToIso(day));
      index += 1;
    };
    tick();
    this.timer = setInterval(tick, Math.max(this.stepMs, 400));
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.playButton.textContent = '▶';
    this.playButton.setAttribute('aria-label', 'Replay the timeline');
  }
}
