// The detail panel: its shell (open, close, loading, error), the Navigator its links call, and the blocks every panel view is built of.
import type { ActorRef, Claim, ExplanationRef, SubjectRef } from '../../../../server/model/api';
import type { ChainDirection, RecordType } from '../../../../server/model/vocabulary';
import { describeError, isNotFound } from '../../core/errors';
import { ACTOR_KIND_COLORS, NODE_TYPE_STYLE, STANCE_COLORS, STANCE_LABELS, isActorKind, stanceKey } from '../../core/graph/style';
import { claimDateText } from '../../core/wording';
import { el, setChildren, swatch } from '../dom';

/** What the panel's links and buttons can ask of the explorer. */
export interface Navigator {
  open(id: string): void;
  expand(id: string): void;
  attribution(incidentId: string): void;
  chain(claimId: string, direction: ChainDirection): void;
  pathEnd(id: string, end: 'from' | 'to'): void;
  /** Opens a source's article in the reader; with a claim, the claim's panel too, and the reader marks and scrolls to its span. */
  read(sourceId: string, claimId: string | null): void;
  /** The address of that same view, for links a person can open in a new tab or share. */
  readerHref(sourceId: string, claimId: string | null): string;
}

export class Panel {
  readonly element: HTMLElement;
  private readonly heading: HTMLHeadingElement;
  private readonly kicker: HTMLDivElement;
  private readonly body: HTMLDivElement;
  private readonly onClose: () => void;
  /** Where keyboard focus was before the panel took it; it goes back there when the panel closes. */
  private returnFocus: HTMLElement | null = null;
  private handle: HTMLElement | null = null;

  constructor(onClose: () => void) {
    this.onClose = onClose;
    this.kicker = el('div', { class: 'panel-kicker' });
    this.heading = el('h2', { class: 'panel-title', attrs: { id: 'panel-title', tabindex: '-1' } });
    const close = el('button', {
      class: 'icon-button panel-close',
      text: '×',
      attrs: { type: 'button', 'aria-label': 'Close the panel (Escape)' },
      on: { click: () => this.onClose() },
    });
    this.body = el('div', { class: 'panel-body' });
    this.element = el('aside', { class: 'panel', attrs: { id: 'panel', 'aria-labelledby': 'panel-title', hidden: true } }, [
      this.resizer(),
      el('header', { class: 'panel-header' }, [el('div', {}, [this.kicker, this.heading]), close]),
      this.body,
    ]);
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.onClose();
      }
    });
  }

  /**
   * The handle on the panel's left edge: drag it, or focus it and press the arrow keys, to widen or narrow the panel.
   * CSS caps the width so that the graph keeps at least half the page.
   */
  private resizer(): HTMLElement {
    const handle = el('div', {
      class: 'panel-resizer',
      attrs: { role: 'separator', tabindex: 0, 'aria-orientation': 'vertical', 'aria-label': 'Resize the panel', 'aria-controls': 'panel' },
    });
    this.handle = handle;
    const setWidth = (width: number) => {
      this.element.style.setProperty('--panel-width', `${Math.round(Math.max(280, width))}px`);
      this.describeWidth();
      // Sigma watches its container's size on render; a resize event makes it redraw at the new width now.
      window.dispatchEvent(new Event('resize'));
    };
    handle.addEventListener('pointerdown', (event) => {
      event.preventDefault();
      handle.setPointerCapture(event.pointerId);
      const right = this.element.getBoundingClientRect().right;
      const move = (moved: PointerEvent) => setWidth(right - moved.clientX);
      const up = () => {
        handle.removeEventListener('pointermove', move);
        handle.removeEventListener('pointerup', up);
      };
      handle.addEventListener('pointermove', move);
      handle.addEventListener('pointerup', up);
    });
    handle.addEventListener('keydown', (event) => {
      const step = event.shiftKey ? 80 : 24;
      if (event.key === 'ArrowLeft') setWidth(this.element.offsetWidth + step);
      else if (event.key === 'ArrowRight') setWidth(this.element.offsetWidth - step);
      else return;
      event.preventDefault();
    });
    return handle;
  }

  /** The separator's value is the panel's width in pixels, within the range CSS allows it. */
  private describeWidth(): void {
    if (this.handle === null) return;
    this.handle.setAttribute('aria-valuemin', '280');
    this.handle.setAttribute('aria-valuemax', String(Math.max(280, Math.round(window.innerWidth / 2))));
    this.handle.setAttribute('aria-valuenow', String(this.element.offsetWidth));
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** Fills and opens the panel; `focus` moves keyboard focus to its title so that Tab continues inside it. */
  show(kicker: string, title: string, content: Array<Node | null>, focus = false): void {
    this.kicker.textContent = kicker;
    this.heading.textContent = title;
    setChildren(this.body, content);
    this.body.scrollTop = 0;
    this.element.hidden = false;
    document.body.classList.add('panel-open');
    this.describeWidth();
    if (focus) {
      const active = document.activeElement;
      if (active instanceof HTMLElement && active !== document.body && !this.element.contains(active)) this.returnFocus = active;
      this.heading.focus({ preventScroll: true });
    }
  }

  loading(kicker: string, title: string): void {
    this.show(kicker, title, [el('p', { class: 'muted loading-line', text: 'Loading…', attrs: { role: 'status' } })]);
  }

  /**
   * A failure in the panel. `asked` names what was asked for (a record id, a path's ends): a 404 says that it does
   * not exist and offers no Retry, since asking again cannot change the answer; other failures offer one.
   */
  error(kicker: string, title: string, error: unknown, retry: () => void, asked: string | null = null): void {
    const { title: problem, detail } = describeError(error);
    if (isNotFound(error)) {
      const what = asked ?? title;
      this.show(kicker, title, [
        el('div', { class: 'problem not-found', attrs: { role: 'alert', 'data-problem': 'not-found' } }, [
          el('strong', { class: 'problem-title', text: `Nothing found for “${what}”` }),
          el('p', {
            class: 'problem-detail',
            text: `The database holds no record “${what}”: the link may be mistyped, or the record was renamed or removed. Search for it by name instead.`,
          }),
          el('p', { class: 'problem-detail muted', text: detail }),
          el('button', {
            class: 'button',
            text: 'Close',
            attrs: { type: 'button', 'data-action': 'close' },
            on: { click: () => this.onClose() },
          }),
        ]),
      ]);
      return;
    }
    this.show(kicker, title, [
      el('div', { class: 'problem', attrs: { role: 'alert' } }, [
        el('strong', { class: 'problem-title', text: problem }),
        el('p', { class: 'problem-detail', text: detail }),
        el('button', { class: 'button', text: 'Retry', attrs: { type: 'button', 'data-action': 'retry' }, on: { click: retry } }),
      ]),
    ]);
  }

  hide(): void {
    const hadFocus = this.element.contains(document.activeElement);
    this.element.hidden = true;
    document.body.classList.remove('panel-open');
    const back = this.returnFocus;
    this.returnFocus = null;
    if (hadFocus && back !== null && back.isConnected) back.focus({ preventScroll: true });
  }
}

// ------------------------------------------------------------------ building blocks

export function section(title: string, children: Array<Node | null>, className = ''): HTMLElement | null {
  const present = children.filter((child): child is Node => child !== null);
  if (present.length === 0) return null;
  return el('section', { class: `panel-section ${className}`.trim() }, [el('h3', { text: title }), ...present]);
}

/** A button that navigates to a node, with its shape and colour as a swatch. */
export function nodeLink(nav: Navigator, id: string, label: string, type: RecordType, color?: string): HTMLButtonElement {
  const style = NODE_TYPE_STYLE[type];
  return el('button', { class: 'node-link', attrs: { type: 'button', 'data-node': id }, on: { click: () => nav.open(id) } }, [
    swatch(style.shape, color ?? style.color),
    el('span', { text: label }),
  ]);
}

export function actorLink(nav: Navigator, actor: ActorRef): HTMLButtonElement {
  return nodeLink(nav, actor.id, actor.name, 'actor', isActorKind(actor.kind) ? ACTOR_KIND_COLORS[actor.kind] : undefined);
}

export function explanationLink(nav: Navigator, explanation: Pick<ExplanationRef, 'id' | 'name'>): HTMLButtonElement {
  return nodeLink(nav, explanation.id, explanation.name, 'explanation');
}

/** A link that opens a source's article in the reader (at a claim's span when given); a plain click stays in the page. */
export function readerLink(nav: Navigator, sourceId: string, claimId: string | null, text = 'Open in the article'): HTMLAnchorElement {
  return el('a', {
    class: 'reader-link',
    text,
    attrs: { href: nav.readerHref(sourceId, claimId), 'data-action': 'open-in-article', 'data-source': sourceId },
    on: {
      click: (event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        nav.read(sourceId, claimId);
      },
    },
  });
}

export function subjectLink(nav: Navigator, subject: SubjectRef): HTMLButtonElement {
  return nodeLink(nav, subject.id, subject.label, subject.type);
}

export function stanceBadge(stance: unknown): HTMLSpanElement {
  const key = stanceKey(stance);
  return el('span', {
    class: `badge stance-${key}`,
    text: key === 'none' ? 'no stance' : key,
    title: STANCE_LABELS[key],
    attrs: { style: `--badge:${STANCE_COLORS[key]}` },
  });
}

/** One claim in a list: claimant, stance, paraphrase and date; the whole row opens the claim. */
export function claimRow(nav: Navigator, claim: Claim, claimant: ActorRef | null, extra: Array<Node | null> = []): HTMLLIElement {
  const key = stanceKey(claim.stance);
  return el('li', { class: 'claim-row' }, [
    el('button', { class: 'claim-link', attrs: { type: 'button', 'data-node': claim.id }, on: { click: () => nav.open(claim.id) } }, [
      swatch('diamond', STANCE_COLORS[key]),
      el('span', { class: 'claim-row-text' }, [
        claimant === null ? null : el('strong', { text: `${claimant.name}: ` }),
        claim.text,
        el('span', { class: 'muted claim-row-date', text: ` · ${claimDateText(claim.date, claim.dateBasis)}` }),
      ]),
    ]),
    ...extra,
  ]);
}
