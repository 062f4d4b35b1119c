// The detail panel: its shell (open, close, loading, error) and what it shows for a claim, an actor and a source.
import type { ActorDetail, ActorRef, Claim, ClaimDetail, ClaimSummary, LinkedClaim, Source, SourceDetail, SubjectRef } from '../../server/model/api';
import { el, setChildren, swatch } from './dom';
import { describeError } from './errors';
import { ACTOR_KIND_COLORS, ACTOR_KIND_LABELS, NODE_TYPE_STYLE, STANCE_COLORS, STANCE_LABELS, isActorKind, stanceKey } from './style';
import { formatPartialDate } from './timeline';

/** What the panel's links and buttons can ask of the explorer. */
export interface Navigator {
  open(id: string): void;
  expand(id: string): void;
  attribution(incidentId: string): void;
  chain(claimId: string, direction: 'upstream' | 'downstream'): void;
  pathEnd(id: string, end: 'from' | 'to'): void;
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
export function nodeLink(nav: Navigator, id: string, label: string, type: keyof typeof NODE_TYPE_STYLE, color?: string): HTMLButtonElement {
  const style = NODE_TYPE_STYLE[type];
  return el('button', { class: 'node-link', attrs: { type: 'button', 'data-node': id }, on: { click: () => nav.open(id) } }, [
    swatch(style.shape, color ?? style.color),
    el('span', { text: label }),
  ]);
}

export function actorLink(nav: Navigator, actor: ActorRef): HTMLButtonElement {
  return nodeLink(nav, actor.id, actor.name, 'actor', isActorKind(actor.kind) ? ACTOR_KIND_COLORS[actor.kind] : undefined);
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
        el('span', { class: 'muted claim-row-date', text: ` · ${formatPartialDate(claim.date)}` }),
      ]),
    ]),
    ...extra,
  ]);
}

function claimList(nav: Navigator, claims: Array<{ claim: Claim; claimant: ActorRef | null }>): HTMLUListElement | null {
  if (claims.length === 0) return null;
  return el(
    'ul',
    { class: 'claim-list' },
    claims.map(({ claim, claimant }) => claimRow(nav, claim, claimant)),
  );
}

function linked(nav: Navigator, title: string, claims: LinkedClaim[]): HTMLElement | null {
  return section(title, [claimList(nav, claims)]);
}

function field(label: string, value: Node | string | null | undefined): HTMLElement | null {
  if (value === null || value === undefined || value === '') return null;
  return el('div', { class: 'field' }, [el('dt', { text: label }), el('dd', {}, [value])]);
}

function fields(...items: Array<HTMLElement | null>): HTMLElement | null {
  const present = items.filter((item): item is HTMLElement => item !== null);
  return present.length === 0 ? null : el('dl', { class: 'fields' }, present);
}

function actions(buttons: Array<[string, () => void, string?]>): HTMLElement {
  return el(
    'div',
    { class: 'panel-actions' },
    buttons.map(([label, handler, name]) =>
      el('button', { class: 'button small', text: label, attrs: { type: 'button', 'data-action': name }, on: { click: handler } }),
    ),
  );
}

function sourceItem(nav: Navigator, source: Source): HTMLLIElement {
  const meta = [source.publisher, source.author, source.published === null ? null : formatPartialDate(source.published)].filter(
    (part) => part !== null && part !== '',
  );
  return el('li', { class: 'source-row' }, [
    nodeLink(nav, source.id, source.title, 'source'),
    meta.length > 0 ? el('span', { class: 'muted', text: meta.join(' · ') }) : null,
    source.url === null
      ? null
      : el('a', { class: 'external', text: 'open article ↗', attrs: { href: source.url, target: '_blank', rel: 'noopener noreferrer' } }),
  ]);
}

function datePrecisionNote(date: string | null, precision: string | null): string {
  if (date === null) return 'undated';
  return precision === null ? formatPartialDate(date) : `${formatPartialDate(date)} (${precision} precision)`;
}

// ------------------------------------------------------------------ per type

export function claimContent(nav: Navigator, detail: ClaimDetail): Array<Node | null> {
  const { claim } = detail;
  return [
    el('div', { class: 'badges' }, [
      stanceBadge(claim.stance),
      el('span', { class: 'badge neutral', text: claim.kind }),
      el('span', { class: 'badge neutral', text: `confidence: ${claim.confidence}`, title: 'How firmly the claimant put it' }),
    ]),
    fields(
      field('Claimant', actorLink(nav, detail.claimant)),
      field('Stance', STANCE_LABELS[stanceKey(claim.stance)]),
      field('Confidence', claim.confidence),
      field('Hedge', claim.hedge === null ? null : el('q', { class: 'hedge', text: claim.hedge })),
      field('Date', datePrecisionNote(claim.date, claim.datePrecision)),
    ),
    section('Paraphrase', [el('p', { class: 'paraphrase', text: claim.text })]),
    section('Verbatim quote', [
      claim.quote === null
        ? el('p', { class: 'muted no-quote', text: 'No verbatim quote: the sources report this claim only in their own words.' })
        : el('blockquote', { class: 'quote', text: claim.quote }),
    ]),
    section(
      'About',
      detail.about.map((subject) => subjectLink(nav, subject)),
      'links',
    ),
    section(
      'Accuses',
      detail.accused.map((actor) => actorLink(nav, actor)),
      'links',
    ),
    section('Sources', [
      detail.sources.length === 0
        ? null
        : el(
            'ul',
            { class: 'source-list' },
            detail.sources.map((source) => sourceItem(nav, source)),
          ),
    ]),
    section(
      'Reported via',
      detail.reportedVia.map((actor) => actorLink(nav, actor)),
      'links',
    ),
    linked(nav, 'Supports', detail.supports),
    linked(nav, 'Supported by', detail.supportedBy),
    linked(nav, 'Disputes', detail.disputes),
    linked(nav, 'Disputed by', detail.disputedBy),
    linked(nav, 'Responds to', detail.respondsTo),
    linked(nav, 'Responded to by', detail.respondedBy),
    linked(nav, 'Cites', detail.cites),
    linked(nav, 'Cited by', detail.citedBy),
    actions([
      ['Evidence chain ↑', () => nav.chain(claim.id, 'upstream'), 'chain-upstream'],
      ['Follow-ups ↓', () => nav.chain(claim.id, 'downstream'), 'chain-downstream'],
      ['Expand neighbours', () => nav.expand(claim.id), 'expand'],
      ['Path from here', () => nav.pathEnd(claim.id, 'from'), 'path-from'],
    ]),
  ];
}

function summaryList(nav: Navigator, claims: ClaimSummary[], withClaimant: boolean): HTMLUListElement | null {
  return claimList(
    nav,
    claims.map((claim) => ({ claim, claimant: withClaimant ? claim.claimant : null })),
  );
}

export function actorContent(nav: Navigator, detail: ActorDetail): Array<Node | null> {
  const { actor } = detail;
  const kindColor = isActorKind(actor.kind) ? ACTOR_KIND_COLORS[actor.kind] : NODE_TYPE_STYLE.actor.color;
  return [
    el('div', { class: 'badges' }, [
      el('span', {
        class: 'badge',
        text: isActorKind(actor.kind) ? ACTOR_KIND_LABELS[actor.kind] : actor.kind,
        attrs: { style: `--badge:${kindColor}` },
      }),
    ]),
    actor.description === null ? null : el('p', { class: 'description', text: actor.description }),
    fields(field('Also known as', actor.aliases.length === 0 ? null : actor.aliases.join('; '))),
    section('Affiliations', [
      detail.affiliations.length === 0
        ? null
        : el(
            'ul',
            { class: 'affiliations' },
            detail.affiliations.map((affiliation) =>
              el('li', {}, [
                affiliation.direction === 'outgoing' ? el('span', { class: 'muted', text: `${affiliation.role} of ` }) : null,
                actorLink(nav, affiliation.actor),
                affiliation.direction === 'incoming' ? el('span', { class: 'muted', text: ` (${affiliation.role})` }) : null,
                el('span', { class: 'muted', text: ` · ${affiliation.certainty}` }),
              ]),
            ),
          ),
    ]),
    section(`Claims made (${detail.claimsMade.length})`, [summaryList(nav, detail.claimsMade, false)]),
    section(`Claims about or accusing it (${detail.claimsAbout.length})`, [summaryList(nav, detail.claimsAbout, true)]),
    actions([
      ['Expand neighbours', () => nav.expand(actor.id), 'expand'],
      ['Path from here', () => nav.pathEnd(actor.id, 'from'), 'path-from'],
      ['Path to here', () => nav.pathEnd(actor.id, 'to'), 'path-to'],
    ]),
  ];
}

export function sourceContent(nav: Navigator, detail: SourceDetail): Array<Node | null> {
  const { source } = detail;
  return [
    fields(
      field('Publisher', source.publisher),
      field('Author', source.author),
      field('Published', source.published === null ? null : datePrecisionNote(source.published, source.publishedPrecision)),
      field('Document', source.documentRef),
      field(
        'Link',
        source.url === null
          ? null
          : el('a', { class: 'external', text: source.url, attrs: { href: source.url, target: '_blank', rel: 'noopener noreferrer' } }),
      ),
    ),
    section(`Claims reported here (${detail.claims.length})`, [claimList(nav, detail.claims)]),
    actions([['Expand neighbours', () => nav.expand(source.id), 'expand']]),
  ];
}
