// Visible state of the page: loading, failures with the problem's title and detail and a retry button, and notices.
import { describeError } from '../../core/errors';
import { el, setChildren } from '../dom';

export class StatusLayer {
  readonly element: HTMLDivElement;
  private readonly notices: HTMLDivElement;
  private retryTimer: ReturnType<typeof setInterval> | null = null;

  constructor() {
    this.element = el('div', { class: 'status-layer', attrs: { id: 'status', role: 'status', 'aria-live': 'polite' } });
    this.notices = el('div', { class: 'notices', attrs: { 'aria-live': 'polite' } });
  }

  get noticeElement(): HTMLDivElement {
    return this.notices;
  }

  loading(text: string): void {
    this.stopCountdown();
    this.element.hidden = false;
    this.element.className = 'status-layer loading';
    setChildren(this.element, [
      el('div', { class: 'status-card' }, [el('div', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }), el('p', { text })]),
    ]);
  }

  /**
   * A failure that leaves the page without a graph: says what the server said and offers to retry. With `autoRetry`,
   * an answer that named a Retry-After is retried by itself once that time has passed.
   */
  failure(context: string, error: unknown, retry: () => void, autoRetry = false): void {
    this.stopCountdown();
    const { title, detail, retryAfter } = describeError(error);
    const button = el('button', {
      class: 'button',
      text: 'Retry',
      attrs: { type: 'button', 'data-action': 'retry' },
      on: { click: retry },
    });
    const hint = el('p', { class: 'muted retry-hint' });
    this.element.hidden = false;
    this.element.className = 'status-layer failure';
    setChildren(this.element, [
      el('div', { class: 'status-card problem', attrs: { role: 'alert' } }, [
        el('p', { class: 'problem-context', text: context }),
        el('h2', { class: 'problem-title', text: title }),
        el('p', { class: 'problem-detail', text: detail }),
        button,
        hint,
      ]),
    ]);
    if (retryAfter !== null && retryAfter > 0) {
      let left = retryAfter;
      const say = () => {
        hint.textContent = autoRetry ? `Retrying by itself in ${left} s.` : `The server asks to retry in ${left} s.`;
      };
      say();
      this.retryTimer = setInterval(() => {
        left -= 1;
        if (left > 0) {
          say();
          return;
        }
        this.stopCountdown();
        if (autoRetry) retry();
        else hint.textContent = 'You can retry now.';
      }, 1000);
    }
    button.focus();
  }

  clear(): void {
    this.stopCountdown();
    this.element.hidden = true;
    setChildren(this.element, []);
  }

  /** A dismissible line over the graph (e.g. the graph was cut, or a URL parameter was ignored). */
  notice(text: string, kind: 'info' | 'warning' = 'info'): void {
    const item = el('div', { class: `notice ${kind}` }, [
      el('span', { text }),
      el('button', {
        class: 'icon-button',
        text: '×',
        attrs: { type: 'button', 'aria-label': 'Dismiss' },
        on: { click: () => item.remove() },
      }),
    ]);
    this.notices.append(item);
  }

  private stopCountdown(): void {
    if (this.retryTimer !== null) clearInterval(this.retryTimer);
    this.retryTimer = null;
  }
}
