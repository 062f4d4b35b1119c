// The detail panel: its shell (open, close, loading, error), the Navigator its links call, and the blocks every panel view is built of.
import type { ActorRef, Claim, ExplanationRef, SubjectRef } from '../../../../server/model/api';
import type { ChainDirection, RecordType } from '../../../../server/model/vocabulary';
import { describeError } from '../../core/errors';
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
    if (focus) this.heading.focus({ preventScroll: true });
  }

  loading(kicker: string, title: string): void {
    this.show(kicker, title, [el('p', { class: 'muted loading-line', text: 'Loading…', attrs: { role: 'status' } })]);
  }

  error(kicker: string, title: string, error: unknown, retry: () => void): void {
    const { title: problem, detail } = describeError(error);
    this.show(kicker, title, [
      el('div', { class: 'problem', attrs: { role: 'alert' } }, [
        el('strong', { class: 'problem-title', text: problem }),
        el('p', { class: 'problem-detail', text: detail }),
        el('button', { class: 'button', text: 'Retry', attrs: { type: 'button' }, on: { click: retry } }),
      ]),
    ]);
  }

  hide(): void {
    this.element.hidden = true;
    document.body.classList.remove('panel-open');
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
